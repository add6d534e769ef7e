/**
 * The studio's forms name each input by its field path in the file (`questions.0.options.1.text`), so
 * one function turns any editor's form back into the object its YAML holds. A suffix says how to read
 * the value: `:number`, `:bool` (a checkbox: present means true), `:lines` (a textarea, one item per
 * line), `:words` (a list typed on one line, separated by commas or spaces). Empty values are left out, as an author would leave an optional field out of the file.
 */

type Tree = { [key: string]: unknown } | unknown[];

/** Reads one value by its suffix; undefined means "leave the field out". */
function readValue(kind: string | undefined, raw: string): unknown {
  const text = raw.replace(/\r\n/g, '\n');
  if (kind === 'bool') return true;
  if (kind === 'lines') {
    const lines = text.split('\n').map((line) => line.trim());
    return lines.some(Boolean) ? lines.filter(Boolean) : undefined;
  }
  if (kind === 'words') {
    const words = text.split(/[\s,]+/).filter(Boolean);
    return words.length ? words : undefined;
  }
  if (text.trim() === '') return undefined;
  if (kind === 'number') {
    const n = Number(text.trim());
    // A value that is not a number is kept as text, so the schema names it instead of it vanishing.
    return Number.isFinite(n) ? n : text.trim();
  }
  return text;
}

const isIndex = (segment: string): boolean => /^\d+$/.test(segment);

/** Only plain field names and positions: `__proto__` and friends must never become keys we assign through. */
export const SAFE_SEGMENT = /^(?:\d{1,4}|[A-Za-z][A-Za-z0-9_-]{0,63})$/;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export function isSafePath(segments: readonly string[]): boolean {
  return segments.length > 0 && segments.every((s) => SAFE_SEGMENT.test(s) && !FORBIDDEN.has(s));
}

function setAt(root: Tree, segments: string[], value: unknown): void {
  let node: Tree = root;
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    const key = isIndex(segment) ? Number(segment) : segment;
    const container = node as Record<string | number, unknown>;
    if (last) {
      container[key] = value;
      return;
    }
    container[key] ??= isIndex(segments[i + 1]!) ? [] : {};
    node = container[key] as Tree;
  });
}

/** Drops empty fields and the holes between rows, so arrays stay in form order. */
function prune(value: unknown): unknown {
  if (Array.isArray(value)) {
    // A row left blank stays as an empty row (the check names what it lacks) rather than vanishing.
    return value.filter((item) => item !== undefined).map((item) => prune(item) ?? {});
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, child]) => [key, prune(child)] as const);
    const kept = entries.filter(([, child]) => child !== undefined && !isEmptyObject(child));
    return kept.length ? Object.fromEntries(kept) : undefined;
  }
  return value;
}

const isEmptyObject = (value: unknown): boolean =>
  !!value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;

/** Field names the editors use for their own controls, never part of the file. */
export const CONTROL_FIELD = /^_/;

/**
 * The object a form describes. Fields whose names start with `_` are the editor's own (intent,
 * savedAt) and are skipped; files (uploads) are skipped too.
 */
export function fieldsToObject(entries: Iterable<[string, FormDataEntryValue | string]>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [name, raw] of entries) {
    if (CONTROL_FIELD.test(name) || typeof raw !== 'string') continue;
    const [path, kind] = name.split(':');
    const value = readValue(kind, raw);
    const segments = (path ?? '').split('.');
    if (!isSafePath(segments)) continue;
    // An empty field is still set (to undefined, dropped below) so that its row exists: a new, blank
    // node or option must survive the next post.
    setAt(root, segments, value);
  }
  return (prune(root) as Record<string, unknown> | undefined) ?? {};
}

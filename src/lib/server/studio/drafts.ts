/**
 * Studio drafts: what a trainer saved but has not published. One JSON file per content file under
 * `<studioRoot>/.studio/drafts/<path>.json` (gitignored), where `path` is relative to content/.
 * Files, not database rows, because publishing turns a draft into a file in content/ and the two
 * should live side by side; writes go to a temp file and are renamed in place so a reader never sees
 * half a draft (docs/decisions/022-authoring-studio.md).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { checkContentPath } from '../../studio/paths.ts';

export interface Draft {
  /** Relative to content/, e.g. `modules/empathy/what-empathy-is.mdx`. */
  path: string;
  /** The file's text; for an image (modules/<id>/images/*), the file in base64. */
  body: string;
  /** sha256 of the published file when editing began; null = a new file. */
  baseSha256: string | null;
  /** User id of whoever saved it last. */
  author: string;
  /** ISO time of the last save. */
  savedAt: string;
  /** True when the draft proposes deleting the published file. */
  deleted: boolean;
}

export type SaveResult = { ok: true; draft: Draft } | { ok: false; conflict: { mine: string; theirs: Draft } };

/** The project root: process.cwd() unless STUDIO_ROOT is set (tests point it at a temp copy). */
export function studioRoot(): string {
  return process.env.STUDIO_ROOT || process.cwd();
}

export function draftsDir(): string {
  return join(studioRoot(), '.studio', 'drafts');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function draftFile(path: string): string {
  const problem = checkContentPath(path);
  if (problem) throw new Error(`Draft path refused: ${problem}`);
  return join(draftsDir(), `${path}.json`);
}

/**
 * Saves a draft unless someone else saved one since the editor loaded it (`expectedDraftSavedAt` is
 * the savedAt it loaded, null for none): then nothing is written and both versions come back, so the
 * second trainer can merge by hand and nothing is lost.
 */
export async function saveDraft(input: {
  path: string;
  /** The file's text; for an image (modules/<id>/images/*), the file in base64. */
  body: string;
  baseSha256: string | null;
  author: string;
  deleted?: boolean;
  expectedDraftSavedAt: string | null;
}): Promise<SaveResult> {
  const file = draftFile(input.path);
  const current = await readDraft(input.path);
  if (current && current.savedAt !== input.expectedDraftSavedAt) {
    return { ok: false, conflict: { mine: input.body, theirs: current } };
  }
  const draft: Draft = {
    path: input.path,
    body: input.body,
    // A draft keeps the base it started from, so publish can tell whether content/ moved under it.
    baseSha256: current ? current.baseSha256 : input.baseSha256,
    author: input.author,
    savedAt: nextSavedAt(current?.savedAt ?? null),
    deleted: input.deleted ?? false,
  };
  await writeAtomic(file, JSON.stringify(draft, null, 2) + '\n');
  return { ok: true, draft };
}

/** Now, or a millisecond past the previous save so two quick saves never share a savedAt. */
function nextSavedAt(previous: string | null): string {
  const now = Date.now();
  const after = previous ? Date.parse(previous) + 1 : 0;
  return new Date(Math.max(now, after)).toISOString();
}

async function writeAtomic(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export async function readDraft(path: string): Promise<Draft | null> {
  const file = draftFile(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return JSON.parse(text) as Draft;
}

/** Every draft, oldest path first. Temp files of a write in progress are skipped. */
export async function listDrafts(): Promise<Draft[]> {
  const root = draftsDir();
  let entries: string[];
  try {
    entries = (await readdir(root, { recursive: true })) as string[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const paths = entries
    .filter((entry) => entry.endsWith('.json'))
    .map((entry) => relative(root, join(root, entry)).split(sep).join('/').slice(0, -'.json'.length))
    .filter((path) => checkContentPath(path) === null)
    .sort();
  const drafts = await Promise.all(paths.map((path) => readDraft(path)));
  return drafts.filter((draft): draft is Draft => draft !== null);
}

export async function discardDraft(path: string): Promise<void> {
  await rm(draftFile(path), { force: true });
}

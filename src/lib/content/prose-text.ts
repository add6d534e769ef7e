/**
 * The prose of an MDX lesson body as plain text for the prose rules (prose.ts): markup, code, imports and
 * component tags are blanked with spaces so that every line and column stays where it was in the body, and
 * a full stop is added after headings and list items that have none, so that a heading is not read as the
 * start of the next sentence.
 */

/** Replaces every character of `m` except line breaks with a space. */
const blank = (m: string) => m.replace(/[^\n]/g, ' ');

const CODE_FENCE = /^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm;
const TAG = /<\/?[A-Za-z][^<>]*>/g;
const IMAGE = /!\[[^\]\n]*\]\([^)\n]*\)/g;
const LINK = /\[([^\]\n]*)\]\(([^)\n]*)\)/g;

export function proseText(body: string): string {
  const text = body
    .replace(CODE_FENCE, blank)
    .replace(/`[^`\n]*`/g, blank)
    .replace(/^(import|export)\s[^\n]*$/gm, blank)
    .replace(TAG, blank)
    .replace(IMAGE, blank)
    .replace(LINK, (m, label: string) => `${label} ${blank(m.slice(label.length + 1))}`)
    .replace(/[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}/g, blank);
  return text.split('\n').map(plainLine).join('\n');
}

const MARKER = /^(\s*)(#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s?|\|)/;

function plainLine(line: string): string {
  const marker = MARKER.exec(line);
  if (!marker) return line;
  const rest = line.slice(marker[0].length).replace(/\|/g, ' ');
  const plain = `${marker[1]}${blank(marker[2]!)}${rest}`;
  // A heading, list item or table row ends its sentence at the line end, whatever its punctuation.
  return /[.!?:;]["')\]]?\s*$/.test(plain) || plain.trim() === '' ? plain : `${plain.trimEnd()}.`;
}

export interface ImageUse {
  /** 1-based line in the body. */
  line: number;
  /** The image as written, to quote in the message. */
  source: string;
}

/** Markdown images with empty alt text, and `<img>` tags with no alt attribute (`alt=""` marks decoration). */
export function imagesWithoutAlt(body: string): ImageUse[] {
  const text = body.replace(CODE_FENCE, blank).replace(/`[^`\n]*`/g, blank);
  const found: ImageUse[] = [];
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  for (const m of text.matchAll(/!\[\s*\]\(([^)\n]*)\)/g)) found.push({ line: lineOf(m.index), source: m[0] });
  for (const m of text.matchAll(/<img\b[^>]*>/gi))
    if (!/\balt\s*=/i.test(m[0])) found.push({ line: lineOf(m.index), source: m[0] });
  return found;
}

/**
 * Text between Rapport and GIFT. Rapport shows quiz text as plain text, so HTML and Markdown from a GIFT file
 * are reduced to their words (and the importer says so); on the way out, GIFT's special characters are escaped.
 */
import type { TextFormat } from 'gift-pegjs';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const HTML_TAG = /<\/?[a-z][^>]*>/i;

function fromHtml(text: string): string {
  return decodeEntities(text.replace(/<(br|\/p|\/li|\/div)\b[^>]*>/gi, ' ').replace(/<[^>]*>/g, ''));
}

function fromMarkdown(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\(([^)]*)\)/g, '$1 ($2)')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(\*|_)(\S(?:.*?\S)?)\1/g, '$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|[-*+]|\d+\.)\s+/gm, '');
}

/** The plain text of a GIFT text, and whether markup had to be removed to get it. */
export function plainText(value: TextFormat): { text: string; changed: boolean } {
  let text = value.text;
  if (value.format === 'markdown') text = fromMarkdown(text);
  // Moodle's own format allows HTML too, so tags are removed whatever the declared format.
  if (value.format === 'html' || HTML_TAG.test(text)) text = fromHtml(text);
  else text = decodeEntities(text);
  text = text.replace(/\s+/g, ' ').trim();
  return { text, changed: text !== value.text.replace(/\s+/g, ' ').trim() };
}

/** Escapes a plain text for GIFT: the special characters get a backslash, line breaks become `\n`. */
export function escapeGift(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/[~=#{}:]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, '\\n');
}

/**
 * What the learner's pages need from an analysis, and how they show it: the words that triggered a criterion
 * cut out of the reply with a little context, overlapping evidence merged, so a page can wrap them in <mark>.
 * Only the fields the pages read are named here, so a stored analysis from an older analyser still shows.
 */

/** Longer than any chat message or email a prompt asks for; the analyser is timed on far shorter replies. */
export const MAX_REPLY_LENGTH = 3000;

/** The part of the analyser's Analysis (analyse.ts) that is stored with a reply and shown from it. */
export interface StoredAnalysis {
  criteria: {
    id: string;
    met: boolean;
    evidence: { start: number; end: number; text: string }[];
    saw: string;
    suggestion?: string;
  }[];
  words?: number;
}

/** A piece of text, highlighted or not. */
export interface Segment {
  text: string;
  marked: boolean;
}

/** One excerpt: segments to print in order, with whether text was cut before and after it. */
export interface Excerpt {
  segments: Segment[];
  cutBefore: boolean;
  cutAfter: boolean;
}

/** Sorted, clamped, merged spans; evidence whose offsets do not fit the text is dropped. */
export function mergeSpans(text: string, spans: { start: number; end: number }[]): [number, number][] {
  const valid = spans
    .map((s) => [Math.max(0, s.start), Math.min(text.length, s.end)] as [number, number])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [a, b] of valid) {
    const last = merged.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** The whole text cut into plain and highlighted segments. */
export function highlight(text: string, spans: { start: number; end: number }[]): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  for (const [a, b] of mergeSpans(text, spans)) {
    if (a > at) segments.push({ text: text.slice(at, a), marked: false });
    segments.push({ text: text.slice(a, b), marked: true });
    at = b;
  }
  if (at < text.length) segments.push({ text: text.slice(at), marked: false });
  return segments;
}

/**
 * The evidence of one criterion in context: each highlighted span with up to `radius` characters either side,
 * cut at word boundaries, excerpts that touch joined into one.
 */
export function excerpts(text: string, spans: { start: number; end: number }[], radius = 40): Excerpt[] {
  const windows = mergeSpans(
    text,
    mergeSpans(text, spans).map(([a, b]) => ({
      start: Math.min(a, wordStart(text, a - radius)),
      end: Math.max(b, wordEnd(text, b + radius)),
    })),
  );
  return windows.map(([from, to]) => {
    const inside = mergeSpans(text, spans).filter(([a, b]) => a >= from && b <= to);
    const local = inside.map(([a, b]) => ({ start: a - from, end: b - from }));
    return { segments: highlight(text.slice(from, to), local), cutBefore: from > 0, cutAfter: to < text.length };
  });
}

function wordStart(text: string, at: number): number {
  if (at <= 0) return 0;
  const space = text.indexOf(' ', at);
  return space === -1 ? at : space + 1;
}

function wordEnd(text: string, at: number): number {
  if (at >= text.length) return text.length;
  const space = text.lastIndexOf(' ', at);
  return space === -1 ? at : space;
}

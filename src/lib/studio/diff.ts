/**
 * A line diff for the history page: added, removed and unchanged lines, with long unchanged runs folded to a
 * few lines of context (jsdiff computes the diff; this only shapes it for display).
 */
import { diffLines } from 'diff';

export type DiffLine = { kind: 'add' | 'remove' | 'same'; text: string } | { kind: 'fold'; count: number };

/** Lines of context kept around each change. */
const CONTEXT = 3;

export function lineDiff(before: string | null, after: string | null): DiffLine[] {
  const lines: DiffLine[] = [];
  for (const part of diffLines(before ?? '', after ?? '')) {
    const kind = part.added ? 'add' : part.removed ? 'remove' : 'same';
    for (const text of part.value.replace(/\n$/, '').split('\n')) lines.push({ kind, text });
  }
  return fold(lines);
}

/** Replaces unchanged lines further than CONTEXT from any change with a count. */
function fold(lines: DiffLine[]): DiffLine[] {
  const near = lines.map(() => false);
  lines.forEach((line, i) => {
    if (line.kind === 'same') return;
    for (let j = Math.max(0, i - CONTEXT); j <= Math.min(lines.length - 1, i + CONTEXT); j++) near[j] = true;
  });
  const out: DiffLine[] = [];
  lines.forEach((line, i) => {
    const last = out.at(-1);
    if (near[i]) out.push(line);
    else if (last?.kind === 'fold') last.count++;
    else out.push({ kind: 'fold', count: 1 });
  });
  return out;
}

/** Counts of added and removed lines, for a one-line summary. */
export function diffCounts(lines: readonly DiffLine[]): { added: number; removed: number } {
  return {
    added: lines.filter((l) => l.kind === 'add').length,
    removed: lines.filter((l) => l.kind === 'remove').length,
  };
}

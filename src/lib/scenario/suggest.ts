/** "Did you mean ...?" for authors who mistype an id or a field. */

/** Levenshtein distance: how many single-letter edits turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitute = (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, substitute));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** "Did you mean ...?" when a candidate is close enough to be a plausible typo, else `otherwise`. */
export function suggest(bad: string, candidates: readonly string[], otherwise: string): string {
  const ranked = candidates.map((c) => ({ c, d: editDistance(bad, c) })).sort((x, y) => x.d - y.d);
  const best = ranked[0];
  return best && best.d <= Math.max(2, Math.floor(bad.length / 2)) ? `Did you mean "${best.c}"?` : otherwise;
}

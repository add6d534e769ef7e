/** "Did you mean": the known name a mistyped one most likely meant (team names, scenario ids). */

/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLocaleLowerCase('en');
  const t = b.toLocaleLowerCase('en');
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[t.length]!;
}

/**
 * The closest of `known` within a third of the typed length (at least two edits), or one that starts with
 * what was typed. Undefined when nothing is close enough to suggest.
 */
export function closestName(typed: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(typed, name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  if (best && best.distance <= Math.max(2, Math.floor(typed.length / 3))) return best.name;
  const lower = typed.toLocaleLowerCase('en');
  return lower.length >= 3 ? known.find((n) => n.toLocaleLowerCase('en').startsWith(lower)) : undefined;
}

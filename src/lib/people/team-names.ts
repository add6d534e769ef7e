/**
 * Team names as people type them: the rules for a valid name, when two names are the same team, and
 * which existing team a mistyped name most likely meant. Plain functions, shared by the teams page and
 * the CSV import so both judge a name alike.
 */

export const MAX_TEAM_NAME = 80;

/** The name as stored: trimmed, inner runs of spaces made one. */
export function cleanTeamName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/** Why a name cannot be a team's name, or null when it can. */
export function teamNameProblem(name: string): string | null {
  const clean = cleanTeamName(name);
  if (!clean) return 'A team needs a name.';
  if (clean.length > MAX_TEAM_NAME) return `A team name has at most ${MAX_TEAM_NAME} characters; this one has ${clean.length}.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(clean)) return 'A team name cannot contain control characters.';
  return null;
}

/** Names that differ only in case or spacing are one team: "customer  support" is "Customer Support". */
export function sameTeamName(a: string, b: string): boolean {
  return cleanTeamName(a).toLocaleLowerCase('en') === cleanTeamName(b).toLocaleLowerCase('en');
}

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
 * The existing name a typed one most likely meant: the closest within a third of its length (at least
 * two edits), or one that starts with it. Undefined when nothing is close enough to suggest.
 */
export function closestTeamName(typed: string, existing: readonly string[]): string | undefined {
  const clean = cleanTeamName(typed);
  let best: { name: string; distance: number } | undefined;
  for (const name of existing) {
    const distance = editDistance(clean, name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  const allowed = Math.max(2, Math.floor(clean.length / 3));
  if (best && best.distance <= allowed) return best.name;
  const lower = clean.toLocaleLowerCase('en');
  return lower.length >= 3 ? existing.find((n) => n.toLocaleLowerCase('en').startsWith(lower)) : undefined;
}

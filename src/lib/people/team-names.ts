/**
 * Team names as people type them: the rules for a valid name, when two names are the same team, and
 * which existing team a mistyped name most likely meant. Plain functions, shared by the teams page and
 * the CSV import so both judge a name alike.
 */

import { closestName } from '../closest.ts';

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

/** The existing team a typed name most likely meant, for "did you mean". */
export function closestTeamName(typed: string, existing: readonly string[]): string | undefined {
  return closestName(cleanTeamName(typed), existing);
}

/**
 * Which ending a run reaches. A choice names an ending, but an ending may `require` something of the whole path
 * (a share of the best path's total, no choice below a score); a path that falls short ends at the ending's
 * `otherwise` instead, and so on down the chain. This keeps a strong ending for runs that were strong throughout.
 */
import type { Ending, EndingRequires, Scenario } from '../../schemas/scenario.ts';
import { bestPossible, findChoice, sumOf, type Step } from './best.ts';

/** Why a path falls short of an ending's `requires`, or null when it meets them. */
export function shortfall(s: Scenario, requires: EndingRequires, steps: readonly Step[], bestTotal: number): string | null {
  const choices = steps.map((step) => findChoice(s, step));
  if (requires.noScoreBelow !== undefined) {
    const floor = requires.noScoreBelow;
    const low = choices.find((c) => c && s.skills.some((skill) => (c.scores[skill] ?? 0) < floor));
    if (low) return `choice "${low.id}" scores below ${floor}`;
  }
  if (requires.minPercent !== undefined) {
    const total = choices.reduce((sum, c) => sum + sumOf(s, c), 0);
    // Whole-number arithmetic, so 80 % of the best is met exactly at 80 %, never missed by rounding.
    if (total * 100 < requires.minPercent * bestTotal) return `the path totals ${total} of the best ${bestTotal}`;
  }
  return null;
}

/**
 * The ending a run reaches when its last choice leads to `endingId` after `steps` (the last choice included).
 * Follows `otherwise` while `requires` is not met; a chain that loops (refused by validation) stops where it
 * would repeat.
 */
export function resolveEnding(s: Scenario, endingId: string, steps: readonly Step[]): Ending | undefined {
  let ending = s.endings.find((e) => e.id === endingId);
  const seen = new Set<string>();
  let bestTotal: number | undefined;
  while (ending?.requires && ending.otherwise && !seen.has(ending.id)) {
    seen.add(ending.id);
    bestTotal ??= bestPossible(s).total;
    if (shortfall(s, ending.requires, steps, bestTotal) === null) break;
    const next = ending.otherwise;
    ending = s.endings.find((e) => e.id === next);
  }
  return ending;
}

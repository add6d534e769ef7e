/** The counting behind the length rules: how often the right answer is the strictly longest, against chance. */
import { LONGEST_SHARE_OVER_CHANCE } from './thresholds.ts';

/** One question or decision: whether its right answer is the strictly longest, and the chance of that by luck. */
export interface LengthCase {
  longest: boolean;
  chance: number;
}

export interface ShareVerdict {
  count: number;
  longest: number;
  /** Percent of cases whose right answer is the strictly longest. */
  share: number;
  /** Percent expected by chance (the mean of each case's chance). */
  chance: number;
  tooHigh: boolean;
}

export function shareVerdict(cases: readonly LengthCase[]): ShareVerdict {
  const count = cases.length;
  const longest = cases.filter((c) => c.longest).length;
  const share = count ? (100 * longest) / count : 0;
  const chance = count ? (100 * cases.reduce((sum, c) => sum + c.chance, 0)) / count : 0;
  return { count, longest, share, chance, tooHigh: count > 0 && share > chance + LONGEST_SHARE_OVER_CHANCE };
}

export const pct = (n: number): string => `${Math.round(n)} %`;

/** "12 of 40 (30 %; chance 26 %, limit 41 %)". */
export function describeShare(v: ShareVerdict): string {
  return `${v.longest} of ${v.count} (${pct(v.share)}; chance ${pct(v.chance)}, limit ${pct(v.chance + LONGEST_SHARE_OVER_CHANCE)})`;
}

/** Number of ways to pick k of n. */
export function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

/** Length in characters as the learner reads it (quotes and outer spaces left out). */
export function visibleLength(text: string): number {
  return text.trim().replace(/^["'“‘]+|["'”’]+$/g, '').length;
}

/**
 * The daily set: how many of the cards due a learner sees today. Short sets (3-8 cards, 5-10 minutes) are
 * the point: the cap bounds a day's reviews, and cards beyond it wait for the next day, oldest first.
 */
import { dayIn, endOfDayIn } from '../dates.ts';

/** The default number of reviews a day, and the range a learner may choose on the account page. */
export const DEFAULT_DAILY_CAP = 6;
export const MIN_DAILY_CAP = 3;
export const MAX_DAILY_CAP = 8;

export interface ReviewPrefs {
  paused: boolean;
  dailyCap: number;
}

export const DEFAULT_PREFS: ReviewPrefs = { paused: false, dailyCap: DEFAULT_DAILY_CAP };

/** A cap within the allowed range, or null for anything else (the form's input at the boundary). */
export function parseDailyCap(value: string): number | null {
  if (!/^\d{1,2}$/.test(value.trim())) return null;
  const n = Number(value);
  return n >= MIN_DAILY_CAP && n <= MAX_DAILY_CAP ? n : null;
}

/** How many more reviews today: the cap less those already done today; none while paused. */
export function remainingToday(prefs: ReviewPrefs, doneToday: number): number {
  return prefs.paused ? 0 : Math.max(0, prefs.dailyCap - doneToday);
}

/** What the learner is told is waiting: the cards due now, up to what today still allows. */
export function dueToday(prefs: ReviewPrefs, dueNow: number, doneToday: number): number {
  return Math.min(dueNow, remainingToday(prefs, doneToday));
}

/** Today's set from the cards due (any order): the most overdue first, as many as today allows. */
export function pickSet<T extends { due: Date }>(due: readonly T[], remaining: number): T[] {
  return [...due].sort((a, b) => a.due.getTime() - b.due.getTime()).slice(0, Math.max(0, remaining));
}

/** The first and last moments of the learner's calendar day around `now` (decision 015: their time zone). */
export function dayBounds(now: Date, timeZone: string): { start: Date; end: Date } {
  const [y, m, d] = dayIn(now, timeZone).split('-').map(Number) as [number, number, number];
  return { start: new Date(endOfDayIn(y, m, d - 1, timeZone).getTime() + 1), end: endOfDayIn(y, m, d, timeZone) };
}

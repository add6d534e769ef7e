// The spaced-review scheduler and the daily set, on a simulated clock: nothing here reads the real time.
import { describe, expect, it } from 'vitest';
import { daysBetween, scheduleAfterMiss, scheduleAfterReview, type Schedule } from '../../src/lib/review/schedule.ts';
import { DEFAULT_PREFS, dueToday, parseDailyCap, pickSet, remainingToday, dayBounds } from '../../src/lib/review/daily.ts';
import { seededRandom } from '../../src/lib/quiz/attempt.ts';

const start = new Date('2027-01-04T09:00:00Z');
const DAY = 86_400_000;

describe('a card', () => {
  it('made by a miss comes back the next day', () => {
    const card = scheduleAfterMiss(start);
    expect(Math.round(daysBetween(start, card.due))).toBe(1);
    expect(card.reps).toBe(1);
  });

  it('comes back further out after each correct review', () => {
    let card = scheduleAfterMiss(start);
    const gaps: number[] = [];
    for (let i = 0; i < 5; i++) {
      const at = card.due;
      card = scheduleAfterReview(card, true, at);
      gaps.push(Math.round(daysBetween(at, card.due)));
    }
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThan(gaps[i - 1]!);
    expect(gaps.at(-1)).toBeGreaterThan(20);
  });

  it('comes back sooner after a missed review than it would have after a correct one', () => {
    let card = scheduleAfterMiss(start);
    for (let i = 0; i < 3; i++) card = scheduleAfterReview(card, true, card.due);
    const before = card.scheduledDays;
    const missed = scheduleAfterReview(card, false, card.due);
    const right = scheduleAfterReview(card, true, card.due);
    expect(missed.scheduledDays).toBeLessThan(before);
    expect(missed.scheduledDays).toBeLessThan(right.scheduledDays);
    expect(missed.lapses).toBe(card.lapses + 1);
  });
});

describe('the daily set', () => {
  it('accepts caps from 3 to 8 only', () => {
    expect(['2', '3', '8', '9', 'x', ''].map(parseDailyCap)).toEqual([null, 3, 8, null, null, null]);
  });

  it('shows nothing while paused and never more than the cap', () => {
    expect(remainingToday({ paused: true, dailyCap: 6 }, 0)).toBe(0);
    expect(dueToday(DEFAULT_PREFS, 20, 4)).toBe(DEFAULT_PREFS.dailyCap - 4);
    const due = [5, 1, 3].map((d) => ({ due: new Date(start.getTime() - d * DAY) }));
    expect(pickSet(due, 2).map((c) => c.due.getTime())).toEqual([start.getTime() - 5 * DAY, start.getTime() - 3 * DAY]);
  });

  it("bounds the learner's own day in their time zone", () => {
    const { start: s, end } = dayBounds(new Date('2027-01-04T23:30:00Z'), 'Europe/Berlin');
    expect(s.toISOString()).toBe('2027-01-04T23:00:00.000Z');
    expect(end.toISOString()).toBe('2027-01-05T22:59:59.999Z');
  });

  // A course's twelve weeks of misses (up to three a weekday), then the rest of the year of reviews. A learner
  // who keeps missing more than about one new item a day for a whole year outgrows a cap of 6 (the oldest wait
  // weeks): decision 024 says so.
  it('keeps a year of a busy learner under the cap, and no card waits more than a week', () => {
    const cap = DEFAULT_PREFS.dailyCap;
    const random = seededRandom('a year of reviews');
    const cards: Schedule[] = [];
    let most = 0;
    let worstWaitDays = 0;
    let reviews = 0;
    for (let day = 0; day < 365; day++) {
      const now = new Date(start.getTime() + day * DAY);
      // Weekdays: up to three new misses from quizzes and role-plays.
      if (day % 7 < 5 && day < 12 * 7) for (let n = Math.floor(random() * 4); n > 0; n--) cards.push(scheduleAfterMiss(now));
      const due = cards.map((c, i) => ({ i, due: c.due })).filter((c) => c.due.getTime() <= now.getTime() + DAY - 1);
      const set = pickSet(due, remainingToday(DEFAULT_PREFS, 0));
      most = Math.max(most, set.length);
      for (const { i, due: dueAt } of set) {
        worstWaitDays = Math.max(worstWaitDays, daysBetween(dueAt, now));
        // A learner who remembers four times in five.
        cards[i] = scheduleAfterReview(cards[i]!, random() < 0.8, now);
        reviews++;
      }
    }
    expect(most).toBeLessThanOrEqual(cap);
    expect(reviews).toBeGreaterThan(150);
    // The cap delays cards by days at most, it never lets a backlog grow without end.
    expect(worstWaitDays).toBeLessThanOrEqual(7);
  });
});

/**
 * Reviews on the server: a learner's preferences, what is due today, and recording an answer. An answer
 * is stored as the card's next log row keyed (card, step) and moves the card's schedule only if that very
 * row is the one stored, so a double submit, a refresh or two tabs review a card once.
 */
import { and, asc, count, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import type { Store } from '../db/store.ts';
import { reviewCards, reviewLogs, reviewSettings } from '../db/schema.ts';
import { DEFAULT_PREFS, dueToday, pickSet, remainingToday, type ReviewPrefs } from '../../review/daily.ts';
import { daysBetween, scheduleAfterReview, type Schedule } from '../../review/schedule.ts';

export type CardRow = typeof reviewCards.$inferSelect;
export type LogRow = typeof reviewLogs.$inferSelect;

export async function reviewPrefs(db: Db, userId: string): Promise<ReviewPrefs> {
  const [row] = await db.select().from(reviewSettings).where(eq(reviewSettings.userId, userId));
  return row ? { paused: row.paused, dailyCap: row.dailyCap } : DEFAULT_PREFS;
}

export async function saveReviewPrefs(db: Db, userId: string, prefs: ReviewPrefs, now = new Date()): Promise<void> {
  await db
    .insert(reviewSettings)
    .values({ userId, ...prefs, updatedAt: now })
    .onConflictDoUpdate({ target: reviewSettings.userId, set: { ...prefs, updatedAt: now } });
}

/** Cards due by the end of the learner's day, and reviews done since its start: the two counts the home page needs. */
export async function dueCounts(db: Db, userId: string, day: { start: Date; end: Date }) {
  const [[due], [done]] = await Promise.all([
    db
      .select({ n: count() })
      .from(reviewCards)
      .where(and(eq(reviewCards.userId, userId), lte(reviewCards.due, day.end))),
    db
      .select({ n: count() })
      .from(reviewLogs)
      .where(and(eq(reviewLogs.userId, userId), gte(reviewLogs.at, day.start))),
  ]);
  return { due: due?.n ?? 0, done: done?.n ?? 0 };
}

/** "N reviews due" for a learner today (0 while paused or once today's cap is reached). */
export async function reviewsDueToday(db: Db, userId: string, day: { start: Date; end: Date }): Promise<number> {
  const [prefs, counts] = await Promise.all([reviewPrefs(db, userId), dueCounts(db, userId, day)]);
  return dueToday(prefs, counts.due, counts.done);
}

/** Today's remaining set, most overdue first, and how many were done today. */
export async function todaysSet(db: Db, userId: string, day: { start: Date; end: Date }) {
  const [prefs, counts] = await Promise.all([reviewPrefs(db, userId), dueCounts(db, userId, day)]);
  const remaining = remainingToday(prefs, counts.done);
  const cards =
    remaining === 0
      ? []
      : await db
          .select()
          .from(reviewCards)
          .where(and(eq(reviewCards.userId, userId), lte(reviewCards.due, day.end)))
          .orderBy(asc(reviewCards.due))
          .limit(remaining);
  return { prefs, done: counts.done, cards: pickSet(cards, remaining) };
}

export async function findCard(db: Db, userId: string, cardId: string): Promise<CardRow | undefined> {
  const [row] = await db
    .select()
    .from(reviewCards)
    .where(and(eq(reviewCards.id, cardId), eq(reviewCards.userId, userId)));
  return row;
}

export async function findLog(db: Db, userId: string, cardId: string, step: number): Promise<LogRow | undefined> {
  const [row] = await db
    .select()
    .from(reviewLogs)
    .where(and(eq(reviewLogs.cardId, cardId), eq(reviewLogs.step, step), eq(reviewLogs.userId, userId)));
  return row;
}

const LOG =
  'insert into review_logs (card_id, step, user_id, objective, asked_id, answer, correct, days_since_miss, at) ' +
  'values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing';
// The schedule moves once per step, and only to match the answer that was stored for it.
const MOVE =
  'update review_cards set due = ?, stability = ?, difficulty = ?, scheduled_days = ?, reps = ?, lapses = ?, state = ?, ' +
  'last_review = ? where id = ? and user_id = ? and reps = ? and exists ' +
  '(select 1 from review_logs where card_id = ? and step = ? and correct = ?)';

export interface Answer {
  askedId: string;
  answer: unknown;
  correct: boolean;
}

/** Records one review of `card` shown at `step` (its reps then); `duplicate` when that step was answered before. */
export async function recordReview(store: Store, card: CardRow, step: number, a: Answer, now = new Date()) {
  if (card.reps !== step) return { duplicate: true };
  const next: Schedule = scheduleAfterReview(card, a.correct, now);
  const correct = a.correct ? 1 : 0;
  const [logged] = await store.batch([
    {
      sql: LOG,
      args: [
        card.id,
        step,
        card.userId,
        card.objective,
        a.askedId,
        JSON.stringify(a.answer),
        correct,
        daysBetween(card.createdAt, now),
        now.getTime(),
      ],
    },
    {
      sql: MOVE,
      args: [
        next.due.getTime(),
        next.stability,
        next.difficulty,
        next.scheduledDays,
        next.reps,
        next.lapses,
        next.state,
        next.lastReview?.getTime() ?? null,
        card.id,
        card.userId,
        step,
        card.id,
        step,
        correct,
      ],
    },
  ]);
  return { duplicate: logged === 0 };
}

/** reviewsDueToday() for many learners at once (the daily digest), in chunks that stay within SQLite's argument limit. */
export async function reviewsDueMany(
  db: Db,
  userIds: readonly string[],
  day: { start: Date; end: Date },
): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  for (let i = 0; i < userIds.length; i += 500) {
    const ids = userIds.slice(i, i + 500);
    const [due, done, prefs] = await Promise.all([
      db
        .select({ userId: reviewCards.userId, n: count() })
        .from(reviewCards)
        .where(and(inArray(reviewCards.userId, ids), lte(reviewCards.due, day.end)))
        .groupBy(reviewCards.userId),
      db
        .select({ userId: reviewLogs.userId, n: count() })
        .from(reviewLogs)
        .where(and(inArray(reviewLogs.userId, ids), gte(reviewLogs.at, day.start)))
        .groupBy(reviewLogs.userId),
      db.select().from(reviewSettings).where(inArray(reviewSettings.userId, ids)),
    ]);
    const doneBy = new Map(done.map((d) => [d.userId, d.n]));
    const prefsBy = new Map(prefs.map((p) => [p.userId, p]));
    for (const d of due) result.set(d.userId, dueToday(prefsBy.get(d.userId) ?? DEFAULT_PREFS, d.n, doneBy.get(d.userId) ?? 0));
  }
  return result;
}

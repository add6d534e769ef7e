// Review cards against a real libSQL file and the real course: a missed question or a weak role-play decision
// becomes one card in the same transaction as its record; reviews move the schedule once per answer, however
// many times it is submitted; the clock is passed in, never read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { createUser } from '../../src/lib/server/people/users.ts';
import { openAttempt, submitAttempt } from '../../src/lib/server/learning/quiz-attempts.ts';
import { choose, startRun } from '../../src/lib/server/learning/scenario-runs.ts';
import { reviewCards, reviewLogs } from '../../src/lib/server/db/schema.ts';
import { findCard, recordReview, todaysSet, saveReviewPrefs } from '../../src/lib/server/review/reviews.ts';
import { loadCourseFromDisk } from '../../src/lib/content/course-fs.ts';
import { askFor, judgeChoice, judgeQuiz } from '../../src/lib/review/ask.ts';
import { bestFrom } from '../../src/lib/scenario/best.ts';
import { dayBounds } from '../../src/lib/review/daily.ts';
import type { AttemptPlan } from '../../src/lib/quiz/index.ts';
import type { Quiz } from '../../src/schemas/quiz.ts';

const course = loadCourseFromDisk(resolve(import.meta.dirname, '../..'));
const quizzes = [...course.quizzes.values()];
const scenarios = [...course.scenarios.values()];
const quiz = course.quizzes.get('empathy-quiz')!;
const scenario = course.scenarios.get('the-assembly-drawings')!;
const DAY = 86_400_000;
const t0 = new Date('2027-03-01T08:00:00Z');

/** Form entries answering every planned question wrongly (or rightly). */
function answers(q: Quiz, plan: AttemptPlan, right: boolean): [string, string][] {
  return plan.questions.flatMap((p): [string, string][] => {
    const question = q.questions.find((x) => x.id === p.id)!;
    if (question.type === 'likert') return [[`q:${question.id}`, '4']];
    if (question.type === 'ordering') {
      const ids = question.items.map((i) => i.id);
      return (right ? ids : [...ids].reverse()).map((id, i): [string, string] => [`q:${question.id}:${id}`, String(i + 1)]);
    }
    const chosen = question.options.filter((o) => (right ? o.correct : !o.correct));
    return (question.type === 'multiple' ? chosen : chosen.slice(0, 1)).map((o): [string, string] => [`q:${question.id}`, o.id]);
  });
}

let t: TestDb;
let learner: string;
const cardsOf = (userId: string) => t.db.select().from(reviewCards).where(eq(reviewCards.userId, userId));

beforeAll(async () => {
  t = await freshDb();
  learner = (await createUser(t.db, { email: 'rev@example.com', displayName: 'Rae View', role: 'learner' })).id;
});
afterAll(() => t.close());

describe('cards from misses', () => {
  it('makes one card per missed question, exactly once under parallel double submits', async () => {
    const opened = await openAttempt(t.db, learner, quiz, t0);
    if (!opened.ok) throw new Error('not opened');
    const wrong = answers(quiz, opened.plan, false);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => submitAttempt(t.store, learner, quiz, opened.attempt.id, wrong, 80, t0)),
    );
    expect(results.filter((r) => r.ok && !r.duplicate)).toHaveLength(1);
    const cards = await cardsOf(learner);
    const graded = opened.plan.questions.filter((q) => q.type !== 'likert');
    expect(cards.map((c) => c.itemId).sort()).toEqual(graded.map((q) => q.id).sort());
    for (const c of cards) {
      expect(c.kind).toBe('quiz');
      expect(c.objective.startsWith('empathy:')).toBe(true);
      expect(c.due.getTime() - t0.getTime()).toBe(DAY);
    }
  });

  it('makes no card for a question answered right, and none twice for a question missed again', async () => {
    const other = (await createUser(t.db, { email: 'rev2@example.com', displayName: 'Ria Right', role: 'learner' })).id;
    const first = await openAttempt(t.db, other, quiz, t0);
    if (!first.ok) throw new Error('not opened');
    await submitAttempt(t.store, other, quiz, first.attempt.id, answers(quiz, first.plan, true), 80, t0);
    expect(await cardsOf(other)).toHaveLength(0);
    const before = (await cardsOf(learner)).length;
    const again = await openAttempt(t.db, learner, quiz, new Date(t0.getTime() + 2 * DAY));
    if (!again.ok) throw new Error('not opened');
    await submitAttempt(
      t.store,
      learner,
      quiz,
      again.attempt.id,
      answers(quiz, again.plan, false),
      80,
      new Date(t0.getTime() + 2 * DAY),
    );
    const after = await cardsOf(learner);
    const ids = new Set([...after.map((c) => c.itemId)]);
    expect(after.length).toBe(ids.size);
    expect(after.length).toBeGreaterThanOrEqual(before);
  });

  it('makes a card for a role-play decision below the best at its node, once, and none for the best', async () => {
    const player = (await createUser(t.db, { email: 'rev3@example.com', displayName: 'Paz Player', role: 'learner' })).id;
    const run = await startRun(t.db, player, scenario, {}, t0);
    const node = scenario.nodes.find((n) => n.id === scenario.start)!;
    const best = bestFrom(scenario).get(node.id)!.choice!;
    const weak = node.choices.find((c) => c.id !== best.id)!;
    const step = { nodeId: node.id, choiceId: weak.id };
    await Promise.all(Array.from({ length: 5 }, () => choose(t.store, player, scenario, run.id, step, t0)));
    const cards = await cardsOf(player);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ kind: 'scenario', sourceId: scenario.id, itemId: node.id });
    const replay = await startRun(t.db, player, scenario, { fresh: true }, t0);
    await choose(t.store, player, scenario, replay.id, { nodeId: node.id, choiceId: best.id }, t0);
    expect(await cardsOf(player)).toHaveLength(1);
  });
});

describe('reviewing', () => {
  it('asks another question on the same objective where the pool has one', async () => {
    const cards = await cardsOf(learner);
    const withPool = cards.map((c) => ({ c, ask: askFor(c, c.reps, quizzes, scenarios) }));
    const other = withPool.filter(({ c, ask }) => ask?.kind === 'quiz' && ask.plan.questions[0]!.id !== c.itemId);
    expect(other.length).toBeGreaterThan(0);
    for (const { c, ask } of other) {
      if (ask?.kind !== 'quiz') continue;
      expect(`${ask.quiz.module}:${ask.single.questions[0]!.skills?.[0]}`).toBe(c.objective);
    }
  });

  it('shows nothing before the card is due, then the card the next day; a parallel double answer counts once', async () => {
    const tz = 'UTC';
    expect((await todaysSet(t.db, learner, dayBounds(t0, tz))).cards).toHaveLength(0);
    const next = new Date(t0.getTime() + DAY);
    const set = await todaysSet(t.db, learner, dayBounds(next, tz));
    expect(set.cards.length).toBeGreaterThan(0);
    expect(set.cards.length).toBeLessThanOrEqual(set.prefs.dailyCap);
    const card = set.cards[0]!;
    const ask = askFor(card, card.reps, quizzes, scenarios);
    if (ask?.kind !== 'quiz') throw new Error('expected a quiz card');
    const judged = judgeQuiz(ask, answers(ask.single, ask.plan, true));
    if (!judged.ok) throw new Error(judged.message);
    expect(judged.correct).toBe(true);
    const results = await Promise.all(Array.from({ length: 5 }, () => recordReview(t.store, card, card.reps, judged, next)));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    const logs = await t.db.select().from(reviewLogs).where(eq(reviewLogs.cardId, card.id));
    expect(logs).toHaveLength(1);
    const moved = (await findCard(t.db, learner, card.id))!;
    expect(moved.reps).toBe(card.reps + 1);
    expect(moved.due.getTime() - next.getTime()).toBeGreaterThan(DAY);
    // The same step answered again later (a stale tab) changes nothing.
    expect((await recordReview(t.store, card, card.reps, judged, next)).duplicate).toBe(true);
  });

  it('brings a missed review back sooner than a right one', async () => {
    const next = new Date(t0.getTime() + DAY);
    const set = await todaysSet(t.db, learner, dayBounds(next, 'UTC'));
    const [a, b] = set.cards;
    if (!a || !b) throw new Error('expected two cards due');
    const wrong = { askedId: 'x', answer: {}, correct: false };
    const right = { askedId: 'x', answer: {}, correct: true };
    await recordReview(t.store, a, a.reps, wrong, next);
    await recordReview(t.store, b, b.reps, right, next);
    const [ma, mb] = [(await findCard(t.db, learner, a.id))!, (await findCard(t.db, learner, b.id))!];
    expect(ma.due.getTime()).toBeLessThan(mb.due.getTime());
    expect(ma.lapses).toBe(a.lapses + 1);
  });

  it('replays a role-play node and judges the best choice right', async () => {
    const player = (await t.db.select().from(reviewCards).where(eq(reviewCards.kind, 'scenario')))[0]!;
    const ask = askFor(player, player.reps, quizzes, scenarios);
    if (ask?.kind !== 'scenario') throw new Error('expected a role-play card');
    const best = bestFrom(scenario).get(ask.node.id)!.choice!;
    expect(judgeChoice(ask, best.id)).toMatchObject({ ok: true, correct: true });
    expect(judgeChoice(ask, ask.node.choices.find((c) => c.id !== best.id)!.id)).toMatchObject({ ok: true, correct: false });
    expect(judgeChoice(ask, 'nope').ok).toBe(false);
  });

  it('stops at the daily cap and shows nothing while paused', async () => {
    const later = new Date(t0.getTime() + 60 * DAY);
    await saveReviewPrefs(t.db, learner, { paused: false, dailyCap: 3 }, later);
    expect((await todaysSet(t.db, learner, dayBounds(later, 'UTC'))).cards.length).toBeLessThanOrEqual(3);
    await saveReviewPrefs(t.db, learner, { paused: true, dailyCap: 3 }, later);
    expect((await todaysSet(t.db, learner, dayBounds(later, 'UTC'))).cards).toHaveLength(0);
    const rows = await t.db
      .select()
      .from(reviewCards)
      .where(and(eq(reviewCards.userId, learner)));
    expect(rows.length).toBeGreaterThan(3);
  });
});

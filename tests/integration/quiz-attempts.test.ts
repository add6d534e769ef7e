// Quiz attempts against a real libSQL file: opening, grading on submit, idempotent double submits,
// refusals that lose nothing, retake limits and waits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { eq } from 'drizzle-orm';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { createUser } from '../../src/lib/server/people/users.ts';
import {
  attemptsOf,
  likertHistory,
  openAttempt,
  passedQuizIds,
  storedResult,
  submitAttempt,
  type QuizWithId,
} from '../../src/lib/server/learning/quiz-attempts.ts';
import { quizSchema } from '../../src/schemas/quiz.ts';
import { blockedQuizIds, grantAttempts, grantsOf } from '../../src/lib/server/learning/attempt-grants.ts';
import { quizResponses } from '../../src/lib/server/db/schema.ts';
import type { AttemptPlan } from '../../src/lib/quiz/index.ts';

const sample = quizSchema.parse(parse(readFileSync(new URL('../fixtures/quizzes/sample.yaml', import.meta.url), 'utf8')));
const quiz: QuizWithId = { ...sample, id: 'sample' };

/** Form entries answering every planned question correctly (or wrongly), by id. */
function answers(plan: AttemptPlan, right: boolean): [string, string][] {
  return plan.questions.flatMap((p): [string, string][] => {
    const q = quiz.questions.find((x) => x.id === p.id)!;
    if (q.type === 'likert') return [[`q:${q.id}`, '4']];
    if (q.type === 'ordering') {
      const ids = q.items.map((i) => i.id);
      const order = right ? ids : [...ids].reverse();
      return order.map((id, i): [string, string] => [`q:${q.id}:${id}`, String(i + 1)]);
    }
    const chosen = q.options.filter((o) => (right ? o.correct : !o.correct));
    return (q.type === 'multiple' ? chosen : chosen.slice(0, 1)).map((o): [string, string] => [`q:${q.id}`, o.id]);
  });
}

let t: TestDb;
let userId: string;
beforeAll(async () => {
  t = await freshDb();
  userId = (await createUser(t.db, { email: 'quiz@example.com', displayName: 'Quinn', role: 'learner' })).id;
});
afterAll(() => t.close());

describe('quiz attempts', () => {
  it('keeps one open attempt with a stable plan across page loads', async () => {
    const a = await openAttempt(t.db, userId, quiz);
    const b = await openAttempt(t.db, userId, quiz);
    if (!a.ok || !b.ok) throw new Error('not opened');
    expect(b.attempt.id).toBe(a.attempt.id);
    expect(b.plan).toEqual(a.plan);
  });

  it('refuses incomplete answers with a 400, keeps the attempt open, then grades a full submission', async () => {
    const opened = await openAttempt(t.db, userId, quiz);
    if (!opened.ok) throw new Error('not opened');
    const firstId = opened.plan.questions[0]!.id;
    const withoutFirst = answers(opened.plan, true).filter(([name]) => name.split(':')[1] !== firstId);
    const partial = await submitAttempt(t.store, userId, quiz, opened.attempt.id, withoutFirst, 70);
    expect(partial).toMatchObject({ ok: false, status: 400 });
    expect((await attemptsOf(t.db, userId, quiz.id)).map((a) => a.status)).toEqual(['open']);
    const full = await submitAttempt(t.store, userId, quiz, opened.attempt.id, answers(opened.plan, true), 70);
    expect(full).toEqual({ ok: true, attemptId: opened.attempt.id, duplicate: false, passed: true });
    const stored = await storedResult(t.db, userId, quiz, opened.attempt.id, 70);
    if (!stored.ok) throw new Error(stored.message);
    expect(stored.result.totals).toMatchObject({ percent: 100, passed: true });
    expect(stored.attempt).toMatchObject({ status: 'submitted', percent: 100, passed: true });
    expect(await passedQuizIds(t.db, userId)).toEqual(new Set(['sample']));
  });

  it('records a double submit once and returns the stored result', async () => {
    const opened = await openAttempt(t.db, userId, quiz);
    if (!opened.ok) throw new Error('not opened');
    const entries = answers(opened.plan, false);
    const [first, second] = await Promise.all([
      submitAttempt(t.store, userId, quiz, opened.attempt.id, entries, 70),
      submitAttempt(t.store, userId, quiz, opened.attempt.id, entries, 70),
    ]);
    expect([first.ok, second.ok]).toEqual([true, true]);
    expect([first, second].filter((r) => r.ok && !r.duplicate)).toHaveLength(1);
    const rows = await t.db.select().from(quizResponses).where(eq(quizResponses.attemptId, opened.attempt.id));
    expect(rows).toHaveLength(opened.plan.questions.length);
    const again = await submitAttempt(t.store, userId, quiz, opened.attempt.id, answers(opened.plan, true), 70);
    expect(again).toEqual({ ok: true, attemptId: opened.attempt.id, duplicate: true, passed: null });
    // A closed attempt cannot be re-graded: its stored result is still the first submission's.
    const stored = await storedResult(t.db, userId, quiz, opened.attempt.id, 70);
    expect(stored.ok && stored.result.totals.passed).toBe(false);
  });

  it('refuses tampered and unknown ids with 4xx and no writes', async () => {
    const opened = await openAttempt(t.db, userId, quiz);
    if (!opened.ok) throw new Error('not opened');
    const tampered = answers(opened.plan, true).map(([k, v]): [string, string] =>
      k.split(':').length === 2 && !/^\d$/.test(v) ? [k, 'forged-option'] : [k, v],
    );
    expect(await submitAttempt(t.store, userId, quiz, opened.attempt.id, tampered, 70)).toMatchObject({ ok: false, status: 400 });
    expect(await submitAttempt(t.store, userId, quiz, 'no-such-attempt', answers(opened.plan, true), 70)).toMatchObject({
      ok: false,
      status: 404,
    });
    const other = (await createUser(t.db, { email: 'other@example.com', displayName: 'Other', role: 'learner' })).id;
    expect(await submitAttempt(t.store, other, quiz, opened.attempt.id, answers(opened.plan, true), 70)).toMatchObject({
      ok: false,
      status: 404,
    });
    expect((await attemptsOf(t.db, userId, quiz.id)).at(-1)?.status).toBe('open');
  });

  it('enforces the retake limit and the wait between attempts', async () => {
    const limited: QuizWithId = { ...quiz, id: 'limited', maxAttempts: 1, retakeWaitMinutes: 0 };
    const waiting: QuizWithId = { ...quiz, id: 'waiting', retakeWaitMinutes: 30 };
    const now = new Date('2026-06-01T10:00:00Z');
    for (const q of [limited, waiting]) {
      const o = await openAttempt(t.db, userId, q, now);
      if (!o.ok) throw new Error('not opened');
      expect((await submitAttempt(t.store, userId, q, o.attempt.id, answers(o.plan, true), 70, now)).ok).toBe(true);
    }
    expect(await openAttempt(t.db, userId, limited, now)).toMatchObject({ ok: false, reason: 'limit' });
    expect(await openAttempt(t.db, userId, waiting, new Date(now.getTime() + 29 * 60_000))).toMatchObject({
      ok: false,
      reason: 'wait',
    });
    expect((await openAttempt(t.db, userId, waiting, new Date(now.getTime() + 30 * 60_000))).ok).toBe(true);
  });

  it('raises the limit by the attempts granted, and counts only submitted attempts toward it', async () => {
    const limited: QuizWithId = { ...quiz, id: 'granted', maxAttempts: 1, retakeWaitMinutes: 0 };
    const granter = (await createUser(t.db, { email: 'boss@example.com', displayName: 'Boss', role: 'learner' })).id;
    const first = await openAttempt(t.db, userId, limited);
    expect(first).toMatchObject({ ok: true, number: 1, limit: 1 });
    // Opening again (a reload) is the same attempt, not a second one.
    expect(await openAttempt(t.db, userId, limited)).toMatchObject({ ok: true, number: 1 });
    if (!first.ok) throw new Error('not opened');
    await submitAttempt(t.store, userId, limited, first.attempt.id, answers(first.plan, false), 70);
    expect(await openAttempt(t.db, userId, limited)).toMatchObject({ ok: false, reason: 'limit', limit: 1 });
    expect(await blockedQuizIds(t.db, userId, [limited])).toEqual(['granted']);
    const refused = await grantAttempts(t.db, { userId, quizId: 'granted', extra: 0, reason: 'x', grantedBy: granter });
    expect(refused).toEqual({ ok: false, message: 'Choose between 1 and 5 more attempts.' });
    expect(await grantAttempts(t.db, { userId, quizId: 'granted', extra: 2, reason: ' Sick day ', grantedBy: granter })).toEqual({
      ok: true,
    });
    expect(await openAttempt(t.db, userId, limited)).toMatchObject({ ok: true, number: 2, limit: 3 });
    expect(await blockedQuizIds(t.db, userId, [limited])).toEqual([]);
    expect((await grantsOf(t.db, userId, 'granted')).map((g) => [g.extra, g.reason, g.grantedByName])).toEqual([
      [2, 'Sick day', 'Boss'],
    ]);
  });

  it('keeps self-assessment answers over time', async () => {
    const history = await likertHistory(t.db, userId);
    expect(history.length).toBeGreaterThanOrEqual(2);
    expect(history.every((h) => JSON.parse(h.answer).value === 4)).toBe(true);
  });
});

/**
 * Quiz attempts: opening (with retake limits), submitting (graded here, never in the browser) and
 * reading history. A double submit of the same attempt is recorded once: the first submission
 * claims the attempt with a conditional UPDATE and later ones get the stored result back.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import type { Store } from '../db/store.ts';
import { quizAttempts, quizResponses } from '../db/schema.ts';
import { randomId } from '../auth/token.ts';
import { MAX_FORM_FIELDS } from '../http/limits.ts';
import { tooManyFieldsMessage } from '../http/request.ts';
import { extraAttempts } from './attempt-grants.ts';
import { missedQuestionCards } from '../review/cards.ts';
import {
  gradeAttempt,
  isPlanCurrent,
  parseResponses,
  planAttempt,
  type AttemptPlan,
  type AttemptResult,
  type Responses,
} from '../../quiz/index.ts';
import type { Quiz } from '../../../schemas/quiz.ts';
import { questionAnswered, quizAttempted, quizFinished, type AttemptEvent, type XapiSite } from '../../xapi/index.ts';
import { queueQuery, queueSql } from '../xapi/outbox.ts';
import { recordingSite } from '../xapi/settings.ts';

export type QuizWithId = Quiz & { id: string };
export type AttemptRow = typeof quizAttempts.$inferSelect;

/** `limit`: the attempts allowed in all (the quiz's `maxAttempts` plus grants), null without a limit. */
export type OpenResult =
  | { ok: true; attempt: AttemptRow; plan: AttemptPlan; number: number; limit: number | null }
  | { ok: false; reason: 'limit' | 'wait'; message: string; retryAt?: Date; limit: number | null };

export async function attemptsOf(db: Db, userId: string, quizId: string): Promise<AttemptRow[]> {
  return db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.quizId, quizId)))
    .orderBy(asc(quizAttempts.startedAt));
}

/** The attempts allowed at a quiz: its `maxAttempts` plus those granted (attempt-grants.ts); null without a limit. */
export function attemptLimit(quiz: Quiz, extra: number): number | null {
  return quiz.maxAttempts ? quiz.maxAttempts + extra : null;
}

/** Whether a new attempt may start now, given the quiz's retake limit (with `extra` granted) and wait. */
export function retakeRule(quiz: Quiz, submitted: AttemptRow[], now: Date, extra = 0): Extract<OpenResult, { ok: false }> | null {
  const limit = attemptLimit(quiz, extra);
  if (limit !== null && submitted.length >= limit)
    return { ok: false, reason: 'limit', message: `You have used all ${limit} attempts at this quiz.`, limit };
  const last = submitted.at(-1)?.submittedAt;
  const waitMs = (quiz.retakeWaitMinutes ?? 0) * 60_000;
  if (last && waitMs > 0 && now.getTime() < last.getTime() + waitMs) {
    const retryAt = new Date(last.getTime() + waitMs);
    return {
      ok: false,
      reason: 'wait',
      message: `You can take this quiz again at ${retryAt.toUTCString().slice(17, 22)} UTC.`,
      retryAt,
      limit,
    };
  }
  return null;
}

/** Returns the learner's open attempt, or opens a new one if the retake rules allow. */
export async function openAttempt(db: Db, userId: string, quiz: QuizWithId, now = new Date()): Promise<OpenResult> {
  const [all, extra] = await Promise.all([attemptsOf(db, userId, quiz.id), extraAttempts(db, userId, quiz.id)]);
  const submitted = all.filter((a) => a.status === 'submitted');
  const limit = attemptLimit(quiz, extra);
  const number = submitted.length + 1;
  const open = all.find((a) => a.status === 'open');
  if (open) {
    const plan = JSON.parse(open.plan) as AttemptPlan;
    // A trainer may have edited the quiz since the attempt opened; start afresh rather than show a broken form.
    if (isPlanCurrent(quiz, plan)) return { ok: true, attempt: open, plan, number, limit };
    await db.delete(quizAttempts).where(eq(quizAttempts.id, open.id));
  }
  const refusal = retakeRule(quiz, submitted, now, extra);
  if (refusal) return refusal;
  const id = randomId();
  const plan = planAttempt(quiz, id);
  const insert = db
    .insert(quizAttempts)
    .values({ id, userId, quizId: quiz.id, plan: JSON.stringify(plan), status: 'open', startedAt: now })
    .returning();
  const site = recordingSite();
  const [[attempt]] = site
    ? await db.batch([insert, db.run(queueQuery(quizAttempted(site, attemptEvent(userId, quiz, id, now)), now))])
    : [await insert];
  return { ok: true, attempt: attempt!, plan, number, limit };
}

export type SubmitResult =
  /** Stored now, or (`duplicate`) submitted before: by an earlier request, or a concurrent one that won. */
  | {
      ok: true;
      attemptId: string;
      duplicate: boolean;
      /** Whether this submission passed (a module quiz stored now); null for a knowledge check or a duplicate. */
      passed: boolean | null;
    }
  | { ok: false; status: 400 | 404 | 409 | 413; message: string; errors?: { questionId?: string; message: string }[] };

const ATTEMPT = 'select plan, status from quiz_attempts where id = ? and user_id = ? and quiz_id = ?';
// The claim: only an open attempt can be submitted, so of two submissions the first one wins.
const CLAIM =
  'update quiz_attempts set status = ?, submitted_at = ?, points = ?, max_points = ?, percent = ?, passed = ? ' +
  "where id = ? and status = 'open'";
// A losing claim's answers meet the winner's keys and are skipped.
const answersInserts = new Map<number, string>();
function answersInsert(count: number): string {
  let sql = answersInserts.get(count);
  if (!sql) {
    const rows = Array.from({ length: count }, () => '(?, ?, ?, ?, ?)').join(', ');
    sql = `insert into quiz_responses (attempt_id, question_id, answer, correct, points) values ${rows} on conflict do nothing`;
    answersInserts.set(count, sql);
  }
  return sql;
}

const flag = (value: boolean | null) => (value === null ? null : value ? 1 : 0);

/**
 * Grades and stores a submission: one read and one write transaction, in plain SQL on a store (the
 * native one with group commit, or the client's: src/lib/server/db/store.ts). `passMark` is null for
 * knowledge checks. The result itself is read back with storedResult().
 */
export async function submitAttempt(
  store: Store,
  userId: string,
  quiz: QuizWithId,
  attemptId: string,
  entries: [string, string][],
  passMark: number | null,
  now = new Date(),
): Promise<SubmitResult> {
  // The page's readForm() refuses such a form already; the same limit here keeps any other caller to it.
  if (entries.length > MAX_FORM_FIELDS) return { ok: false, status: 413, message: tooManyFieldsMessage };
  const [attempt] = await store.all(ATTEMPT, [attemptId, userId, quiz.id]);
  if (!attempt) return { ok: false, status: 404, message: 'This attempt does not exist. Reload the quiz to start again.' };
  if (attempt.status === 'submitted') return { ok: true, attemptId, duplicate: true, passed: null };
  const plan = JSON.parse(String(attempt.plan)) as AttemptPlan;
  if (!isPlanCurrent(quiz, plan))
    return {
      ok: false,
      status: 409,
      message: 'This quiz changed while you were answering it. Reload it to start a fresh attempt.',
    };
  const parsed = parseResponses(plan, entries);
  if (!parsed.ok)
    return {
      ok: false,
      status: 400,
      message: 'Some answers are missing or not valid. Check the questions marked below.',
      errors: parsed.errors,
    };
  const { totals, questions } = gradeAttempt(quiz, plan, parsed.responses, passMark ?? 0);
  // The claim and the answers commit together (one batch is one transaction): a crash can never
  // leave a submitted attempt without its answers.
  const passed = passMark === null ? null : flag(totals.passed);
  const claim = {
    sql: CLAIM,
    args: ['submitted', now.getTime(), totals.points, totals.maxPoints, totals.percent, passed, attemptId],
  };
  const answers = {
    sql: answersInsert(questions.length),
    args: questions.flatMap((q) => [
      attemptId,
      q.questionId,
      JSON.stringify(parsed.responses[q.questionId]),
      flag(q.correct),
      q.points,
    ]),
  };
  // Every quiz has questions (the content schema says so); the guard keeps the SQL valid regardless.
  // Each missed question becomes a review card in the same transaction (src/lib/server/review/cards.ts).
  const cards = missedQuestionCards(userId, quiz, attemptId, questions, now);
  const writes = questions.length > 0 ? [claim, answers, ...cards] : [claim];
  // A losing duplicate's statements have the winner's ids, which are queued already: they change nothing.
  const site = recordingSite();
  if (site)
    writes.push(
      ...attemptStatements(site, attemptEvent(userId, quiz, attemptId, now), questions, parsed.responses, totals, passed),
    );
  const [claimed] = await store.batch(writes);
  return { ok: true, attemptId, duplicate: claimed === 0, passed: claimed === 0 || passed === null ? null : passed === 1 };
}

const attemptEvent = (userId: string, quiz: QuizWithId, attemptId: string, at: Date): AttemptEvent => ({
  userId,
  quizId: quiz.id,
  quizTitle: quiz.title,
  attemptId,
  at,
});

/** One "answered" per question, then passed, failed (module quiz) or completed (knowledge check). */
function attemptStatements(
  site: XapiSite,
  event: AttemptEvent,
  questions: AttemptResult['questions'],
  responses: Responses,
  totals: AttemptResult['totals'],
  passed: number | null,
) {
  const answered = questions.map((q) => questionAnswered(site, event, { ...q, response: responses[q.questionId]! }));
  const finished = quizFinished(site, event, { ...totals, passed: passed === null ? null : passed === 1 });
  return [...answered, finished].map((statement) => queueSql(statement, event.at));
}

export type StoredResult =
  { ok: true; attempt: AttemptRow; result: AttemptResult } | { ok: false; status: 404 | 409; message: string };

/**
 * The result of the learner's submitted attempt, re-graded from its stored answers (feedback comes
 * from the quiz as it is now, so an attempt at an older version of the quiz has none to show).
 */
export async function storedResult(
  db: Db,
  userId: string,
  quiz: QuizWithId,
  attemptId: string,
  passMark: number | null,
): Promise<StoredResult> {
  const [attempt] = await db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.id, attemptId), eq(quizAttempts.userId, userId), eq(quizAttempts.quizId, quiz.id)));
  if (!attempt || attempt.status !== 'submitted')
    return { ok: false, status: 404, message: 'There is no submitted attempt here. Open the quiz to take it.' };
  const plan = JSON.parse(attempt.plan) as AttemptPlan;
  if (!isPlanCurrent(quiz, plan))
    return {
      ok: false,
      status: 409,
      message: 'This quiz has changed since this attempt; its detailed feedback is no longer available.',
    };
  const rows = await db.select().from(quizResponses).where(eq(quizResponses.attemptId, attempt.id));
  const responses: Responses = Object.fromEntries(rows.map((r) => [r.questionId, JSON.parse(r.answer)]));
  return { ok: true, attempt, result: gradeAttempt(quiz, plan, responses, passMark ?? 0) };
}

/** Ids of quizzes this learner has passed at least once. */
export async function passedQuizIds(db: Db, userId: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ quizId: quizAttempts.quizId })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.passed, true)));
  return new Set(rows.map((r) => r.quizId));
}

/** A learner's answers to likert (self-assessment) questions over time, oldest first. */
export async function likertHistory(db: Db, userId: string) {
  const rows = await db
    .select({
      quizId: quizAttempts.quizId,
      questionId: quizResponses.questionId,
      answer: quizResponses.answer,
      at: quizAttempts.submittedAt,
    })
    .from(quizResponses)
    .innerJoin(quizAttempts, eq(quizAttempts.id, quizResponses.attemptId))
    // Likert answers are the only ungraded ones (correct is null).
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.status, 'submitted'), isNull(quizResponses.correct)))
    .orderBy(asc(quizAttempts.submittedAt));
  return rows;
}

/**
 * Where a submitted attempt's result is shown: the submission redirects there (so a refresh never
 * resubmits), and the learner can come back to it from the quiz's history. `from` (the page the quiz
 * was opened from) travels along unchecked; the result page passes it through safeNext().
 */
export function resultPath(quizId: string, attemptId: string, from: string | null): string {
  const path = `/quizzes/${quizId}/attempts/${attemptId}`;
  return from === null ? path : `${path}?from=${encodeURIComponent(from)}`;
}

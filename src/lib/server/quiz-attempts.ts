/**
 * Quiz attempts: opening (with retake limits), submitting (graded here, never in the browser) and
 * reading history. A double submit of the same attempt is recorded once: the first submission
 * claims the attempt with a conditional UPDATE and later ones get the stored result back.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from './db.ts';
import { quizAttempts, quizResponses } from './schema.ts';
import { randomId } from './token.ts';
import {
  gradeAttempt,
  isPlanCurrent,
  parseResponses,
  planAttempt,
  type AttemptPlan,
  type AttemptResult,
  type Responses,
} from '../quiz/index.ts';
import type { Quiz } from '../../schemas/quiz.ts';

export type QuizWithId = Quiz & { id: string };
export type AttemptRow = typeof quizAttempts.$inferSelect;

export type OpenResult =
  { ok: true; attempt: AttemptRow; plan: AttemptPlan } | { ok: false; reason: 'limit' | 'wait'; message: string; retryAt?: Date };

export async function attemptsOf(db: Db, userId: string, quizId: string): Promise<AttemptRow[]> {
  return db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.quizId, quizId)))
    .orderBy(asc(quizAttempts.startedAt));
}

/** Whether a new attempt may start now, given the quiz's retake limit and wait. */
export function retakeRule(quiz: Quiz, submitted: AttemptRow[], now: Date): OpenResult | null {
  if (quiz.maxAttempts && submitted.length >= quiz.maxAttempts)
    return { ok: false, reason: 'limit', message: `You have used all ${quiz.maxAttempts} attempts at this quiz.` };
  const last = submitted.at(-1)?.submittedAt;
  const waitMs = (quiz.retakeWaitMinutes ?? 0) * 60_000;
  if (last && waitMs > 0 && now.getTime() < last.getTime() + waitMs) {
    const retryAt = new Date(last.getTime() + waitMs);
    return {
      ok: false,
      reason: 'wait',
      message: `You can take this quiz again at ${retryAt.toUTCString().slice(17, 22)} UTC.`,
      retryAt,
    };
  }
  return null;
}

/** Returns the learner's open attempt, or opens a new one if the retake rules allow. */
export async function openAttempt(db: Db, userId: string, quiz: QuizWithId, now = new Date()): Promise<OpenResult> {
  const all = await attemptsOf(db, userId, quiz.id);
  const open = all.find((a) => a.status === 'open');
  if (open) {
    const plan = JSON.parse(open.plan) as AttemptPlan;
    // A trainer may have edited the quiz since the attempt opened; start afresh rather than show a broken form.
    if (isPlanCurrent(quiz, plan)) return { ok: true, attempt: open, plan };
    await db.delete(quizAttempts).where(eq(quizAttempts.id, open.id));
  }
  const refusal = retakeRule(
    quiz,
    all.filter((a) => a.status === 'submitted'),
    now,
  );
  if (refusal) return refusal;
  const id = randomId();
  const plan = planAttempt(quiz, id);
  const [attempt] = await db
    .insert(quizAttempts)
    .values({ id, userId, quizId: quiz.id, plan: JSON.stringify(plan), status: 'open', startedAt: now })
    .returning();
  return { ok: true, attempt: attempt!, plan };
}

export type SubmitResult =
  | { ok: true; attempt: AttemptRow; result: AttemptResult; duplicate: boolean }
  | { ok: false; status: 400 | 404 | 409; message: string; errors?: { questionId?: string; message: string }[] };

/** Grades and stores a submission. `passMark` is null for knowledge checks. */
export async function submitAttempt(
  db: Db,
  userId: string,
  quiz: QuizWithId,
  attemptId: string,
  entries: [string, string][],
  passMark: number | null,
  now = new Date(),
): Promise<SubmitResult> {
  const [attempt] = await db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.id, attemptId), eq(quizAttempts.userId, userId), eq(quizAttempts.quizId, quiz.id)));
  if (!attempt) return { ok: false, status: 404, message: 'This attempt does not exist. Reload the quiz to start again.' };
  const plan = JSON.parse(attempt.plan) as AttemptPlan;
  if (attempt.status === 'submitted') return storedResult(db, quiz, attempt, passMark);
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
  const result = gradeAttempt(quiz, plan, parsed.responses, passMark ?? 0);
  // The claim and the answers commit together (one batch is one transaction): a crash can never
  // leave a submitted attempt without its answers. If another request claimed the attempt first,
  // the claim here changes nothing and its answers meet the stored ones' keys and are skipped.
  const [claimed] = await db.batch([
    db
      .update(quizAttempts)
      .set({
        status: 'submitted',
        submittedAt: now,
        points: result.totals.points,
        maxPoints: result.totals.maxPoints,
        percent: result.totals.percent,
        passed: passMark === null ? null : result.totals.passed,
      })
      .where(and(eq(quizAttempts.id, attempt.id), eq(quizAttempts.status, 'open')))
      .returning(),
    db
      .insert(quizResponses)
      .values(
        result.questions.map((q) => ({
          attemptId: attempt.id,
          questionId: q.questionId,
          answer: JSON.stringify(parsed.responses[q.questionId]),
          correct: q.correct,
          points: q.points,
        })),
      )
      .onConflictDoNothing(),
  ]);
  if (claimed.length === 0) return storedResult(db, quiz, attempt, passMark);
  return { ok: true, attempt: claimed[0]!, result, duplicate: false };
}

/** The result of a submitted attempt, re-graded from its stored answers (feedback comes from the quiz). */
export async function storedResult(
  db: Db,
  quiz: QuizWithId,
  attempt: AttemptRow,
  passMark: number | null,
): Promise<SubmitResult> {
  const rows = await db.select().from(quizResponses).where(eq(quizResponses.attemptId, attempt.id));
  const responses: Responses = Object.fromEntries(rows.map((r) => [r.questionId, JSON.parse(r.answer)]));
  const [fresh] = await db.select().from(quizAttempts).where(eq(quizAttempts.id, attempt.id));
  const plan = JSON.parse(attempt.plan) as AttemptPlan;
  if (!isPlanCurrent(quiz, plan))
    return {
      ok: false,
      status: 409,
      message: 'This quiz has changed since this attempt; its detailed feedback is no longer available.',
    };
  return { ok: true, attempt: fresh ?? attempt, result: gradeAttempt(quiz, plan, responses, passMark ?? 0), duplicate: true };
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

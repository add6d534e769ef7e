/**
 * Reading the facts behind the trainers' insight pages. Every query groups or counts; none returns a
 * name or an email, and the few that read per-attempt rows (item analysis needs each attempt's total
 * score) return only opaque attempt ids. The arithmetic lives in src/lib/insight/, unit-tested.
 */
import { and, count, eq, inArray, lt, notExists, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/db.ts';
import { lessonProgress, quizAttempts, quizResponses, scenarioRuns, scenarioSteps, users } from '../db/schema.ts';
import type { AttemptData } from '../../insight/item-analysis.ts';
import type { ChoiceCount, RunCount } from '../../insight/scenario-analytics.ts';
import type { FurthestCount, LessonCount } from '../../insight/lesson-analytics.ts';
import type { Response } from '../../quiz/index.ts';

/**
 * Which attempts item analysis reads. `first`: each person's first submitted attempt, the classic basis
 * (a retake comes after the feedback, so it would make every question look easier than it is). `all`:
 * retakes too, to see how answers change once people have had the feedback.
 */
export type AttemptScope = 'first' | 'all';

/**
 * Roles whose attempts say how the content performs. Trainers and admins take quizzes to check their
 * own work; their attempts would blur the learners' figures. Managers are learners who manage a team
 * (decision 013); 'manager' stays for rows stored before that decision.
 */
const COUNTED_ROLES = ['learner', 'manager'];

/** The submitted attempts at a quiz in `scope`, by learners and managers, with their percent and stored answers. */
export async function quizAttemptData(db: Db, quizId: string, scope: AttemptScope = 'first'): Promise<AttemptData[]> {
  const earlier = alias(quizAttempts, 'earlier');
  // An attempt is someone's first when no submitted attempt of theirs at this quiz came before it.
  const isFirst = notExists(
    db
      .select({ one: sql`1` })
      .from(earlier)
      .where(
        and(
          eq(earlier.userId, quizAttempts.userId),
          eq(earlier.quizId, quizAttempts.quizId),
          eq(earlier.status, 'submitted'),
          or(
            lt(earlier.submittedAt, quizAttempts.submittedAt),
            and(eq(earlier.submittedAt, quizAttempts.submittedAt), lt(earlier.id, quizAttempts.id)),
          ),
        ),
      ),
  );
  const rows = await db
    .select({
      id: quizAttempts.id,
      score: quizAttempts.percent,
      questionId: quizResponses.questionId,
      answer: quizResponses.answer,
      correct: quizResponses.correct,
    })
    .from(quizAttempts)
    .innerJoin(users, eq(users.id, quizAttempts.userId))
    .innerJoin(quizResponses, eq(quizResponses.attemptId, quizAttempts.id))
    .where(
      and(
        eq(quizAttempts.quizId, quizId),
        eq(quizAttempts.status, 'submitted'),
        inArray(sql`${users.role}`, COUNTED_ROLES),
        scope === 'first' ? isFirst : undefined,
      ),
    );
  const attempts = new Map<string, AttemptData>();
  for (const row of rows) {
    const answer = parseAnswer(row.answer);
    if (!answer) continue;
    const attempt = attempts.get(row.id) ?? { id: row.id, score: row.score ?? 0, responses: new Map() };
    attempt.responses.set(row.questionId, { correct: row.correct, answer });
    attempts.set(row.id, attempt);
  }
  return [...attempts.values()];
}

/** A stored answer, or undefined for one that is not valid JSON (never written by us; skipped, not fatal). */
function parseAnswer(json: string): Response | undefined {
  try {
    const value = JSON.parse(json) as Response;
    return value && typeof value === 'object' && 'type' in value ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Submitted attempts per quiz by learners and managers, retakes included. */
export async function submittedAttemptCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .select({ quizId: quizAttempts.quizId, n: count() })
    .from(quizAttempts)
    .innerJoin(users, eq(users.id, quizAttempts.userId))
    .where(and(eq(quizAttempts.status, 'submitted'), inArray(sql`${users.role}`, COUNTED_ROLES)))
    .groupBy(quizAttempts.quizId);
  return new Map(rows.map((r) => [r.quizId, r.n]));
}

/** Decisions per node and choice, and runs per status and position, for one scenario. */
export async function scenarioCounts(db: Db, scenarioId: string): Promise<{ choices: ChoiceCount[]; runs: RunCount[] }> {
  const [choices, runs] = await Promise.all([
    db
      .select({ nodeId: scenarioSteps.nodeId, choiceId: scenarioSteps.choiceId, count: count() })
      .from(scenarioSteps)
      .innerJoin(scenarioRuns, eq(scenarioRuns.id, scenarioSteps.runId))
      .where(eq(scenarioRuns.scenarioId, scenarioId))
      .groupBy(scenarioSteps.nodeId, scenarioSteps.choiceId),
    db
      .select({ status: scenarioRuns.status, nodeId: scenarioRuns.nodeId, endingId: scenarioRuns.endingId, count: count() })
      .from(scenarioRuns)
      .where(eq(scenarioRuns.scenarioId, scenarioId))
      .groupBy(scenarioRuns.status, scenarioRuns.nodeId, scenarioRuns.endingId),
  ]);
  return { choices, runs };
}

/** Runs per scenario and status, for the overview. */
export async function scenarioRunCounts(db: Db): Promise<Map<string, { total: number; finished: number }>> {
  const rows = await db
    .select({ scenarioId: scenarioRuns.scenarioId, status: scenarioRuns.status, n: count() })
    .from(scenarioRuns)
    .groupBy(scenarioRuns.scenarioId, scenarioRuns.status);
  const out = new Map<string, { total: number; finished: number }>();
  for (const r of rows) {
    const entry = out.get(r.scenarioId) ?? { total: 0, finished: 0 };
    entry.total += r.n;
    if (r.status === 'finished') entry.finished += r.n;
    out.set(r.scenarioId, entry);
  }
  return out;
}

/**
 * Opened and completed counts per lesson, and how many learners got no further than each lesson. `lessonIds`
 * is the module's current lessons in order: records of removed lessons are ignored, and "furthest" is the
 * highest position among the lessons a learner opened.
 */
export async function lessonCounts(
  db: Db,
  moduleId: string,
  lessonIds: string[],
): Promise<{ counts: LessonCount[]; furthest: FurthestCount[] }> {
  if (lessonIds.length === 0) return { counts: [], furthest: [] };
  const p = lessonProgress;
  const where = and(eq(p.moduleId, moduleId), inArray(p.lessonId, lessonIds));
  const position = sql<number>`case ${p.lessonId} ${sql.join(
    lessonIds.map((id, i) => sql`when ${id} then ${i + 1}`),
    sql` `,
  )} end`;
  const perLearner = db
    .select({ furthest: sql<number>`max(${position})`.as('furthest') })
    .from(p)
    .where(where)
    .groupBy(p.userId)
    .as('per_learner');
  const [counts, furthest] = await Promise.all([
    db
      .select({ lessonId: p.lessonId, opened: count(), completed: count(p.completedAt) })
      .from(p)
      .where(where)
      .groupBy(p.lessonId),
    db
      .select({ furthest: perLearner.furthest, learners: count() })
      .from(perLearner)
      .groupBy(sql`${perLearner.furthest}`),
  ]);
  return {
    counts,
    furthest: furthest.map((f) => ({ lessonId: lessonIds[Number(f.furthest) - 1] ?? '', learners: f.learners })),
  };
}

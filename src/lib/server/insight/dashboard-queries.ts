/**
 * The grouped queries behind the manager dashboard. Each reads the facts of a whole scope (a team's
 * active members, or one person) in one statement, grouped per person and module / quiz / scenario, so
 * the number of queries does not grow with the team.
 *
 * Every query starts from `users` with a CROSS JOIN, which in SQLite fixes the loop order: find the
 * scope's people (users_team_idx or the primary key), then each person's rows through the fact table's
 * index that starts with user_id. Left to itself the planner may prefer an index on quiz or status,
 * which reads the whole organisation's attempts to keep one team's.
 */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { assignments, lessonProgress, quizAttempts, scenarioRuns, users } from '../db/schema.ts';
import type { CatalogModule } from '../../content/catalog.ts';
import type { LessonCounts, Person, TeamFacts } from '../../insight/matrix.ts';
import type { QuizAggregate, SkillAggregate } from '../../insight/team-stats.ts';
import { bestRuns, parseTotals, skillAggregatesOf } from '../../insight/practice.ts';

/** Whose facts to read: the active members of a team, or one person. */
export type Scope = { teamId: string } | { userId: string };

/** The scope as a condition on `users`. */
function inScope(scope: Scope): SQL {
  if ('userId' in scope) return sql`${users.id} = ${scope.userId}`;
  return sql`${users.teamId} = ${scope.teamId} and ${users.active} = 1`;
}

/** The team's active members, by name. */
export async function teamMembers(db: Db, teamId: string): Promise<Person[]> {
  return db
    .select({ id: users.id, displayName: users.displayName, email: users.email })
    .from(users)
    .where(and(eq(users.teamId, teamId), eq(users.active, true)))
    .orderBy(asc(users.displayName), asc(users.email));
}

/** The published lessons as an inline table, so completions of removed or draft lessons are not counted. */
function publishedLessons(modules: CatalogModule[]): SQL {
  const rows = modules.flatMap((m) => m.lessons.map((l) => sql`(${m.id}, ${l.id})`));
  return rows.length === 0 ? sql`select null, null where 0` : sql`values ${sql.join(rows, sql`, `)}`;
}

async function lessonCounts(db: Db, scope: Scope, modules: CatalogModule[]): Promise<LessonCounts[]> {
  const rows = await db.all<{ userId: string; moduleId: string; opened: number; completed: number }>(sql`
    with published(module_id, lesson_id) as (${publishedLessons(modules)})
    select ${lessonProgress.userId} as userId, ${lessonProgress.moduleId} as moduleId, count(*) as opened,
      sum(published.lesson_id is not null and ${lessonProgress.completedAt} is not null) as completed
    from ${users}
    cross join ${lessonProgress} on ${lessonProgress.userId} = ${users.id}
    left join published
      on published.module_id = ${lessonProgress.moduleId} and published.lesson_id = ${lessonProgress.lessonId}
    where ${inScope(scope)}
    group by ${lessonProgress.userId}, ${lessonProgress.moduleId}`);
  return rows.map((r) => ({ ...r, opened: Number(r.opened), completed: Number(r.completed ?? 0) }));
}

/** Submitted attempts at the modules' end-of-module quizzes, per person and quiz. */
export async function quizAggregates(db: Db, scope: Scope, modules: CatalogModule[]): Promise<QuizAggregate[]> {
  const quizIds = modules.flatMap((m) => (m.quiz ? [m.quiz.id] : []));
  if (quizIds.length === 0) return [];
  return db
    .select({
      userId: quizAttempts.userId,
      quizId: quizAttempts.quizId,
      attempts: sql<number>`count(*)`.mapWith(Number),
      passedAttempts: sql<number>`coalesce(sum(${quizAttempts.passed}), 0)`.mapWith(Number),
      best: sql<number>`coalesce(max(${quizAttempts.percent}), 0)`.mapWith(Number),
    })
    .from(users)
    .crossJoin(quizAttempts)
    .where(
      and(
        eq(quizAttempts.userId, users.id),
        inScope(scope),
        inArray(quizAttempts.quizId, quizIds),
        // The unary plus keeps SQLite off quiz_attempts_quiz_idx (quiz_id, status), whose two equalities
        // otherwise tie with (user_id, quiz_id) and read every learner's attempts in the organisation.
        sql`+${quizAttempts.status} = 'submitted'`,
      ),
    )
    .groupBy(quizAttempts.userId, quizAttempts.quizId);
}

async function finishedScenarios(db: Db, scope: Scope) {
  return db
    .selectDistinct({ userId: scenarioRuns.userId, scenarioId: scenarioRuns.scenarioId })
    .from(users)
    .crossJoin(scenarioRuns)
    .where(and(eq(scenarioRuns.userId, users.id), inScope(scope), eq(scenarioRuns.status, 'finished')));
}

async function dueDates(db: Db, scope: Scope) {
  return db
    .select({ userId: assignments.userId, moduleId: assignments.moduleId, dueAt: assignments.dueAt })
    .from(users)
    .crossJoin(assignments)
    .where(and(eq(assignments.userId, users.id), inScope(scope)));
}

/** Everything the matrix needs, plus the quiz aggregates it was derived from (they feed the quiz figures too). */
export async function scopeFacts(
  db: Db,
  scope: Scope,
  modules: CatalogModule[],
): Promise<{ facts: TeamFacts; quizzes: QuizAggregate[] }> {
  const [lessons, quizzes, scenarios, due] = await Promise.all([
    lessonCounts(db, scope, modules),
    quizAggregates(db, scope, modules),
    finishedScenarios(db, scope),
    dueDates(db, scope),
  ]);
  const passedQuizzes = quizzes.filter((q) => q.passedAttempts > 0).map(({ userId, quizId }) => ({ userId, quizId }));
  return { facts: { lessons, passedQuizzes, finishedScenarios: scenarios, assignments: due }, quizzes };
}

/** What bestRuns() (src/lib/insight/practice.ts) needs of a finished role-play run. */
export const RUN_FIELDS = {
  userId: scenarioRuns.userId,
  scenarioId: scenarioRuns.scenarioId,
  outcome: scenarioRuns.outcome,
  totals: scenarioRuns.totals,
  finishedAt: scenarioRuns.finishedAt,
};

/**
 * Points per scenario and skill from each person's best finished run of each role-play (decision 010: a
 * replay or a run played badly on purpose never lowers the profile). The runs are read per person by
 * index and reduced in src/lib/insight/practice.ts.
 */
export async function skillAggregates(db: Db, scope: Scope): Promise<SkillAggregate[]> {
  const rows = await db
    .select(RUN_FIELDS)
    .from(users)
    .crossJoin(scenarioRuns)
    .where(and(eq(scenarioRuns.userId, users.id), inScope(scope), eq(scenarioRuns.status, 'finished')));
  return skillAggregatesOf(bestRuns(rows.map((r) => ({ ...r, totals: parseTotals(r.totals) }))));
}

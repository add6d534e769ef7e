/**
 * One learner as their manager sees them (docs/decisions/010-privacy-of-practice.md): module status,
 * lessons, the best result of each end-of-module quiz, the best finished run of each role-play and the
 * skill profile from those runs. Knowledge checks, retakes, attempts never submitted, abandoned runs and
 * weaker replays are never selected. Nor are journal_entries (private reflections) or lesson feedback:
 * neither table is imported here, so the drill-down cannot show them by accident.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { quizAttempts, scenarioRuns, users } from '../db/schema.ts';
import { lessonRecords } from '../learning/progress.ts';
import { RUN_FIELDS, scopeFacts, skillAggregates } from './dashboard-queries.ts';
import type { CourseFacts } from '../../insight/course.ts';
import type { CatalogModule } from '../../content/catalog.ts';
import { buildMatrix, type Cell, type Person } from '../../insight/matrix.ts';
import { bestQuizResults, bestRuns, parseTotals, type QuizResult } from '../../insight/practice.ts';
import { skillStats, type SkillStat } from '../../insight/team-stats.ts';
import type { LessonRecord } from '../../progress/rules.ts';

/** The best submitted attempt at one end-of-module quiz. */
export type QuizResultLine = QuizResult;

/** The best finished run of one role-play. */
export interface RunLine {
  scenarioId: string;
  outcome: 'strong' | 'mixed' | 'poor' | null;
  finishedAt: Date | null;
}

export interface PersonDetail {
  cells: Cell[];
  lessons: LessonRecord[];
  quizzes: QuizResultLine[];
  runs: RunLine[];
  skills: SkillStat[];
}

/** The ids of the modules' end-of-module quizzes: the only quizzes whose results a manager sees. */
export function moduleQuizIds(modules: CatalogModule[]): string[] {
  return modules.flatMap((m) => (m.quiz ? [m.quiz.id] : []));
}

// The unary plus keeps SQLite on the index that starts with the person (see dashboard-queries.ts).
const submitted = sql`+${quizAttempts.status} = 'submitted'`;

const graded = {
  userId: quizAttempts.userId,
  quizId: quizAttempts.quizId,
  submittedAt: quizAttempts.submittedAt,
  points: quizAttempts.points,
  maxPoints: quizAttempts.maxPoints,
  percent: quizAttempts.percent,
  passed: quizAttempts.passed,
};

async function quizResults(db: Db, userId: string, quizIds: string[]): Promise<QuizResultLine[]> {
  if (quizIds.length === 0) return [];
  const rows = await db
    .select(graded)
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), inArray(quizAttempts.quizId, quizIds), submitted))
    .orderBy(asc(quizAttempts.submittedAt));
  return bestQuizResults(rows);
}

async function runResults(db: Db, userId: string): Promise<RunLine[]> {
  const rows = await db
    .select(RUN_FIELDS)
    .from(scenarioRuns)
    .where(and(eq(scenarioRuns.userId, userId), eq(scenarioRuns.status, 'finished')))
    .orderBy(desc(scenarioRuns.finishedAt));
  return bestRuns(rows.map((r) => ({ ...r, totals: parseTotals(r.totals) }))).map(({ scenarioId, outcome, finishedAt }) => ({
    scenarioId,
    outcome,
    finishedAt,
  }));
}

export async function personDetail(db: Db, person: Person, course: CourseFacts, now = new Date()): Promise<PersonDetail> {
  const scope = { userId: person.id };
  const [{ facts }, lessons, quizzes, runs, skills] = await Promise.all([
    scopeFacts(db, scope, course.modules),
    lessonRecords(db, person.id),
    quizResults(db, person.id, moduleQuizIds(course.modules)),
    runResults(db, person.id),
    skillAggregates(db, scope),
  ]);
  const [row] = buildMatrix(course.modules, [person], facts, now).rows;
  return { cells: row?.cells ?? [], lessons, quizzes, runs, skills: skillStats(skills, course.best) };
}

export type QuizResultExportLine = QuizResultLine & { displayName: string; email: string };

/**
 * Each active member's best result in each end-of-module quiz, for the CSV export; optionally only some
 * quizzes. Knowledge checks and retakes are not exported (decision 010).
 */
export async function teamQuizResults(db: Db, teamId: string, quizIds: string[]): Promise<QuizResultExportLine[]> {
  if (quizIds.length === 0) return [];
  const rows = await db
    .select({ displayName: users.displayName, email: users.email, ...graded })
    // CROSS JOIN fixes the loop order: the team's people first, then each one's attempts by user_id.
    .from(users)
    .crossJoin(quizAttempts)
    .where(
      and(
        eq(quizAttempts.userId, users.id),
        eq(users.teamId, teamId),
        eq(users.active, true),
        inArray(quizAttempts.quizId, quizIds),
        submitted,
      ),
    )
    .orderBy(asc(users.displayName), asc(users.email), asc(quizAttempts.submittedAt));
  return bestQuizResults(rows);
}

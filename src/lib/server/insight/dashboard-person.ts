/**
 * One learner as their manager sees them: module status, lessons, quiz attempts, role-play runs and
 * skill profile. Deliberately never reads journal_entries (private reflections) or lesson feedback:
 * neither table is imported here, so the drill-down cannot show them by accident.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { quizAttempts, scenarioRuns, users } from '../db/schema.ts';
import { lessonRecords } from '../learning/progress.ts';
import { scopeFacts, skillAggregates } from './dashboard-queries.ts';
import type { CourseFacts } from '../../insight/course.ts';
import { buildMatrix, type Cell, type Person } from '../../insight/matrix.ts';
import { skillStats, type SkillStat } from '../../insight/team-stats.ts';
import type { LessonRecord } from '../../progress/rules.ts';

export interface AttemptLine {
  id: string;
  quizId: string;
  status: 'open' | 'submitted';
  startedAt: Date;
  submittedAt: Date | null;
  percent: number | null;
  passed: boolean | null;
}

export interface RunLine {
  id: string;
  scenarioId: string;
  status: 'active' | 'finished' | 'abandoned';
  outcome: 'strong' | 'mixed' | 'poor' | null;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface PersonDetail {
  cells: Cell[];
  lessons: LessonRecord[];
  attempts: AttemptLine[];
  runs: RunLine[];
  skills: SkillStat[];
}

export async function personDetail(db: Db, person: Person, course: CourseFacts, now = new Date()): Promise<PersonDetail> {
  const scope = { userId: person.id };
  const [{ facts }, lessons, attempts, runs, skills] = await Promise.all([
    scopeFacts(db, scope, course.modules),
    lessonRecords(db, person.id),
    db
      .select({
        id: quizAttempts.id,
        quizId: quizAttempts.quizId,
        status: quizAttempts.status,
        startedAt: quizAttempts.startedAt,
        submittedAt: quizAttempts.submittedAt,
        percent: quizAttempts.percent,
        passed: quizAttempts.passed,
      })
      .from(quizAttempts)
      .where(eq(quizAttempts.userId, person.id))
      .orderBy(desc(quizAttempts.startedAt)),
    db
      .select({
        id: scenarioRuns.id,
        scenarioId: scenarioRuns.scenarioId,
        status: scenarioRuns.status,
        outcome: scenarioRuns.outcome,
        startedAt: scenarioRuns.startedAt,
        finishedAt: scenarioRuns.finishedAt,
      })
      .from(scenarioRuns)
      .where(eq(scenarioRuns.userId, person.id))
      .orderBy(desc(scenarioRuns.startedAt)),
    skillAggregates(db, scope),
  ]);
  const [row] = buildMatrix(course.modules, [person], facts, now).rows;
  return { cells: row?.cells ?? [], lessons, attempts, runs, skills: skillStats(skills, course.best) };
}

export interface AttemptExportLine extends AttemptLine {
  displayName: string;
  email: string;
  points: number | null;
  maxPoints: number | null;
}

/** Every quiz attempt of the team's active members, for the raw CSV export; optionally only some quizzes. */
export async function teamAttempts(db: Db, teamId: string, quizIds?: string[]): Promise<AttemptExportLine[]> {
  if (quizIds && quizIds.length === 0) return [];
  return db
    .select({
      displayName: users.displayName,
      email: users.email,
      id: quizAttempts.id,
      quizId: quizAttempts.quizId,
      status: quizAttempts.status,
      startedAt: quizAttempts.startedAt,
      submittedAt: quizAttempts.submittedAt,
      points: quizAttempts.points,
      maxPoints: quizAttempts.maxPoints,
      percent: quizAttempts.percent,
      passed: quizAttempts.passed,
    })
    .from(users)
    .innerJoin(quizAttempts, eq(quizAttempts.userId, users.id))
    .where(and(eq(users.teamId, teamId), eq(users.active, true), quizIds ? inArray(quizAttempts.quizId, quizIds) : undefined))
    .orderBy(asc(users.displayName), asc(users.email), asc(quizAttempts.startedAt));
}

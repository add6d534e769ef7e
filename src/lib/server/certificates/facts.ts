/** A learner's facts with their dates, as the path rules need them (src/lib/certificates/paths.ts). */
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { lessonProgress, quizAttempts, scenarioRuns } from '../db/schema.ts';
import type { DatedFacts } from '../../certificates/paths.ts';

export async function datedFacts(db: Db, userId: string): Promise<DatedFacts> {
  const [lessons, passes, endings] = await Promise.all([
    db
      .select({ moduleId: lessonProgress.moduleId, lessonId: lessonProgress.lessonId })
      .from(lessonProgress)
      .where(and(eq(lessonProgress.userId, userId), isNotNull(lessonProgress.completedAt))),
    db
      .select({ quizId: quizAttempts.quizId, at: quizAttempts.submittedAt })
      .from(quizAttempts)
      .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.passed, true))),
    db
      .select({ scenarioId: scenarioRuns.scenarioId, at: scenarioRuns.finishedAt })
      .from(scenarioRuns)
      .where(and(eq(scenarioRuns.userId, userId), eq(scenarioRuns.status, 'finished'))),
  ]);
  return {
    completedLessons: new Set(lessons.map((l) => `${l.moduleId}/${l.lessonId}`)),
    quizPasses: passes.flatMap((p) => (p.at ? [{ quizId: p.quizId, at: p.at }] : [])),
    scenarioEndings: endings.flatMap((e) => (e.at ? [{ scenarioId: e.scenarioId, at: e.at }] : [])),
  };
}

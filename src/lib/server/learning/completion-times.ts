/**
 * The moments behind module completion dates (assignment history, CSV exports), for many people at once:
 * three grouped queries, whatever the number of people.
 */
import { and, eq, inArray, isNotNull, min } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { lessonProgress, quizAttempts, scenarioRuns } from '../db/schema.ts';
import type { CompletionTimes } from '../../insight/completion.ts';

/** SQLite limits bound parameters per statement; stay well below it. */
const CHUNK = 500;

export async function completionTimes(db: Db, userIds: readonly string[]): Promise<Map<string, CompletionTimes>> {
  const unique = [...new Set(userIds)];
  const out = new Map(unique.map((id) => [id, { lessons: new Map(), quizzes: new Map(), scenarios: new Map() }]));
  for (let i = 0; i < unique.length; i += CHUNK) {
    const part = unique.slice(i, i + CHUNK);
    const [lessons, quizzes, runs] = await Promise.all([
      db
        .select({
          userId: lessonProgress.userId,
          moduleId: lessonProgress.moduleId,
          lessonId: lessonProgress.lessonId,
          at: lessonProgress.completedAt,
        })
        .from(lessonProgress)
        .where(and(inArray(lessonProgress.userId, part), isNotNull(lessonProgress.completedAt))),
      db
        .select({ userId: quizAttempts.userId, quizId: quizAttempts.quizId, at: min(quizAttempts.submittedAt) })
        .from(quizAttempts)
        .where(and(inArray(quizAttempts.userId, part), eq(quizAttempts.passed, true)))
        .groupBy(quizAttempts.userId, quizAttempts.quizId),
      db
        .select({ userId: scenarioRuns.userId, scenarioId: scenarioRuns.scenarioId, at: min(scenarioRuns.finishedAt) })
        .from(scenarioRuns)
        .where(and(inArray(scenarioRuns.userId, part), eq(scenarioRuns.status, 'finished')))
        .groupBy(scenarioRuns.userId, scenarioRuns.scenarioId),
    ]);
    for (const r of lessons) if (r.at) out.get(r.userId)!.lessons.set(`${r.moduleId}/${r.lessonId}`, r.at);
    for (const r of quizzes) if (r.at) out.get(r.userId)!.quizzes.set(r.quizId, toDate(r.at));
    for (const r of runs) if (r.at) out.get(r.userId)!.scenarios.set(r.scenarioId, toDate(r.at));
  }
  return out;
}

// min() over a timestamp column comes back as the stored number, not mapped to a Date.
function toDate(value: Date | number): Date {
  return value instanceof Date ? value : new Date(Number(value));
}

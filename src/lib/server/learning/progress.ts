/**
 * Recording a learner's progress. Every write is an upsert keyed by (user, module, lesson), so a
 * double click, a retry or two tabs never create a second record or move a first completion.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { lessonProgress } from '../db/schema.ts';
import type { LessonRecord } from '../../progress/rules.ts';

/** Re-opening a lesson within this window does not write again; it would change nothing useful. */
export const REOPEN_WRITE_INTERVAL_MS = 60_000;

export async function recordOpened(db: Db, userId: string, moduleId: string, lessonId: string, now = new Date()): Promise<void> {
  await db
    .insert(lessonProgress)
    .values({ userId, moduleId, lessonId, firstOpenedAt: now, lastOpenedAt: now })
    .onConflictDoUpdate({
      target: [lessonProgress.userId, lessonProgress.moduleId, lessonProgress.lessonId],
      set: { lastOpenedAt: now },
      setWhere: sql`${lessonProgress.lastOpenedAt} < ${now.getTime() - REOPEN_WRITE_INTERVAL_MS}`,
    });
}

/**
 * Marks a lesson complete. The first completion (and its content version) is kept; later calls
 * only refresh `lastOpenedAt`. Returns whether this call was the first completion.
 */
export async function recordCompleted(
  db: Db,
  userId: string,
  moduleId: string,
  lessonId: string,
  version: string,
  now = new Date(),
): Promise<boolean> {
  await db
    .insert(lessonProgress)
    .values({ userId, moduleId, lessonId, firstOpenedAt: now, lastOpenedAt: now })
    .onConflictDoNothing();
  const updated = await db
    .update(lessonProgress)
    .set({ completedAt: now, completedVersion: version, lastOpenedAt: now })
    .where(
      and(
        eq(lessonProgress.userId, userId),
        eq(lessonProgress.moduleId, moduleId),
        eq(lessonProgress.lessonId, lessonId),
        sql`${lessonProgress.completedAt} is null`,
      ),
    )
    .returning({ lessonId: lessonProgress.lessonId });
  return updated.length === 1;
}

export async function lessonRecords(db: Db, userId: string): Promise<LessonRecord[]> {
  return db
    .select({
      moduleId: lessonProgress.moduleId,
      lessonId: lessonProgress.lessonId,
      firstOpenedAt: lessonProgress.firstOpenedAt,
      lastOpenedAt: lessonProgress.lastOpenedAt,
      completedAt: lessonProgress.completedAt,
    })
    .from(lessonProgress)
    .where(eq(lessonProgress.userId, userId));
}

/**
 * Recording a learner's progress. Every write is an upsert keyed by (user, module, lesson), so a
 * double click, a retry or two tabs never create a second record or move a first completion.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { lessonProgress } from '../db/schema.ts';
import type { LessonRecord } from '../../progress/rules.ts';
import { lessonCompleted, lessonExperienced } from '../../xapi/index.ts';
import { queueQuery } from '../xapi/outbox.ts';
import { recordingSite } from '../xapi/settings.ts';

/** Re-opening a lesson within this window does not write again; it would change nothing useful. */
export const REOPEN_WRITE_INTERVAL_MS = 60_000;

export async function recordOpened(db: Db, userId: string, moduleId: string, lessonId: string, now = new Date()): Promise<void> {
  const upsert = db
    .insert(lessonProgress)
    .values({ userId, moduleId, lessonId, firstOpenedAt: now, lastOpenedAt: now })
    .onConflictDoUpdate({
      target: [lessonProgress.userId, lessonProgress.moduleId, lessonProgress.lessonId],
      set: { lastOpenedAt: now },
      setWhere: sql`${lessonProgress.lastOpenedAt} < ${now.getTime() - REOPEN_WRITE_INTERVAL_MS}`,
    });
  const site = recordingSite();
  if (!site) {
    await upsert;
    return;
  }
  // Queued only when the upsert wrote this opening (not for a re-opening within the interval).
  const statement = lessonExperienced(site, { userId, moduleId, lessonId, at: now });
  await db.batch([upsert, db.run(queueQuery(statement, now, lessonAt('last_opened_at', userId, moduleId, lessonId, now)))]);
}

/** "This lesson's `column` is `now`": the write in the same transaction was this one. */
function lessonAt(column: 'last_opened_at' | 'completed_at', userId: string, moduleId: string, lessonId: string, now: Date) {
  return {
    sql: `exists (select 1 from lesson_progress where user_id = ? and module_id = ? and lesson_id = ? and ${column} = ?)`,
    args: [userId, moduleId, lessonId, now.getTime()],
  };
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
  const ensure = db
    .insert(lessonProgress)
    .values({ userId, moduleId, lessonId, firstOpenedAt: now, lastOpenedAt: now })
    .onConflictDoNothing();
  const complete = db
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
  const site = recordingSite();
  const statement = site && lessonCompleted(site, { userId, moduleId, lessonId, at: now });
  // One transaction either way; with xAPI on, the statement is queued only by the first completion.
  const [, updated] = statement
    ? await db.batch([
        ensure,
        complete,
        db.run(queueQuery(statement, now, lessonAt('completed_at', userId, moduleId, lessonId, now))),
      ])
    : await db.batch([ensure, complete]);
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

/** The private journal: reflection answers, readable and editable by their author only. */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { journalEntries } from '../db/schema.ts';

export const MAX_REFLECTION_LENGTH = 5000;

export interface ReflectionKey {
  moduleId: string;
  lessonId: string;
  reflectionId: string;
}

/** Saves (or replaces) the author's answer; an empty answer deletes it. */
export async function saveReflection(db: Db, userId: string, key: ReflectionKey, prompt: string, body: string, now = new Date()) {
  const text = body.trim().slice(0, MAX_REFLECTION_LENGTH);
  const where = and(
    eq(journalEntries.userId, userId),
    eq(journalEntries.moduleId, key.moduleId),
    eq(journalEntries.lessonId, key.lessonId),
    eq(journalEntries.reflectionId, key.reflectionId),
  );
  if (!text) {
    await db.delete(journalEntries).where(where);
    return;
  }
  await db
    .insert(journalEntries)
    .values({ userId, ...key, prompt, body: text, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [journalEntries.userId, journalEntries.moduleId, journalEntries.lessonId, journalEntries.reflectionId],
      set: { body: text, updatedAt: now },
    });
}

export async function reflectionFor(db: Db, userId: string, key: ReflectionKey): Promise<string | undefined> {
  const [row] = await db
    .select({ body: journalEntries.body })
    .from(journalEntries)
    .where(
      and(
        eq(journalEntries.userId, userId),
        eq(journalEntries.moduleId, key.moduleId),
        eq(journalEntries.lessonId, key.lessonId),
        eq(journalEntries.reflectionId, key.reflectionId),
      ),
    );
  return row?.body;
}

export async function journalOf(db: Db, userId: string) {
  return db
    .select()
    .from(journalEntries)
    .where(eq(journalEntries.userId, userId))
    .orderBy(asc(journalEntries.moduleId), asc(journalEntries.createdAt));
}

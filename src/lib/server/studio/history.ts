/** The record of publishes (the `publishes` table): started, moved through its steps, ended, listed. */
import { and, desc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { publishes, users, type PublishedFile } from '../db/schema.ts';

export type Publish = typeof publishes.$inferSelect;
export type PublishStep = 'checking' | 'building' | 'swapping' | 'writing';

/**
 * A publish still running after this long is taken to have died with its server (a restart mid-build), so it
 * no longer holds back the next one. Builds here take seconds to a minute or two.
 */
export const RUNNING_AT_MOST_MS = 15 * 60_000;

export async function startPublishRecord(
  db: Db,
  input: { userId: string; files: PublishedFile[]; warnings: string[]; reason: string | null; revertOf: number | null },
): Promise<number> {
  const [row] = await db
    .insert(publishes)
    .values({ ...input, status: 'running', step: 'building', startedAt: new Date() })
    .returning({ id: publishes.id });
  return row!.id;
}

export async function setStep(db: Db, id: number, step: PublishStep): Promise<void> {
  await db.update(publishes).set({ step }).where(eq(publishes.id, id));
}

export async function endPublish(
  db: Db,
  id: number,
  outcome: { status: 'published'; commitSha: string | null } | { status: 'failed'; error: string },
): Promise<void> {
  await db
    .update(publishes)
    .set({ ...outcome, finishedAt: new Date() })
    .where(eq(publishes.id, id));
}

/** The publish running now, if any (one at a time: the studio runs on a single node). */
export async function runningPublish(db: Db, now = new Date()): Promise<Publish | undefined> {
  return db.query.publishes.findFirst({
    where: and(eq(publishes.status, 'running'), gt(publishes.startedAt, new Date(now.getTime() - RUNNING_AT_MOST_MS))),
  });
}

export interface PublishRow extends Publish {
  who: string | null;
}

/** Publishes, newest first, with who made them. */
export async function listPublishes(db: Db, limit = 100): Promise<PublishRow[]> {
  const rows = await db
    .select({ publish: publishes, who: users.displayName })
    .from(publishes)
    .leftJoin(users, eq(users.id, publishes.userId))
    .orderBy(desc(publishes.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.publish, who: r.who }));
}

export async function findPublish(db: Db, id: number): Promise<PublishRow | undefined> {
  const [row] = await db
    .select({ publish: publishes, who: users.displayName })
    .from(publishes)
    .leftJoin(users, eq(users.id, publishes.userId))
    .where(eq(publishes.id, id));
  return row ? { ...row.publish, who: row.who } : undefined;
}

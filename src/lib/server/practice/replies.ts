/**
 * A learner's replies to practice prompts, one row per version, and what hangs off each version: the share
 * flag, self-ratings and disagreements. Every reply is found through its author's id (versionsOf, ownReply);
 * rating and disagreeing take a version found that way, so no page can reach someone else's reply through
 * them. The trainers' anonymous view is in ./insight.ts; managers have none.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { practiceDisagreements, practiceReplies, practiceSelfRatings } from '../db/schema.ts';
import { MAX_REPLY_LENGTH, type StoredAnalysis } from '../../practice/reply-view.ts';
import { clientStore } from '../db/store.ts';
import { missedCriterionCards, type PracticeSource } from '../review/cards.ts';

export { MAX_REPLY_LENGTH };
/** A note saying why the feedback was wrong. */
export const MAX_NOTE_LENGTH = 500;
/** Self-rating against one criterion: not yet, partly, yes. */
export const RATINGS = ['Not yet', 'Partly', 'Yes'] as const;

export interface ReplyVersion {
  id: string;
  promptId: string;
  version: number;
  body: string;
  analysis: StoredAnalysis;
  shared: boolean;
  createdAt: Date;
}

type Row = typeof practiceReplies.$inferSelect;
const toVersion = (r: Row): ReplyVersion => ({
  id: r.id,
  promptId: r.promptId,
  version: r.version,
  body: r.body,
  analysis: JSON.parse(r.analysis) as StoredAnalysis,
  shared: r.sharedAt !== null,
  createdAt: r.createdAt,
});

/** Every version of the author's reply to one prompt, first first. */
export async function versionsOf(db: Db, userId: string, promptId: string): Promise<ReplyVersion[]> {
  const rows = await db
    .select()
    .from(practiceReplies)
    .where(and(eq(practiceReplies.userId, userId), eq(practiceReplies.promptId, promptId)))
    .orderBy(asc(practiceReplies.version));
  return rows.map(toVersion);
}

/**
 * Stores a new version and returns it. Idempotent twice over: a second post of the same form (same
 * `submissionKey`) returns the version the first one made, and a reply identical to the latest version
 * returns that version, since a revision that changes nothing is not a new attempt. Each criterion the
 * version does not meet becomes a review card in the same transaction, only if this call stored the version.
 */
export async function submitReply(
  db: Db,
  userId: string,
  prompt: PracticeSource,
  body: string,
  analysis: StoredAnalysis,
  submissionKey: string,
  now = new Date(),
): Promise<ReplyVersion> {
  const text = body.trim().slice(0, MAX_REPLY_LENGTH);
  const latest = (await versionsOf(db, userId, prompt.id)).at(-1);
  if (latest && latest.body === text) return latest;
  const id = crypto.randomUUID();
  // One statement picks the next version number and inserts, so two posts at once cannot take the same one.
  const insert = {
    sql:
      'insert into practice_replies (id, user_id, prompt_id, version, body, analysis, submission_key, created_at) ' +
      'select ?, ?, ?, coalesce(max(version), 0) + 1, ?, ?, ?, ? from practice_replies where user_id = ? and prompt_id = ? ' +
      'on conflict do nothing',
    args: [id, userId, prompt.id, text, JSON.stringify(analysis), submissionKey, now.getTime(), userId, prompt.id],
  };
  await clientStore(db.$client).batch([insert, ...missedCriterionCards(userId, prompt, id, analysis, now)]);
  const [row] = await db
    .select()
    .from(practiceReplies)
    .where(and(eq(practiceReplies.userId, userId), eq(practiceReplies.submissionKey, submissionKey)));
  return toVersion(row!);
}

/** One version of the author's own reply, or undefined (also for someone else's). */
export async function ownReply(db: Db, userId: string, replyId: string): Promise<ReplyVersion | undefined> {
  const [row] = await db
    .select()
    .from(practiceReplies)
    .where(and(eq(practiceReplies.id, replyId), eq(practiceReplies.userId, userId)));
  return row && toVersion(row);
}

/** Shares one version with trainers (anonymously) or stops sharing it. */
export async function setShared(db: Db, userId: string, replyId: string, shared: boolean, now = new Date()) {
  await db
    .update(practiceReplies)
    .set({ sharedAt: shared ? now : null })
    .where(and(eq(practiceReplies.id, replyId), eq(practiceReplies.userId, userId)));
}

/** Saves the author's self-rating of one version; rating again replaces it. */
export async function rateReply(db: Db, { id: replyId }: ReplyVersion, ratings: Record<string, number>, now = new Date()) {
  for (const [criterion, rating] of Object.entries(ratings)) {
    await db
      .insert(practiceSelfRatings)
      .values({ replyId, criterion, rating, updatedAt: now })
      .onConflictDoUpdate({
        target: [practiceSelfRatings.replyId, practiceSelfRatings.criterion],
        set: { rating, updatedAt: now },
      });
  }
}

export async function ratingsOf(db: Db, replyId: string): Promise<Map<string, number>> {
  const rows = await db.select().from(practiceSelfRatings).where(eq(practiceSelfRatings.replyId, replyId));
  return new Map(rows.map((r) => [r.criterion, r.rating]));
}

/** Records "this feedback was wrong" once per version and criterion; a later note replaces the earlier one. */
export async function disagree(
  db: Db,
  { id: replyId }: ReplyVersion,
  criterion: string,
  saidMet: boolean,
  note: string,
  now = new Date(),
) {
  const text = note.trim().slice(0, MAX_NOTE_LENGTH);
  await db
    .insert(practiceDisagreements)
    .values({ replyId, criterion, saidMet, note: text, createdAt: now })
    .onConflictDoUpdate({ target: [practiceDisagreements.replyId, practiceDisagreements.criterion], set: { note: text } });
}

/** The criteria of one version the author said were judged wrongly. */
export async function disagreementsOf(db: Db, replyId: string): Promise<Set<string>> {
  const rows = await db
    .select({ criterion: practiceDisagreements.criterion })
    .from(practiceDisagreements)
    .where(eq(practiceDisagreements.replyId, replyId));
  return new Set(rows.map((r) => r.criterion));
}

/** How many versions the author has written per prompt (for the list of prompts). */
export async function versionCounts(db: Db, userId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ promptId: practiceReplies.promptId, n: sql<number>`max(${practiceReplies.version})` })
    .from(practiceReplies)
    .where(eq(practiceReplies.userId, userId))
    .groupBy(practiceReplies.promptId);
  return new Map(rows.map((r) => [r.promptId, Number(r.n)]));
}

/**
 * What trainers read about a practice prompt (docs/decisions/023-reply-practice.md): figures over everyone's
 * versions, disagreements, and the text of versions their authors chose to share. Nothing returned here
 * carries a name, an email or a user id; the user id is read only to tell one learner's versions apart, and
 * the pure reduction (src/lib/practice/prompt-stats.ts) drops it.
 */
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { practiceDisagreements, practiceReplies } from '../db/schema.ts';
import { disagreementStats, metOf, promptStats, type DisagreementStats, type PromptStats } from '../../practice/prompt-stats.ts';
import type { StoredAnalysis } from '../../practice/reply-view.ts';

export async function promptInsight(db: Db, promptId: string, criteria: readonly string[]): Promise<PromptStats> {
  const rows = await db
    .select({ userId: practiceReplies.userId, version: practiceReplies.version, analysis: practiceReplies.analysis })
    .from(practiceReplies)
    .where(eq(practiceReplies.promptId, promptId));
  return promptStats(
    rows.map((r) => ({ userId: r.userId, version: r.version, met: metOf(JSON.parse(r.analysis) as StoredAnalysis) })),
    criteria,
  );
}

export async function promptDisagreements(db: Db, promptId: string, criteria: readonly string[]): Promise<DisagreementStats[]> {
  const rows = await db
    .select({
      criterion: practiceDisagreements.criterion,
      saidMet: practiceDisagreements.saidMet,
      note: practiceDisagreements.note,
    })
    .from(practiceDisagreements)
    .innerJoin(practiceReplies, eq(practiceReplies.id, practiceDisagreements.replyId))
    .where(eq(practiceReplies.promptId, promptId))
    .orderBy(asc(practiceDisagreements.createdAt));
  return disagreementStats(rows, criteria);
}

export interface SharedReply {
  version: number;
  body: string;
  analysis: StoredAnalysis;
}

/** Versions their authors shared, newest share first, without anything that says whose they are. */
export async function sharedReplies(db: Db, promptId: string): Promise<SharedReply[]> {
  const rows = await db
    .select({ version: practiceReplies.version, body: practiceReplies.body, analysis: practiceReplies.analysis })
    .from(practiceReplies)
    .where(and(eq(practiceReplies.promptId, promptId), isNotNull(practiceReplies.sharedAt)))
    .orderBy(sql`${practiceReplies.sharedAt} desc`);
  return rows.map((r) => ({ version: r.version, body: r.body, analysis: JSON.parse(r.analysis) as StoredAnalysis }));
}

/** Learners and versions per prompt, for the insight overview. */
export async function practiceCounts(db: Db): Promise<Map<string, { learners: number; versions: number }>> {
  const rows = await db
    .select({
      promptId: practiceReplies.promptId,
      learners: sql<number>`count(distinct ${practiceReplies.userId})`,
      versions: sql<number>`count(*)`,
    })
    .from(practiceReplies)
    .groupBy(practiceReplies.promptId);
  return new Map(rows.map((r) => [r.promptId, { learners: Number(r.learners), versions: Number(r.versions) }]));
}

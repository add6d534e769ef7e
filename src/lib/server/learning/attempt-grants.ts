/**
 * More attempts at a quiz with a retake limit, so that using them all is never a dead end: a manager of
 * the learner's team or an admin grants them with a reason, and the learner sees who did and why. Who may
 * grant is checked by the page through `visiblePerson` (src/lib/server/insight/dashboard.ts).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/db.ts';
import { attemptGrants, quizAttempts, teamManagers, users } from '../db/schema.ts';
import { randomId } from '../auth/token.ts';

/** The most attempts one grant may add: enough to recover, few enough that a typo cannot remove the limit. */
export const MAX_EXTRA = 5;
export const MAX_REASON = 500;

export interface Grant {
  quizId: string;
  extra: number;
  reason: string;
  grantedByName: string | null;
  createdAt: Date;
}

/** Every grant to one learner (optionally at one quiz), oldest first, with the granter's name. */
export async function grantsOf(db: Db, userId: string, quizId?: string): Promise<Grant[]> {
  const granter = alias(users, 'granter');
  return db
    .select({
      quizId: attemptGrants.quizId,
      extra: attemptGrants.extra,
      reason: attemptGrants.reason,
      grantedByName: granter.displayName,
      createdAt: attemptGrants.createdAt,
    })
    .from(attemptGrants)
    .leftJoin(granter, eq(granter.id, attemptGrants.grantedBy))
    .where(and(eq(attemptGrants.userId, userId), quizId === undefined ? undefined : eq(attemptGrants.quizId, quizId)))
    .orderBy(asc(attemptGrants.createdAt));
}

/** The attempts added by grants to one learner's limit at one quiz. */
export async function extraAttempts(db: Db, userId: string, quizId: string): Promise<number> {
  const [row] = await db
    .select({ extra: sql<number>`coalesce(sum(${attemptGrants.extra}), 0)`.mapWith(Number) })
    .from(attemptGrants)
    .where(and(eq(attemptGrants.userId, userId), eq(attemptGrants.quizId, quizId)));
  return row?.extra ?? 0;
}

export type GrantInput = { userId: string; quizId: string; extra: number; reason: string; grantedBy: string };
export type GrantResult = { ok: true } | { ok: false; message: string };

/** Checks and records a grant. The caller has already checked that the granter may see this learner. */
export async function grantAttempts(db: Db, input: GrantInput, now = new Date()): Promise<GrantResult> {
  const reason = input.reason.trim();
  if (!Number.isInteger(input.extra) || input.extra < 1 || input.extra > MAX_EXTRA)
    return { ok: false, message: `Choose between 1 and ${MAX_EXTRA} more attempts.` };
  if (reason.length === 0) return { ok: false, message: 'Say why, in a few words: the learner will read it.' };
  if (reason.length > MAX_REASON) return { ok: false, message: `Keep the reason under ${MAX_REASON} characters.` };
  await db.insert(attemptGrants).values({ id: randomId(), ...input, reason, createdAt: now });
  return { ok: true };
}

/**
 * The quizzes (of those given, with their retake limits) at which the learner has used every allowed
 * attempt without ever passing: what a manager needs to see to unblock them, and nothing more.
 */
export async function blockedQuizIds(db: Db, userId: string, quizzes: { id: string; maxAttempts?: number }[]): Promise<string[]> {
  const limited = quizzes.filter((q) => q.maxAttempts);
  if (limited.length === 0) return [];
  const ids = limited.map((q) => q.id);
  const [used, grants] = await Promise.all([
    db
      .select({
        quizId: quizAttempts.quizId,
        n: sql<number>`count(*)`.mapWith(Number),
        passed: sql<number>`coalesce(max(${quizAttempts.passed}), 0)`.mapWith(Number),
      })
      .from(quizAttempts)
      .where(and(eq(quizAttempts.userId, userId), inArray(quizAttempts.quizId, ids), eq(quizAttempts.status, 'submitted')))
      .groupBy(quizAttempts.quizId),
    db
      .select({ quizId: attemptGrants.quizId, extra: sql<number>`sum(${attemptGrants.extra})`.mapWith(Number) })
      .from(attemptGrants)
      .where(and(eq(attemptGrants.userId, userId), inArray(attemptGrants.quizId, ids)))
      .groupBy(attemptGrants.quizId),
  ]);
  const extra = new Map(grants.map((g) => [g.quizId, g.extra]));
  return limited
    .filter((q) => {
      const row = used.find((u) => u.quizId === q.id);
      return !!row && row.passed === 0 && row.n >= q.maxAttempts! + (extra.get(q.id) ?? 0);
    })
    .map((q) => q.id);
}

/** The names of the active managers of the learner's team: whom to ask for more attempts. */
export async function managersOf(db: Db, teamId: string | null): Promise<string[]> {
  if (!teamId) return [];
  const rows = await db
    .select({ name: users.displayName })
    .from(teamManagers)
    .innerJoin(users, eq(users.id, teamManagers.userId))
    .where(and(eq(teamManagers.teamId, teamId), eq(users.active, true)))
    .orderBy(asc(users.displayName));
  return rows.map((r) => r.name);
}

/**
 * Sessions (lucia-auth.com's current design, implemented here rather than with the deprecated
 * `lucia` package). See docs/decisions/001-sessions-and-passwords.md.
 *
 * - Token `<id>.<secret>`; the database holds the id and SHA-256(secret) only.
 * - A session ends after `idleMs` without activity or `maxAgeMs` after creation, whichever is first.
 * - `lastVerifiedAt` is written at most once per `ACTIVITY_WRITE_INTERVAL_MS` so that reading pages
 *   does not turn every request into a database write.
 */
import { and, eq, ne } from 'drizzle-orm';
import type { Db } from './db.ts';
import { sessions, users, type Role } from './schema.ts';
import { hashSecret, newToken, parseToken, secretMatches } from './token.ts';

export const SESSION_COOKIE = 'rapport_session';
export const ACTIVITY_WRITE_INTERVAL_MS = 60 * 60 * 1000;

export interface SessionPolicy {
  idleMs: number;
  maxAgeMs: number;
}

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  teamId: string | null;
}

export interface ValidSession {
  id: string;
  user: SessionUser;
  /** When the cookie should expire (the earlier of idle and absolute expiry). */
  expiresAt: Date;
  /** True when the activity timestamp moved, so the cookie's expiry should be refreshed. */
  refreshed: boolean;
}

export async function createSession(db: Db, userId: string, now = new Date()): Promise<{ token: string; id: string }> {
  const token = newToken();
  await db.insert(sessions).values({
    id: token.id,
    userId,
    secretHash: Buffer.from(hashSecret(token.secret)),
    createdAt: now,
    lastVerifiedAt: now,
  });
  return { token: token.value, id: token.id };
}

function expiry(createdAt: Date, lastVerifiedAt: Date, policy: SessionPolicy): Date {
  return new Date(Math.min(lastVerifiedAt.getTime() + policy.idleMs, createdAt.getTime() + policy.maxAgeMs));
}

/** Returns the session for a cookie value, or null when it is malformed, unknown, expired or its user inactive. */
export async function validateSession(
  db: Db,
  tokenValue: string | undefined | null,
  policy: SessionPolicy,
  now = new Date(),
): Promise<ValidSession | null> {
  const token = parseToken(tokenValue);
  if (!token) return null;
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, token.id))
    .limit(1);
  if (!row) return null;
  const { session, user } = row;
  if (!secretMatches(token.secret, session.secretHash)) return null;
  if (!user.active || now >= expiry(session.createdAt, session.lastVerifiedAt, policy)) {
    await db.delete(sessions).where(eq(sessions.id, session.id));
    return null;
  }
  let lastVerifiedAt = session.lastVerifiedAt;
  let refreshed = false;
  if (now.getTime() - lastVerifiedAt.getTime() >= ACTIVITY_WRITE_INTERVAL_MS) {
    lastVerifiedAt = now;
    refreshed = true;
    await db.update(sessions).set({ lastVerifiedAt }).where(eq(sessions.id, session.id));
  }
  return {
    id: session.id,
    user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role, teamId: user.teamId },
    expiresAt: expiry(session.createdAt, lastVerifiedAt, policy),
    refreshed,
  };
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Signs a user out everywhere, optionally keeping the session they are using now. */
export async function invalidateUserSessions(db: Db, userId: string, exceptSessionId?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(exceptSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId)) : eq(sessions.userId, userId));
}

export async function countUserSessions(db: Db, userId: string): Promise<number> {
  const rows = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
  return rows.length;
}

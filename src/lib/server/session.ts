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

/** What a session row and the presented secret amount to at `now`. */
export type SessionVerdict =
  /** Wrong secret: refuse, and leave the session alone (the presenter may not own it). */
  | { kind: 'refuse' }
  /** Expired, or its user deactivated: refuse and delete the session. */
  | { kind: 'end' }
  /** Valid; `touch` when the activity timestamp is due to be written (and the cookie refreshed). */
  | { kind: 'valid'; touch: boolean; expiresAt: Date };

export interface SessionRow {
  secretHash: Uint8Array;
  createdAt: Date;
  lastVerifiedAt: Date;
  userActive: boolean;
}

/**
 * The rules of a session in one pure function, shared by validateSession() and the lesson fast path
 * (src/lib/server/lesson-fast-path.ts), so that both accept exactly the same sessions.
 */
export function sessionVerdict(secret: string, row: SessionRow, policy: SessionPolicy, now: Date): SessionVerdict {
  if (!secretMatches(secret, row.secretHash)) return { kind: 'refuse' };
  if (!row.userActive || now >= expiry(row.createdAt, row.lastVerifiedAt, policy)) return { kind: 'end' };
  const touch = now.getTime() - row.lastVerifiedAt.getTime() >= ACTIVITY_WRITE_INTERVAL_MS;
  return { kind: 'valid', touch, expiresAt: expiry(row.createdAt, touch ? now : row.lastVerifiedAt, policy) };
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
  const verdict = sessionVerdict(token.secret, { ...session, userActive: user.active }, policy, now);
  if (verdict.kind === 'refuse') return null;
  if (verdict.kind === 'end') {
    await db.delete(sessions).where(eq(sessions.id, session.id));
    return null;
  }
  if (verdict.touch) await db.update(sessions).set({ lastVerifiedAt: now }).where(eq(sessions.id, session.id));
  return {
    id: session.id,
    user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role, teamId: user.teamId },
    expiresAt: verdict.expiresAt,
    refreshed: verdict.touch,
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

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
import type { Db } from '../db/db.ts';
import { sessions, type Role } from '../db/schema.ts';
import { storedRole } from '../../auth/permissions.ts';
import { hashSecret, newToken, parseToken, secretMatches } from './token.ts';
import { clientReader, type Reader } from '../db/fast-read.ts';

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
  /** Manages at least one team: a manager, whatever the role (decision 013). */
  manages: boolean;
  /** Their own IANA time zone, or null for the organisation's (decision 015). */
  timeZone: string | null;
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
 * The rules of a session in one pure function, so that they can be tested apart from the database.
 */
export function sessionVerdict(secret: string, row: SessionRow, policy: SessionPolicy, now: Date): SessionVerdict {
  if (!secretMatches(secret, row.secretHash)) return { kind: 'refuse' };
  if (!row.userActive || now >= expiry(row.createdAt, row.lastVerifiedAt, policy)) return { kind: 'end' };
  const touch = now.getTime() - row.lastVerifiedAt.getTime() >= ACTIVITY_WRITE_INTERVAL_MS;
  return { kind: 'valid', touch, expiresAt: expiry(row.createdAt, touch ? now : row.lastVerifiedAt, policy) };
}

const SESSION_LOOKUP =
  'select s.secret_hash, s.created_at, s.last_verified_at, u.id, u.email, u.display_name, u.role, u.team_id, u.active, u.time_zone, ' +
  'exists (select 1 from team_managers tm where tm.user_id = u.id) as manages ' +
  'from sessions s join users u on u.id = s.user_id where s.id = ?';

/**
 * A session and its user by session id, in plain SQL so that it runs on any reader: the shared
 * client, or the native statement cache that makes it about twenty times cheaper
 * (src/lib/server/db/fast-read.ts). Every request that carries a cookie starts here.
 */
export async function readSession(
  reader: Pick<Reader, 'all'>,
  sessionId: string,
): Promise<{ row: SessionRow; user: SessionUser } | null> {
  const [r] = await reader.all(SESSION_LOOKUP, [sessionId]);
  if (!r) return null;
  return {
    row: {
      // The native binding returns BLOBs as ArrayBuffer; the client may hand back a view.
      secretHash:
        r.secret_hash instanceof ArrayBuffer ? new Uint8Array(r.secret_hash) : new Uint8Array(r.secret_hash as Uint8Array),
      createdAt: new Date(Number(r.created_at)),
      lastVerifiedAt: new Date(Number(r.last_verified_at)),
      userActive: Number(r.active) === 1,
    },
    user: {
      id: String(r.id),
      email: String(r.email),
      displayName: String(r.display_name),
      role: storedRole(r.role),
      manages: Number(r.manages) === 1,
      timeZone: r.time_zone == null ? null : String(r.time_zone),
      teamId: r.team_id == null ? null : String(r.team_id),
    },
  };
}

/**
 * Returns the session for a cookie value, or null when it is malformed, unknown, expired or its user
 * inactive. `reader` does the lookup (the client by default); writes always go through `db`.
 */
export async function validateSession(
  db: Db,
  tokenValue: string | undefined | null,
  policy: SessionPolicy,
  now = new Date(),
  reader: Pick<Reader, 'all'> = clientReader(db.$client),
): Promise<ValidSession | null> {
  const token = parseToken(tokenValue);
  if (!token) return null;
  const found = await readSession(reader, token.id);
  if (!found) return null;
  const verdict = sessionVerdict(token.secret, found.row, policy, now);
  if (verdict.kind === 'refuse') return null;
  if (verdict.kind === 'end') {
    await db.delete(sessions).where(eq(sessions.id, token.id));
    return null;
  }
  if (verdict.touch) await db.update(sessions).set({ lastVerifiedAt: now }).where(eq(sessions.id, token.id));
  return { id: token.id, user: found.user, expiresAt: verdict.expiresAt, refreshed: verdict.touch };
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

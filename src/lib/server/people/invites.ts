/**
 * Invites: an admin creates a person without a password plus a single-use, expiring link
 * (`/invite/<id>.<secret>`, only SHA-256(secret) stored) that lets them choose one. The same link issued
 * to someone who has a password is a password reset (src/lib/server/auth/password-reset.ts).
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { invites, users, type Role } from '../db/schema.ts';
import { createSession, invalidateUserSessions } from '../auth/session.ts';
import { hashSecret, newToken, parseToken, secretMatches } from '../auth/token.ts';
import { createUser, findUserByEmail, isPlausibleEmail, normalizeEmail } from './users.ts';

export interface InviteInput {
  email: string;
  displayName: string;
  role: Role;
  teamId: string | null;
}

export type InviteResult = { ok: true; userId: string; token: string; expiresAt: Date } | { ok: false; message: string };

/** Issues a fresh invite token for an existing person, revoking their earlier unused ones. */
export async function issueInvite(db: Db, userId: string, createdBy: string | null, ttlHours: number, now = new Date()) {
  await db.delete(invites).where(and(eq(invites.userId, userId), isNull(invites.usedAt)));
  const token = newToken();
  const expiresAt = new Date(now.getTime() + ttlHours * 3600_000);
  await db.insert(invites).values({
    id: token.id,
    userId,
    secretHash: Buffer.from(hashSecret(token.secret)),
    createdBy,
    createdAt: now,
    expiresAt,
  });
  return { token: token.value, expiresAt };
}

/** Creates the person and their invite. Someone invited but not yet signed up gets a new link. */
export async function invitePerson(
  db: Db,
  input: InviteInput,
  createdBy: string | null,
  ttlHours: number,
  now = new Date(),
): Promise<InviteResult> {
  const email = normalizeEmail(input.email);
  if (!isPlausibleEmail(email)) return { ok: false, message: `"${input.email}" is not a valid email address.` };
  const displayName = input.displayName.trim();
  if (!displayName) return { ok: false, message: 'A name is required.' };
  if (displayName.length > 100) return { ok: false, message: 'The name is longer than 100 characters.' };
  const existing = await findUserByEmail(db, email);
  if (existing?.passwordHash) return { ok: false, message: `${email} already has an account.` };
  const user = existing ?? (await createUser(db, { email, displayName, role: input.role, teamId: input.teamId }));
  const { token, expiresAt } = await issueInvite(db, user.id, createdBy, ttlHours, now);
  return { ok: true, userId: user.id, token, expiresAt };
}

export type InviteState =
  /** `hasPassword`: the link resets a password (src/lib/server/auth/password-reset.ts) rather than setting a first one. */
  | { state: 'valid'; inviteId: string; user: { id: string; email: string; displayName: string; hasPassword: boolean } }
  | { state: 'invalid' | 'expired' | 'used' };

export async function checkInvite(db: Db, tokenValue: string, now = new Date()): Promise<InviteState> {
  const token = parseToken(tokenValue);
  if (!token) return { state: 'invalid' };
  const [row] = await db
    .select({
      invite: invites,
      user: { id: users.id, email: users.email, displayName: users.displayName, active: users.active, hash: users.passwordHash },
    })
    .from(invites)
    .innerJoin(users, eq(users.id, invites.userId))
    .where(eq(invites.id, token.id));
  if (!row || !secretMatches(token.secret, row.invite.secretHash) || !row.user.active) return { state: 'invalid' };
  if (row.invite.usedAt) return { state: 'used' };
  if (now >= row.invite.expiresAt) return { state: 'expired' };
  const { id, email, displayName, hash } = row.user;
  return { state: 'valid', inviteId: row.invite.id, user: { id, email, displayName, hasPassword: hash !== null } };
}

export type AcceptResult = { ok: true; sessionToken: string } | { ok: false; status: 400 | 410; message: string };

/** Sets the password and signs the person in. The invite is claimed atomically so it works once only. */
export async function acceptInvite(db: Db, tokenValue: string, password: string, now = new Date()): Promise<AcceptResult> {
  const invite = await checkInvite(db, tokenValue, now);
  if (invite.state !== 'valid') {
    const message =
      invite.state === 'used'
        ? 'This invite link has already been used. Sign in with your password, or ask your admin for a new link.'
        : invite.state === 'expired'
          ? 'This invite link has expired. Ask your admin for a new one.'
          : 'This invite link is not valid. Check that you copied all of it, or ask your admin for a new one.';
    return { ok: false, status: 410, message };
  }
  const problem = passwordProblem(password, [invite.user.email.split('@')[0] ?? '', ...invite.user.displayName.split(/\s+/)]);
  if (problem) return { ok: false, status: 400, message: problem };
  const passwordHash = await hashPassword(password);
  const claimed = await db
    .update(invites)
    .set({ usedAt: now })
    .where(and(eq(invites.id, invite.inviteId), isNull(invites.usedAt)))
    .returning({ id: invites.id });
  if (claimed.length === 0) return { ok: false, status: 410, message: 'This invite link has already been used.' };
  await db.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, invite.user.id));
  await invalidateUserSessions(db, invite.user.id);
  const session = await createSession(db, invite.user.id, now);
  return { ok: true, sessionToken: session.token };
}

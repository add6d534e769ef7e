/**
 * "Forgot password?": a self-service link by email when SMTP is configured. A reset link is an invite
 * link (src/lib/server/people/invites.ts) issued to someone who already has a password: the same
 * single-use `<id>.<secret>` token with only SHA-256(secret) stored, the same page to choose a password,
 * and accepting it ends every session of the person. See docs/decisions/011-password-reset.md.
 *
 * The answer to a request never depends on whether the address has an account (no enumeration): the
 * caller shows one message whatever `requestReset` did, and the mail is sent without being awaited.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { invites, throttles } from '../db/schema.ts';
import { issueInvite } from '../people/invites.ts';
import { findUserByEmail, isPlausibleEmail, normalizeEmail } from '../people/users.ts';

/** A self-service link works for an hour: long enough to open the mail, short enough if the mailbox leaks. */
export const SELF_RESET_TTL_HOURS = 1;
/** At most one self-service mail per account in this time, however often the form is sent. */
export const PER_ACCOUNT_GAP_MS = 5 * 60_000;
/** At most this many requests per client address in the window, so the form cannot spray mail. */
export const PER_ADDRESS_LIMIT = 5;
export const ADDRESS_WINDOW_MS = 15 * 60_000;

export const RESET_REQUESTED =
  'If an active account uses that address, a link to choose a new password is on its way. It works once, within an hour. ' +
  'Nothing arrived after a few minutes? Check the spelling and your spam folder, or ask an admin for a link.';

/**
 * Counts a request from `address` in the shared throttles table (so several app servers agree) and says
 * whether it is over the limit. Its own key prefix keeps it apart from sign-in failures.
 */
export async function addressThrottled(db: Db, address: string, now = new Date()): Promise<boolean> {
  const key = `reset:${address}`;
  const [row] = await db.select().from(throttles).where(eq(throttles.key, key));
  const fresh = !row || now.getTime() - row.lastFailureAt.getTime() >= ADDRESS_WINDOW_MS;
  if (!fresh && row.failures >= PER_ADDRESS_LIMIT) return true;
  // lastFailureAt holds the start of the current window here; blockedUntil is not used.
  const values = {
    key,
    failures: fresh ? 1 : row.failures + 1,
    lastFailureAt: fresh ? now : row.lastFailureAt,
    blockedUntil: now,
  };
  await db.insert(throttles).values(values).onConflictDoUpdate({ target: throttles.key, set: values });
  return false;
}

export type ResetRequest = { send: false } | { send: true; email: string; name: string; token: string; expiresAt: Date };

/**
 * Issues a self-service reset link if the address belongs to an active account with a password and no
 * self-service link went out in the last few minutes. People who were invited but never chose a password
 * need their invite link again, from an admin.
 */
export async function requestReset(db: Db, rawEmail: string, now = new Date()): Promise<ResetRequest> {
  const email = normalizeEmail(rawEmail);
  if (!isPlausibleEmail(email)) return { send: false };
  const user = await findUserByEmail(db, email);
  if (!user || !user.active || !user.passwordHash) return { send: false };
  const [recent] = await db
    .select({ id: invites.id })
    .from(invites)
    .where(
      and(
        eq(invites.userId, user.id),
        isNull(invites.createdBy),
        isNull(invites.usedAt),
        gt(invites.createdAt, new Date(now.getTime() - PER_ACCOUNT_GAP_MS)),
      ),
    );
  if (recent) return { send: false };
  const { token, expiresAt } = await issueInvite(db, user.id, null, SELF_RESET_TTL_HOURS, now);
  return { send: true, email: user.email, name: user.displayName, token, expiresAt };
}

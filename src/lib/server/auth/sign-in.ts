/** Signing in: password check, throttling and session creation in one place. */
import type { Db } from '../db/db.ts';
import { verifyAgainstDummy, verifyPassword, MAX_PASSWORD_LENGTH } from './password.ts';
import { createSession } from './session.ts';
import { recordFailure, recordSuccess, retryAfterMs } from './throttle.ts';
import { findUserByEmail, normalizeEmail } from '../people/users.ts';

export type SignInResult =
  | { ok: true; token: string; userId: string }
  | { ok: false; status: 400 | 401 | 429; message: string; retryAfterSeconds?: number };

/** The same words whether the email is unknown, invited only, deactivated or the password wrong. */
export const SIGN_IN_FAILED = 'That email and password do not match an active account. Check both and try again.';

export async function signIn(
  db: Db,
  input: { email: string; password: string; address: string },
  now = new Date(),
): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  if (!email || !input.password) return { ok: false, status: 400, message: 'Enter your email and password.' };
  if (input.password.length > MAX_PASSWORD_LENGTH) return { ok: false, status: 401, message: SIGN_IN_FAILED };

  const wait = await retryAfterMs(db, email, input.address, now);
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    const when = seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
    return { ok: false, status: 429, message: `Too many attempts. Wait ${when} and try again.`, retryAfterSeconds: seconds };
  }

  const user = await findUserByEmail(db, email);
  const valid =
    user && user.active && user.passwordHash
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyAgainstDummy(input.password);
  if (!valid || !user) {
    await recordFailure(db, email, input.address, now);
    return { ok: false, status: 401, message: SIGN_IN_FAILED };
  }
  await recordSuccess(db, email, input.address);
  const session = await createSession(db, user.id, now);
  return { ok: true, token: session.token, userId: user.id };
}

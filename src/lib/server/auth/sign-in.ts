/** Signing in: password check, throttling and session creation in one place. */
import type { Db } from '../db/db.ts';
import { verifyAgainstDummy, verifyPassword, MAX_PASSWORD_LENGTH } from './password.ts';
import { createSession } from './session.ts';
import { admitAttempt, recordSuccess } from './throttle.ts';
import { findUserByEmail, findUserById, normalizeEmail } from '../people/users.ts';
import { recordEvent } from '../sso/identity.ts';

export type SignInResult =
  | { ok: true; token: string; userId: string }
  | { ok: false; status: 400 | 401 | 403 | 429; message: string; retryAfterSeconds?: number };

/** The same words whether the email is unknown, invited only, deactivated or the password wrong. */
export const SIGN_IN_FAILED = 'That email and password do not match an active account. Check both and try again.';

export const PASSWORD_SIGN_IN_OFF =
  'Your organisation signs in to Rapport with its own accounts: use a button above. Passwords are kept for admins only.';

export async function signIn(
  db: Db,
  input: {
    email: string;
    password: string;
    address: string;
    /** Password sign-in turned off for single sign-on (docs/sso.md): admins keep it as break-glass. */
    adminsOnly?: boolean;
  },
  now = new Date(),
): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  if (!email || !input.password) return { ok: false, status: 400, message: 'Enter your email and password.' };
  if (input.password.length > MAX_PASSWORD_LENGTH) return { ok: false, status: 401, message: SIGN_IN_FAILED };

  // Counted before the password is checked, so parallel guesses cannot all be checked (throttle.ts).
  const wait = await admitAttempt(db, email, input.address, now);
  if (wait > 0) return tooManyAttempts(wait);

  const user = await findUserByEmail(db, email);
  const valid =
    user && user.active && user.passwordHash
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyAgainstDummy(input.password);
  if (!valid || !user) return { ok: false, status: 401, message: SIGN_IN_FAILED };
  // Judged after the password, so that it tells nothing about an account to someone without it.
  if (input.adminsOnly && user.role !== 'admin') return { ok: false, status: 403, message: PASSWORD_SIGN_IN_OFF };
  await recordSuccess(db, email, input.address);
  const session = await createSession(db, user.id, now);
  // In the identity audit log beside sign-ins through a provider, so admins see every way in.
  await recordEvent(db, { kind: 'sign-in', userId: user.id, providerId: null, email: user.email, detail: 'password' }, now);
  return { ok: true, token: session.token, userId: user.id };
}

/** The refusal of a throttled attempt, saying how long to wait (also used by /account). */
export function tooManyAttempts(waitMs: number): { ok: false; status: 429; message: string; retryAfterSeconds: number } {
  const seconds = Math.ceil(waitMs / 1000);
  const when = seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
  return { ok: false, status: 429, message: `Too many attempts. Wait ${when} and try again.`, retryAfterSeconds: seconds };
}

export type PasswordCheck = { ok: true } | { ok: false; status: 400 | 429; message: string; retryAfterSeconds?: number };

/**
 * The current password of a signed-in person, before they change it (/account). Each guess costs an
 * argon2 hash and a right one is told apart from a wrong one, so it is throttled like sign-in, on the
 * same counters: guesses here and on the sign-in page add up.
 */
export async function checkCurrentPassword(
  db: Db,
  input: { userId: string; password: string; address: string },
  now = new Date(),
): Promise<PasswordCheck> {
  const wrong = { ok: false, status: 400, message: 'Your current password is not right. Type it again.' } as const;
  const user = await findUserById(db, input.userId);
  if (!user?.passwordHash) return wrong;
  const wait = await admitAttempt(db, user.email, input.address, now);
  if (wait > 0) return tooManyAttempts(wait);
  const right = input.password.length <= MAX_PASSWORD_LENGTH && (await verifyPassword(user.passwordHash, input.password));
  if (!right) return wrong;
  await recordSuccess(db, user.email, input.address);
  return { ok: true };
}

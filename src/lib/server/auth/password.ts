/**
 * Password hashing (argon2id via @node-rs/argon2, OWASP's recommended parameters) and the rules a
 * new password must meet.
 */
import { hash, verify } from '@node-rs/argon2';
import { COMMON_PASSWORDS } from './common-passwords.ts';

export const MIN_PASSWORD_LENGTH = 10;
/** Bounds the work a single sign-in request can cause. */
export const MAX_PASSWORD_LENGTH = 200;

// 2 = Argon2id in @node-rs/argon2's `Algorithm` const enum (const enums do not survive isolated modules).
const ARGON2ID = 2;
const PARAMS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check so that response times do not reveal unknown emails. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('not-a-real-password-just-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}

function isSequence(p: string): boolean {
  const codes = [...p].map((c) => c.charCodeAt(0));
  const step = (codes[1] ?? 0) - (codes[0] ?? 0);
  return Math.abs(step) <= 1 && codes.every((c, i) => i === 0 || c - (codes[i - 1] ?? 0) === step);
}

/**
 * Returns why a new password is refused (a sentence the person can act on), or null if it is fine.
 * `context` holds words the password must not be built on, such as the email's local part.
 */
export function passwordProblem(password: string, context: string[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `Use at least ${MIN_PASSWORD_LENGTH} characters. A short phrase of four or five words works well.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || isSequence(lower) || new Set(lower).size <= 2)
    return 'That password is one of the first an attacker would try. Choose something less common.';
  for (const word of context) {
    const w = word.toLowerCase();
    if (w.length >= 4 && lower.includes(w)) return 'Do not build your password from your name or email address.';
  }
  return null;
}

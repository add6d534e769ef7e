/**
 * Random identifiers and `<id>.<secret>` tokens, following lucia-auth.com's current session guide:
 * 24 random bytes in a lower-case base32 alphabet without look-alike characters (120 bits), and only
 * SHA-256(secret) ever stored.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const TOKEN_PART = new RegExp(`^[${ALPHABET}]{24}$`);

/** A random string with 120 bits of entropy (24 characters of 5 bits each). */
export function randomId(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += ALPHABET[b >> 3];
  return out;
}

export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

/** Compares a presented secret with a stored hash without leaking where they differ. */
export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  const presented = hashSecret(secret);
  return presented.length === storedHash.length && constantTimeEqual(presented, new Uint8Array(storedHash));
}

export interface Token {
  id: string;
  secret: string;
}

export function newToken(): Token & { value: string } {
  const id = randomId();
  const secret = randomId();
  return { id, secret, value: `${id}.${secret}` };
}

/** Splits `<id>.<secret>`; returns null for anything that is not exactly two well-formed parts. */
export function parseToken(value: string | undefined | null): Token | null {
  if (!value) return null;
  const parts = value.split('.');
  if (parts.length !== 2) return null;
  const [id, secret] = parts as [string, string];
  if (!TOKEN_PART.test(id) || !TOKEN_PART.test(secret)) return null;
  return { id, secret };
}

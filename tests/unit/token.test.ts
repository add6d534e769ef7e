import { describe, expect, it } from 'vitest';
import { hashSecret, newToken, parseToken, randomId, secretMatches } from '../../src/lib/server/auth/token.ts';

describe('tokens', () => {
  it('are <id>.<secret> with 24 characters of 5 bits each', () => {
    const t = newToken();
    expect(t.value).toMatch(/^[a-z2-9]{24}\.[a-z2-9]{24}$/);
    expect(t.value).toBe(`${t.id}.${t.secret}`);
    expect(parseToken(t.value)).toEqual({ id: t.id, secret: t.secret });
  });
  it('do not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, randomId));
    expect(ids.size).toBe(1000);
  });
  it.each([
    '',
    'abc',
    'a.b.c',
    `${'a'.repeat(24)}.`,
    `${'a'.repeat(24)}.${'A'.repeat(24)}`,
    `${'a'.repeat(24)}.${'l'.repeat(24)}`,
  ])('refuses malformed value %j', (v) => {
    expect(parseToken(v)).toBeNull();
  });
  it('stores a SHA-256 of the secret and matches only the same secret', () => {
    const hash = hashSecret('abc');
    expect(Buffer.from(hash).toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(secretMatches('abc', hash)).toBe(true);
    expect(secretMatches('abd', hash)).toBe(false);
  });
});

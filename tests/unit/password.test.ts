import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword, MIN_PASSWORD_LENGTH } from '../../src/lib/server/auth/password.ts';

describe('password rules', () => {
  it('refuses short passwords with the minimum in the message', () => {
    expect(passwordProblem('short1')).toBe(
      `Use at least ${MIN_PASSWORD_LENGTH} characters. A short phrase of four or five words works well.`,
    );
  });
  it.each(['password123', 'Qwertyuiop', '1234567890', 'abcdefghijklm', 'aaaaaaaaaaaa', 'ababababab'])(
    'refuses the common or trivial %s',
    (pw) => {
      expect(passwordProblem(pw)).toBe('That password is one of the first an attacker would try. Choose something less common.');
    },
  );
  it('refuses passwords built on the person’s name or email', () => {
    expect(passwordProblem('lena.fischer!2026', ['lena.fischer'])).toBe(
      'Do not build your password from your name or email address.',
    );
  });
  it('accepts a reasonable passphrase', () => {
    expect(passwordProblem('teal kettle orbit seven', ['lena', 'fischer'])).toBeNull();
  });
  it('refuses absurdly long input', () => {
    expect(passwordProblem('x'.repeat(201))).toBe('Use at most 200 characters.');
  });
});

describe('password hashing', () => {
  it('uses argon2id and verifies only the right password', async () => {
    const hash = await hashPassword('teal kettle orbit seven');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(hash).toContain('m=19456,t=2,p=1');
    expect(await verifyPassword(hash, 'teal kettle orbit seven')).toBe(true);
    expect(await verifyPassword(hash, 'teal kettle orbit eight')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});

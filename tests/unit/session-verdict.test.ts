import { describe, expect, it } from 'vitest';
import { ACTIVITY_WRITE_INTERVAL_MS, sessionVerdict, type SessionRow } from '../../src/lib/server/auth/session.ts';
import { hashSecret } from '../../src/lib/server/auth/token.ts';

// The one set of session rules, used by validateSession() on every request.
const policy = { idleMs: 8 * 3600_000, maxAgeMs: 30 * 86400_000 };
const created = new Date(Date.UTC(2026, 10, 1, 9));
const row = (over: Partial<SessionRow> = {}): SessionRow => ({
  secretHash: hashSecret('right-secret'),
  createdAt: created,
  lastVerifiedAt: created,
  userActive: true,
  ...over,
});
const after = (ms: number) => new Date(created.getTime() + ms);

describe('sessionVerdict', () => {
  it('refuses a wrong secret without ending the session', () => {
    expect(sessionVerdict('wrong-secret', row(), policy, after(1000))).toEqual({ kind: 'refuse' });
  });

  it('ends a session that was idle too long, outlived its maximum age, or whose user was deactivated', () => {
    expect(sessionVerdict('right-secret', row(), policy, after(policy.idleMs))).toEqual({ kind: 'end' });
    const active = row({ lastVerifiedAt: after(policy.maxAgeMs - 1000) });
    expect(sessionVerdict('right-secret', active, policy, after(policy.maxAgeMs))).toEqual({ kind: 'end' });
    expect(sessionVerdict('right-secret', row({ userActive: false }), policy, after(1000))).toEqual({ kind: 'end' });
  });

  it('accepts a valid session and asks for an activity write only once the interval has passed', () => {
    expect(sessionVerdict('right-secret', row(), policy, after(1000))).toEqual({
      kind: 'valid',
      touch: false,
      expiresAt: after(policy.idleMs),
    });
    const due = after(ACTIVITY_WRITE_INTERVAL_MS);
    expect(sessionVerdict('right-secret', row(), policy, due)).toEqual({
      kind: 'valid',
      touch: true,
      expiresAt: new Date(due.getTime() + policy.idleMs),
    });
  });
});

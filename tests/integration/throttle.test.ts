// The throttle's counting on a real database file (src/lib/server/auth/throttle.ts): an attempt is
// counted in the same write transaction that decides whether it may be checked, so parallel attempts,
// from one connection or from several (one per app server), never get past the limit (issue #14, item 4).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { openDb, type Db } from '../../src/lib/server/db/db.ts';
import { admitAttempt, admitInWindow, blockFor, recordSuccess, RULES } from '../../src/lib/server/auth/throttle.ts';

let t: TestDb;
let second: Db;

beforeAll(async () => {
  t = await freshDb();
  // A second client on the same file, as a second app server would open it.
  second = await openDb({ url: t.url });
});
afterAll(() => {
  second?.$client.close();
  t?.close();
});

const at = (iso: string, seconds = 0) => new Date(new Date(iso).getTime() + seconds * 1000);

async function counts(...keys: string[]): Promise<Record<string, number>> {
  const rows = await t.db.$client.execute({
    sql: `select key, failures from throttles where key in (${keys.map(() => '?').join(', ')})`,
    args: keys,
  });
  return Object.fromEntries(rows.rows.map((r) => [String(r.key), Number(r.failures)]));
}

describe('admitAttempt', () => {
  it('admits the free attempts, then refuses for the back-off without counting the refusals', async () => {
    const now = at('2026-05-01T10:00:00Z');
    const waits = [];
    for (let i = 0; i < 8; i++) waits.push(await admitAttempt(t.db, 'a@example.com', '10.0.0.1', now));
    expect(waits).toEqual([0, 0, 0, 0, 0, ...Array(3).fill(blockFor(RULES.pair, 5))]);
    expect(await counts('pair:a@example.com|10.0.0.1', 'address:10.0.0.1', 'account:a@example.com')).toEqual({
      'pair:a@example.com|10.0.0.1': 5,
      'address:10.0.0.1': 5,
      'account:a@example.com': 5,
    });
    // After the wait one more attempt is admitted, and it doubles the back-off.
    expect(await admitAttempt(t.db, 'a@example.com', '10.0.0.1', at('2026-05-01T10:00:15Z'))).toBe(0);
    expect(await admitAttempt(t.db, 'a@example.com', '10.0.0.1', at('2026-05-01T10:00:16Z'))).toBe(29_000);
  });

  it('counts on all three counters or none, even when this attempt is the one that starts a block', async () => {
    // The fifth attempt blocks the pair; the address and account counters must still count it.
    const now = at('2026-05-02T10:00:00Z');
    for (let i = 0; i < 5; i++) expect(await admitAttempt(t.db, 'b@example.com', '10.0.0.2', now)).toBe(0);
    expect(await counts('address:10.0.0.2', 'account:b@example.com')).toEqual({
      'address:10.0.0.2': 5,
      'account:b@example.com': 5,
    });
  });

  it('admits at most the limit of 100 parallel attempts on one account from one address', async () => {
    const now = at('2026-05-03T10:00:00Z');
    const waits = await Promise.all(Array.from({ length: 100 }, () => admitAttempt(t.db, 'c@example.com', '10.0.0.3', now)));
    expect(waits.filter((w) => w === 0)).toHaveLength(RULES.pair.freeFailures);
  });

  it('admits at most the limit when the parallel attempts come through two connections (two app servers)', async () => {
    const now = at('2026-05-04T10:00:00Z');
    const waits = await Promise.all(
      Array.from({ length: 100 }, (_, i) => admitAttempt(i % 2 ? second : t.db, 'd@example.com', '10.0.0.4', now)),
    );
    expect(waits.filter((w) => w === 0)).toHaveLength(RULES.pair.freeFailures);
  });

  it('admits at most the account limit of 100 parallel attempts from 100 addresses', async () => {
    const now = at('2026-05-05T10:00:00Z');
    const waits = await Promise.all(
      Array.from({ length: 100 }, (_, i) => admitAttempt(i % 2 ? second : t.db, 'e@example.com', `10.1.${i}.1`, now)),
    );
    expect(waits.filter((w) => w === 0)).toHaveLength(RULES.account.freeFailures);
  });

  it('gives a right password its attempt back: pair and account start again, the address counts one less', async () => {
    const now = at('2026-05-06T10:00:00Z');
    for (let i = 0; i < 4; i++) await admitAttempt(t.db, 'f@example.com', '10.0.0.6', now);
    await admitAttempt(t.db, 'f@example.com', '10.0.0.6', now);
    await recordSuccess(t.db, 'f@example.com', '10.0.0.6');
    expect(await counts('pair:f@example.com|10.0.0.6', 'address:10.0.0.6', 'account:f@example.com')).toEqual({
      'address:10.0.0.6': 4,
    });
    expect(await admitAttempt(t.db, 'f@example.com', '10.0.0.6', now)).toBe(0);
  });

  it('lets a busy shared address sign many people in: successes never add up to a block', async () => {
    const now = at('2026-05-07T10:00:00Z');
    for (let i = 0; i < 3 * RULES.address.freeFailures; i++) {
      expect(await admitAttempt(t.db, `office${i}@example.com`, '10.0.0.7', now)).toBe(0);
      await recordSuccess(t.db, `office${i}@example.com`, '10.0.0.7');
    }
  });

  it('forgets attempts older than a day', async () => {
    for (let i = 0; i < 5; i++) await admitAttempt(t.db, 'g@example.com', '10.0.0.8', at('2026-05-08T10:00:00Z'));
    expect(await admitAttempt(t.db, 'g@example.com', '10.0.0.8', at('2026-05-09T10:00:01Z'))).toBe(0);
    expect(await counts('pair:g@example.com|10.0.0.8')).toEqual({ 'pair:g@example.com|10.0.0.8': 1 });
  });
});

describe('the plain rate limit (single sign-on starts)', () => {
  const limit = { max: 3, windowMs: 60_000 };
  it('admits `max` per window per key, parallel requests included, then tells how long to wait', async () => {
    const start = at('2026-12-01T09:00:00Z');
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => admitInWindow(i % 2 ? second : t.db, 'sso-start:10.0.0.9', limit, start)),
    );
    expect(results.filter((r) => r === 0)).toHaveLength(3);
    expect(results.filter((r) => r === 60_000)).toHaveLength(2);
    expect(await admitInWindow(t.db, 'sso-start:10.0.0.9', limit, at('2026-12-01T09:00:00Z', 45))).toBe(15_000);
    // Another address is not held back.
    expect(await admitInWindow(t.db, 'sso-start:10.0.0.10', limit, start)).toBe(0);
    // A new window starts afresh.
    expect(await admitInWindow(t.db, 'sso-start:10.0.0.9', limit, at('2026-12-01T09:00:00Z', 60))).toBe(0);
  });
});

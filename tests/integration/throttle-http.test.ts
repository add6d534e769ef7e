// Parallel password guesses against two real servers sharing one database (issue #14, items 4 and 5).
// A guess that was checked answers 401 (sign-in) or 400 (/account); one the throttle refused answers
// 429. However the guesses are spread over time and servers, no more may be checked than the limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { spawnServer, stopServer, type ServerProcess } from '../helpers/process-server.ts';
import { cookieFor, postForm } from '../helpers/http.ts';
import { RULES } from '../../src/lib/server/auth/throttle.ts';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/seed.ts';

// Both servers take the client's address from X-Forwarded-For, as behind a proxy, so one test machine
// can guess from many addresses.
const ENV = { TRUST_PROXY: 'true' };
let s: TestServer;
let other: ServerProcess;
let origins: string[] = [];

beforeAll(async () => {
  s = await startServer({ env: ENV });
  other = await spawnServer(s.dbUrl, ENV);
  origins = [s.origin, other.origin];
});
afterAll(async () => {
  if (other) await stopServer(other);
  await s?.stop();
});

/** Sends `count` posts at once, alternating between the two servers, and tallies their statuses. */
async function parallel(count: number, send: (origin: string, i: number) => Promise<Response>) {
  const responses = await Promise.all(Array.from({ length: count }, (_, i) => send(origins[i % origins.length]!, i)));
  const statuses: Record<number, number> = {};
  for (const res of responses) {
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    await res.arrayBuffer();
  }
  return statuses;
}

const signIn = (origin: string, email: string, password: string, address: string) =>
  postForm(origin, '/sign-in', { email, password }, { headers: { 'x-forwarded-for': address } });

describe('parallel sign-ins', () => {
  it(`check at most ${RULES.pair.freeFailures} of 60 wrong passwords for one account from one address`, async () => {
    const statuses = await parallel(60, (origin) => signIn(origin, 'learner@example.com', 'wrong password', '203.0.113.1'));
    expect(statuses[401]).toBeGreaterThan(0);
    expect(statuses[401]).toBeLessThanOrEqual(RULES.pair.freeFailures);
    expect(statuses[401]! + statuses[429]!).toBe(60);
  });

  it(`check at most ${RULES.account.freeFailures} of 100 wrong passwords for one account from 100 addresses`, async () => {
    const statuses = await parallel(100, (origin, i) =>
      signIn(origin, 'manager@example.com', 'wrong password', `198.51.100.${i + 1}`),
    );
    expect(statuses[401]).toBeGreaterThan(0);
    expect(statuses[401]).toBeLessThanOrEqual(RULES.account.freeFailures);
    expect(statuses[401]! + statuses[429]!).toBe(100);
  });

  it('refuse even the right password once the limit is used up, and let it in after the wait', async () => {
    await parallel(10, (origin) => signIn(origin, 'trainer@example.com', 'wrong password', '203.0.113.3'));
    const blocked = await signIn(s.origin, 'trainer@example.com', DEMO_PASSWORD, '203.0.113.3');
    expect(blocked.status).toBe(429);
    // Another address is still let in: the account counter (10) has counted only five checks.
    expect((await signIn(other.origin, 'trainer@example.com', DEMO_PASSWORD, '203.0.113.4')).status).toBe(303);
  });
});

describe('parallel guesses of the current password on /account', () => {
  it(`check at most ${RULES.pair.freeFailures} of 30, on either server`, async () => {
    const cookie = await cookieFor(s.db, 'marcus.bell@example.com');
    const statuses = await parallel(30, (origin) =>
      postForm(
        origin,
        '/account',
        { intent: 'password', current: 'wrong password', new: 'a new long passphrase', confirm: 'a new long passphrase' },
        { cookie, headers: { 'x-forwarded-for': '203.0.113.5' } },
      ),
    );
    expect(statuses[400]).toBeGreaterThan(0);
    expect(statuses[400]).toBeLessThanOrEqual(RULES.pair.freeFailures);
    expect(statuses[400]! + statuses[429]!).toBe(30);
  });

  it('share the sign-in counters: guesses on /account block sign-in from the same address', async () => {
    expect((await signIn(s.origin, 'marcus.bell@example.com', DEMO_PASSWORD, '203.0.113.5')).status).toBe(429);
  });
});

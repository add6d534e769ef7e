import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { checkCurrentPassword, signIn, SIGN_IN_FAILED } from '../../src/lib/server/auth/sign-in.ts';
import { createUser, setActive } from '../../src/lib/server/people/users.ts';
import { invitePerson } from '../../src/lib/server/people/invites.ts';

let t: TestDb;
const password = 'teal kettle orbit seven';

beforeAll(async () => {
  t = await freshDb();
  await createUser(t.db, { email: 'ana@example.com', displayName: 'Ana', role: 'learner', password });
  const gone = await createUser(t.db, { email: 'gone@example.com', displayName: 'Gone', role: 'learner', password });
  await setActive(t.db, gone.id, false);
  await invitePerson(t.db, { email: 'new@example.com', displayName: 'New', role: 'learner', teamId: null }, null, 72);
});
afterAll(() => t.close());

describe('sign-in', () => {
  it('signs in with the right password, case-insensitively on email', async () => {
    const r = await signIn(t.db, { email: ' ANA@example.com ', password, address: '10.0.0.1' });
    expect(r.ok).toBe(true);
  });

  it('gives the same answer for a wrong password, an unknown email, an invited and a deactivated person', async () => {
    const cases = ['ana@example.com', 'nobody@example.com', 'new@example.com', 'gone@example.com'];
    const results = [];
    for (const email of cases)
      results.push(
        await signIn(t.db, { email, password: email === 'ana@example.com' ? 'wrong' : password, address: '10.0.0.2' }),
      );
    for (const r of results) expect(r).toEqual({ ok: false, status: 401, message: SIGN_IN_FAILED });
  });

  it('asks for both fields when one is missing', async () => {
    expect(await signIn(t.db, { email: '', password: '', address: '10.0.0.3' })).toMatchObject({ ok: false, status: 400 });
  });
});

describe('throttling', () => {
  it('slows one client guessing one account, then lets the real person in after the wait', async () => {
    const start = new Date('2026-03-01T10:00:00Z');
    const at = (s: number) => new Date(start.getTime() + s * 1000);
    for (let i = 0; i < 5; i++) {
      const r = await signIn(t.db, { email: 'ana@example.com', password: 'wrong', address: '10.9.9.9' }, at(i));
      expect(r).toMatchObject({ status: 401 });
    }
    const blocked = await signIn(t.db, { email: 'ana@example.com', password, address: '10.9.9.9' }, at(6));
    expect(blocked).toMatchObject({ ok: false, status: 429, retryAfterSeconds: 13 });
    expect(blocked.ok === false && blocked.message).toBe('Too many attempts. Wait 13 seconds and try again.');
    // The real person on another address is delayed by the account rule at most (none yet: 5 < 10).
    expect((await signIn(t.db, { email: 'ana@example.com', password, address: '10.1.1.1' }, at(7))).ok).toBe(true);
    // After the back-off the same client may try again; success clears the account's counters.
    expect((await signIn(t.db, { email: 'ana@example.com', password, address: '10.9.9.9' }, at(20))).ok).toBe(true);
    expect(await signIn(t.db, { email: 'ana@example.com', password: 'wrong', address: '10.9.9.9' }, at(21))).toMatchObject({
      status: 401,
    });
  });

  it('throttles unknown emails exactly like real ones (no enumeration through 429s)', async () => {
    const now = new Date('2026-03-02T10:00:00Z');
    const outcomes = [];
    for (const email of ['ghost@example.com', 'ana@example.com']) {
      const statuses = [];
      for (let i = 0; i < 6; i++)
        statuses.push((await signIn(t.db, { email, password: 'wrong', address: `10.7.7.${email.length}` }, now)).ok ? 200 : 0);
      const r = await signIn(t.db, { email, password: 'x', address: `10.7.7.${email.length}` }, now);
      outcomes.push(r.ok ? 200 : r.status);
    }
    expect(outcomes).toEqual([429, 429]);
  });

  it('slows a client spraying many accounts from one address', async () => {
    const now = new Date('2026-03-03T10:00:00Z');
    for (let i = 0; i < 30; i++)
      await signIn(t.db, { email: `spray${i}@example.com`, password: 'wrong', address: '10.6.6.6' }, now);
    expect(await signIn(t.db, { email: 'ana@example.com', password, address: '10.6.6.6' }, now)).toMatchObject({ status: 429 });
    expect((await signIn(t.db, { email: 'ana@example.com', password, address: '10.6.6.7' }, now)).ok).toBe(true);
  });

  it('caps the delay a distributed attack can impose on a real account at one minute', async () => {
    // Attackers on ever-new addresses keep guessing, each time as soon as the account allows.
    let clock = new Date('2026-03-04T10:00:00Z').getTime();
    let worstWait = 0;
    for (let i = 0; i < 60; i++) {
      const r = await signIn(t.db, { email: 'ana@example.com', password: 'wrong', address: `10.5.${i}.1` }, new Date(clock));
      if (!r.ok && r.status === 429) {
        worstWait = Math.max(worstWait, r.retryAfterSeconds ?? 0);
        clock += (r.retryAfterSeconds ?? 0) * 1000;
      }
    }
    expect(worstWait).toBe(60);
    const realPerson = await signIn(t.db, { email: 'ana@example.com', password, address: '10.4.4.4' }, new Date(clock + 60_000));
    expect(realPerson.ok).toBe(true);
  });
});

describe('the current password on /account', () => {
  it('is throttled like sign-in, on the same counters, and a right one gives the attempt back', async () => {
    const now = new Date('2026-03-05T10:00:00Z');
    const bo = await createUser(t.db, { email: 'bo@example.com', displayName: 'Bo', role: 'learner', password });
    const check = (guess: string) => checkCurrentPassword(t.db, { userId: bo.id, password: guess, address: '10.3.3.3' }, now);
    expect(await check(password)).toEqual({ ok: true });
    const wrong = [];
    for (let i = 0; i < 6; i++) wrong.push(await check('wrong'));
    expect(wrong.map((r) => (r.ok ? 200 : r.status))).toEqual([400, 400, 400, 400, 400, 429]);
    expect(wrong[0]).toMatchObject({ message: 'Your current password is not right. Type it again.' });
    // Blocked now even with the right password, here and on the sign-in page from the same address.
    expect(await check(password)).toMatchObject({ ok: false, status: 429, retryAfterSeconds: 15 });
    expect(await signIn(t.db, { email: 'bo@example.com', password, address: '10.3.3.3' }, now)).toMatchObject({ status: 429 });
  });
});

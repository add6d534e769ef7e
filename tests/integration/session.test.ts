import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { sessions } from '../../src/lib/server/schema.ts';
import {
  ACTIVITY_WRITE_INTERVAL_MS,
  countUserSessions,
  createSession,
  invalidateSession,
  invalidateUserSessions,
  validateSession,
} from '../../src/lib/server/session.ts';
import { changePassword, createUser, setActive } from '../../src/lib/server/users.ts';
import { hashSecret } from '../../src/lib/server/token.ts';

const HOUR = 3600_000;
const policy = { idleMs: 24 * HOUR, maxAgeMs: 72 * HOUR };
let t: TestDb;
let userId: string;

beforeAll(async () => {
  t = await freshDb();
  userId = (
    await createUser(t.db, {
      email: 'sam@example.com',
      displayName: 'Sam Lee',
      role: 'learner',
      password: 'teal kettle orbit seven',
    })
  ).id;
});
afterAll(() => t.close());

describe('session lifecycle', () => {
  it('stores only a SHA-256 of the secret, never the token', async () => {
    const { token, id } = await createSession(t.db, userId);
    const [row] = await t.db.select().from(sessions).where(eq(sessions.id, id));
    const secret = token.split('.')[1]!;
    expect(Buffer.from(row!.secretHash).equals(Buffer.from(hashSecret(secret)))).toBe(true);
    expect(JSON.stringify(row)).not.toContain(secret);
  });

  it('validates the right token and refuses a wrong secret for the same id', async () => {
    const start = new Date('2026-01-01T00:00:00Z');
    const { token } = await createSession(t.db, userId, start);
    const ok = await validateSession(t.db, token, policy, start);
    expect(ok?.user.email).toBe('sam@example.com');
    const [id] = token.split('.');
    expect(await validateSession(t.db, `${id}.${'a'.repeat(24)}`, policy, start)).toBeNull();
    expect(await validateSession(t.db, 'garbage', policy, start)).toBeNull();
  });

  it('expires after the inactivity timeout and is deleted', async () => {
    const start = new Date('2026-01-01T00:00:00Z');
    const { token, id } = await createSession(t.db, userId, start);
    expect(await validateSession(t.db, token, policy, new Date(start.getTime() + policy.idleMs - 1))).not.toBeNull();
    expect(await validateSession(t.db, token, policy, new Date(start.getTime() + 2 * policy.idleMs))).toBeNull();
    expect(await t.db.select().from(sessions).where(eq(sessions.id, id))).toEqual([]);
  });

  it('extends with activity, but never past the absolute lifetime', async () => {
    const start = new Date('2026-01-01T00:00:00Z');
    const { token } = await createSession(t.db, userId, start);
    // Visit every 20 hours: each visit moves the inactivity window on.
    let last;
    for (let h = 20; h < 72; h += 20) {
      last = await validateSession(t.db, token, policy, new Date(start.getTime() + h * HOUR));
      expect(last).not.toBeNull();
      expect(last!.refreshed).toBe(true);
    }
    expect(last!.expiresAt.getTime()).toBe(start.getTime() + policy.maxAgeMs);
    expect(await validateSession(t.db, token, policy, new Date(start.getTime() + 72 * HOUR))).toBeNull();
  });

  it('writes activity at most once an hour', async () => {
    const start = new Date('2026-01-01T00:00:00Z');
    const { token } = await createSession(t.db, userId, start);
    const soon = await validateSession(t.db, token, policy, new Date(start.getTime() + ACTIVITY_WRITE_INTERVAL_MS - 1));
    expect(soon!.refreshed).toBe(false);
    const later = await validateSession(t.db, token, policy, new Date(start.getTime() + ACTIVITY_WRITE_INTERVAL_MS));
    expect(later!.refreshed).toBe(true);
  });

  it('signs out one session or every session', async () => {
    const a = await createSession(t.db, userId);
    const b = await createSession(t.db, userId);
    await invalidateSession(t.db, a.id);
    expect(await validateSession(t.db, a.token, policy)).toBeNull();
    expect(await validateSession(t.db, b.token, policy)).not.toBeNull();
    await invalidateUserSessions(t.db, userId);
    expect(await countUserSessions(t.db, userId)).toBe(0);
  });

  it('ends every session when the user is deactivated', async () => {
    const s = await createSession(t.db, userId);
    await setActive(t.db, userId, false);
    expect(await validateSession(t.db, s.token, policy)).toBeNull();
    expect(await countUserSessions(t.db, userId)).toBe(0);
    await setActive(t.db, userId, true);
  });

  it('ends other sessions on a password change but keeps the current one', async () => {
    const here = await createSession(t.db, userId);
    const elsewhere = await createSession(t.db, userId);
    await changePassword(t.db, userId, 'new harbor lantern nine', here.id);
    expect(await validateSession(t.db, here.token, policy)).not.toBeNull();
    expect(await validateSession(t.db, elsewhere.token, policy)).toBeNull();
  });
});

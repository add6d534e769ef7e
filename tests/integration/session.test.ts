import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { sessions } from '../../src/lib/server/db/schema.ts';
import {
  ACTIVITY_WRITE_INTERVAL_MS,
  countUserSessions,
  createSession,
  invalidateSession,
  invalidateUserSessions,
  readSession,
  validateSession,
} from '../../src/lib/server/auth/session.ts';
import { clientReader, openReader } from '../../src/lib/server/db/fast-read.ts';
import { lessonState } from '../../src/lib/server/learning/lesson-state.ts';
import { recordCompleted } from '../../src/lib/server/learning/progress.ts';
import { saveReflection } from '../../src/lib/server/learning/journal.ts';
import { saveFeedback } from '../../src/lib/server/learning/lesson-feedback.ts';
import { changePassword, createUser, setActive } from '../../src/lib/server/people/users.ts';
import { hashSecret } from '../../src/lib/server/auth/token.ts';

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

describe('the two readers', () => {
  // The native statement cache serves embedded files; the client reader serves remote libSQL servers
  // (and is the default). Both must hand the session and lesson rules identical values.
  it('read the same session and the same lesson state', async () => {
    const { id } = await createSession(t.db, userId);
    const native = openReader(t.url, t.db.$client, 1000);
    const client = clientReader(t.db.$client);
    try {
      const viaNative = await readSession(native, id);
      expect(viaNative).not.toBeNull();
      expect(viaNative!.row.secretHash).toBeInstanceOf(Uint8Array);
      expect(await readSession(client, id)).toEqual(viaNative);
      expect(await readSession(native, 'no-such-session')).toBeNull();

      const key = { moduleId: 'empathy', lessonId: 'what-empathy-looks-like' };
      await recordCompleted(t.db, userId, key.moduleId, key.lessonId, 'v1');
      await saveReflection(t.db, userId, { ...key, reflectionId: 'r1' }, 'prompt', 'my answer');
      await saveFeedback(t.db, userId, key, { rating: 5, comment: null });
      const user = { id: userId, displayName: 'Sam Lee' };
      const state = await lessonState(native, user, key);
      expect(state.fill).toEqual({
        displayName: 'Sam Lee',
        completed: true,
        reflections: new Map([['r1', 'my answer']]),
        feedback: { rating: 5, comment: '' },
      });
      expect(await lessonState(client, user, key)).toEqual(state);
    } finally {
      native.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { acceptInvite, checkInvite, invitePerson } from '../../src/lib/server/people/invites.ts';
import { invites } from '../../src/lib/server/db/schema.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { setActive } from '../../src/lib/server/people/users.ts';

let t: TestDb;
beforeAll(async () => {
  t = await freshDb();
});
afterAll(() => t.close());

const person = (email: string) => ({ email, displayName: 'Rosa Diaz', role: 'learner' as const, teamId: null });

describe('invites', () => {
  it('creates the person without a password and a link that sets one, once', async () => {
    const invite = await invitePerson(t.db, person('rosa@example.com'), null, 72);
    if (!invite.ok) throw new Error(invite.message);
    expect(await checkInvite(t.db, invite.token)).toMatchObject({ state: 'valid', user: { email: 'rosa@example.com' } });
    const accepted = await acceptInvite(t.db, invite.token, 'copper meadow violin');
    expect(accepted.ok).toBe(true);
    expect((await signIn(t.db, { email: 'rosa@example.com', password: 'copper meadow violin', address: 'x' })).ok).toBe(true);
    expect(await acceptInvite(t.db, invite.token, 'another strong phrase')).toEqual({
      ok: false,
      status: 410,
      message: 'This invite link has already been used. Sign in with your password, or ask your admin for a new link.',
    });
  });

  it('stores only a hash of the secret', async () => {
    const invite = await invitePerson(t.db, person('hash@example.com'), null, 72);
    if (!invite.ok) throw new Error(invite.message);
    const rows = await t.db
      .select()
      .from(invites)
      .where(eq(invites.id, invite.token.split('.')[0]!));
    expect(JSON.stringify(rows)).not.toContain(invite.token.split('.')[1]);
  });

  it('expires', async () => {
    const now = new Date('2026-05-01T00:00:00Z');
    const invite = await invitePerson(t.db, person('late@example.com'), null, 72, now);
    if (!invite.ok) throw new Error(invite.message);
    const later = new Date(now.getTime() + 72 * 3600_000);
    expect((await checkInvite(t.db, invite.token, later)).state).toBe('expired');
    expect(await acceptInvite(t.db, invite.token, 'copper meadow violin', later)).toMatchObject({ ok: false, status: 410 });
  });

  it('refuses weak passwords without using up the link', async () => {
    const invite = await invitePerson(t.db, person('weak@example.com'), null, 72);
    if (!invite.ok) throw new Error(invite.message);
    expect(await acceptInvite(t.db, invite.token, 'password123')).toMatchObject({ ok: false, status: 400 });
    expect((await acceptInvite(t.db, invite.token, 'copper meadow violin')).ok).toBe(true);
  });

  it('replaces the link when re-invited before sign-up, and refuses people who already have an account', async () => {
    const first = await invitePerson(t.db, person('twice@example.com'), null, 72);
    const second = await invitePerson(t.db, person('twice@example.com'), null, 72);
    if (!first.ok || !second.ok) throw new Error('invite failed');
    expect((await checkInvite(t.db, first.token)).state).toBe('invalid');
    expect((await checkInvite(t.db, second.token)).state).toBe('valid');
    expect(await invitePerson(t.db, person('rosa@example.com'), null, 72)).toEqual({
      ok: false,
      message: 'rosa@example.com already has an account.',
    });
  });

  it('refuses invalid and tampered links, and links of deactivated people', async () => {
    const invite = await invitePerson(t.db, person('off@example.com'), null, 72);
    if (!invite.ok) throw new Error(invite.message);
    const [id] = invite.token.split('.');
    expect((await checkInvite(t.db, `${id}.${'b'.repeat(24)}`)).state).toBe('invalid');
    expect((await checkInvite(t.db, 'nonsense')).state).toBe('invalid');
    await setActive(t.db, invite.userId, false);
    expect((await checkInvite(t.db, invite.token)).state).toBe('invalid');
  });

  it('claims a link only once even when two tabs submit at the same time', async () => {
    const invite = await invitePerson(t.db, person('race@example.com'), null, 72);
    if (!invite.ok) throw new Error(invite.message);
    const results = await Promise.all([
      acceptInvite(t.db, invite.token, 'copper meadow violin'),
      acceptInvite(t.db, invite.token, 'copper meadow violin'),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('validates the email and name', async () => {
    expect(await invitePerson(t.db, { ...person('nope'), displayName: 'X' }, null, 72)).toEqual({
      ok: false,
      message: '"nope" is not a valid email address.',
    });
    expect(await invitePerson(t.db, { ...person('a@b.co'), displayName: ' ' }, null, 72)).toEqual({
      ok: false,
      message: 'A name is required.',
    });
  });
});

/**
 * Deprovisioning: the directory deactivates people (`active` false, or DELETE), which ends their
 * sessions at once (src/lib/server/people/users.ts) and never deletes their account or learning record.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { scimGroupMembers, scimUsers, users } from '../db/schema.ts';
import { setActive } from '../people/users.ts';
import { recordEvent } from '../sso/identity.ts';
import { ScimError } from '../../scim/protocol.ts';
import type { StoredUser } from './users.ts';

const SCIM = { providerId: 'scim' };

/**
 * A directory may deactivate admins (they leave too), but never the last active one: a mistaken
 * unassignment or a stolen token must not lock everyone out of the admin pages.
 */
export async function refuseLastAdmin(db: Db, userId: string): Promise<void> {
  const admins = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true)));
  if (admins.length === 1 && admins[0]!.id === userId)
    throw new ScimError(
      400,
      'This is the only active admin: make someone else an admin in Rapport before deactivating them.',
      'mutability',
    );
}

export async function changeActive(db: Db, userId: string, email: string, active: boolean, why: string, now: Date) {
  await setActive(db, userId, active);
  await recordEvent(db, { ...SCIM, kind: active ? 'reactivate' : 'deactivate', userId, email, detail: `SCIM: ${why}` }, now);
}

/**
 * DELETE: the person is deactivated (their sessions end) and no longer provisioned; their account and
 * learning record stay, so reports and exports keep them. Provisioning them again relinks the account.
 */
export async function deleteScimUser(db: Db, user: StoredUser, now = new Date()): Promise<void> {
  if (user.state.active) await refuseLastAdmin(db, user.id);
  await db.delete(scimGroupMembers).where(eq(scimGroupMembers.userId, user.id));
  await db.delete(scimUsers).where(eq(scimUsers.userId, user.id));
  const email = user.state.email;
  if (user.state.active) await changeActive(db, user.id, email ?? '', false, 'deleted by the directory (record kept)', now);
  else
    await recordEvent(
      db,
      { ...SCIM, kind: 'deactivate', userId: user.id, email, detail: 'SCIM: deleted by the directory (record kept)' },
      now,
    );
}

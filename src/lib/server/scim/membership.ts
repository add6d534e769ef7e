/**
 * What membership of a SCIM Group does in Rapport. A group of kind `members` is a team: joining it
 * puts the person in the team (the latest group joined wins, as a person is in one team), leaving it
 * takes them out (to another team group they are still in, else none). A group of kind `managers`
 * (named in the providers file's `scim.managerGroups`) makes its members managers of its team.
 * Every change is written to the identity audit log; learning records are never touched.
 */
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { scimGroupMembers, scimGroups, scimUsers, teamManagers, teams, users } from '../db/schema.ts';
import { addManager } from '../people/teams.ts';
import { recordEvent } from '../sso/identity.ts';

export interface GroupRef {
  id: string;
  displayName: string;
  teamId: string;
  kind: 'members' | 'managers';
}

async function teamName(db: Db, teamId: string | null): Promise<string> {
  if (!teamId) return 'no team';
  const [team] = await db.select({ name: teams.name }).from(teams).where(eq(teams.id, teamId));
  return team?.name ?? 'no team';
}

/** Adds provisioned people to a group; ids that are not provisioned users are skipped. */
export async function addMembers(db: Db, group: GroupRef, ids: string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  const known = await db
    .select({ id: users.id, email: users.email, teamId: users.teamId })
    .from(scimUsers)
    .innerJoin(users, eq(users.id, scimUsers.userId))
    .where(inArray(scimUsers.userId, [...new Set(ids)]));
  const base = { providerId: 'scim' };
  const name = await teamName(db, group.teamId);
  for (const person of known) {
    const [inserted] = await db
      .insert(scimGroupMembers)
      .values({ groupId: group.id, userId: person.id })
      .onConflictDoNothing()
      .returning();
    if (group.kind === 'managers') {
      if (!inserted) continue;
      await addManager(db, group.teamId, person.id);
      const detail = `manages ${name} (SCIM group ${group.displayName})`;
      await recordEvent(db, { ...base, kind: 'role', userId: person.id, email: person.email, detail }, now);
    } else if (person.teamId !== group.teamId) {
      await db.update(users).set({ teamId: group.teamId, updatedAt: now }).where(eq(users.id, person.id));
      const detail = `${await teamName(db, person.teamId)} -> ${name} (SCIM group ${group.displayName})`;
      await recordEvent(db, { ...base, kind: 'team', userId: person.id, email: person.email, detail }, now);
    }
  }
}

/** Another group of `kind` for the same purpose that the person is still in, if any. */
async function otherGroup(db: Db, group: GroupRef, userId: string, sameTeam: boolean) {
  const [other] = await db
    .select({ teamId: scimGroups.teamId })
    .from(scimGroupMembers)
    .innerJoin(scimGroups, eq(scimGroups.id, scimGroupMembers.groupId))
    .where(
      and(
        eq(scimGroupMembers.userId, userId),
        eq(scimGroups.kind, group.kind),
        ne(scimGroups.id, group.id),
        sameTeam ? eq(scimGroups.teamId, group.teamId) : undefined,
      ),
    );
  return other;
}

/** Takes people out of a group, undoing what membership gave them unless another group still gives it. */
export async function removeMembers(db: Db, group: GroupRef, ids: string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  const removed = await db
    .delete(scimGroupMembers)
    .where(and(eq(scimGroupMembers.groupId, group.id), inArray(scimGroupMembers.userId, [...new Set(ids)])))
    .returning({ userId: scimGroupMembers.userId });
  const name = await teamName(db, group.teamId);
  for (const { userId } of removed) {
    const [person] = await db.select({ email: users.email, teamId: users.teamId }).from(users).where(eq(users.id, userId));
    if (!person) continue;
    const base = { providerId: 'scim', userId, email: person.email };
    if (group.kind === 'managers') {
      if (await otherGroup(db, group, userId, true)) continue;
      await db.delete(teamManagers).where(and(eq(teamManagers.teamId, group.teamId), eq(teamManagers.userId, userId)));
      const detail = `no longer manages ${name} (left SCIM group ${group.displayName})`;
      await recordEvent(db, { ...base, kind: 'role', detail }, now);
    } else if (person.teamId === group.teamId) {
      const next = (await otherGroup(db, group, userId, false))?.teamId ?? null;
      await db.update(users).set({ teamId: next, updatedAt: now }).where(eq(users.id, userId));
      const detail = `${name} -> ${await teamName(db, next)} (left SCIM group ${group.displayName})`;
      await recordEvent(db, { ...base, kind: 'team', detail }, now);
    }
  }
}

/**
 * SCIM Groups on our records: each group stands for a team (src/lib/server/scim/membership.ts says
 * what membership does). Creating a group adopts the team of that name or makes one; deleting a group
 * undoes its memberships and keeps the team, with its assignments and records.
 */
import { and, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { scimGroupMembers, scimGroups, teams, users } from '../db/schema.ts';
import { randomId } from '../auth/token.ts';
import { ensureTeam, findTeamByName } from '../people/teams.ts';
import { addMembers, removeMembers, type GroupRef } from './membership.ts';
import { meets, type Condition } from '../../scim/filter.ts';
import { GROUP_SCHEMA, ScimError } from '../../scim/protocol.ts';
import type { GroupChange } from '../../scim/group.ts';
import type { ScimSettings } from '../../sso/providers.ts';

export interface StoredGroup extends GroupRef {
  externalId: string | null;
  created: Date;
  lastModified: Date;
  members: { value: string; display: string }[];
}

function narrow(conditions: Condition[]): SQL | undefined {
  for (const c of conditions) {
    if (c.attribute === 'id') return eq(scimGroups.id, c.value);
    if (c.attribute === 'displayname') return eq(sql`lower(${scimGroups.displayName})`, c.value.toLowerCase());
    if (c.attribute === 'externalid') return eq(scimGroups.externalId, c.value);
  }
  return undefined;
}

function valuesOf(group: StoredGroup, attribute: string): string[] {
  if (attribute === 'id') return [group.id];
  if (attribute === 'displayname') return [group.displayName];
  if (attribute === 'externalid') return group.externalId ? [group.externalId] : [];
  if (attribute === 'members.value' || attribute === 'members') return group.members.map((m) => m.value);
  throw new ScimError(400, `Groups cannot be filtered by "${attribute}".`, 'invalidFilter');
}

/** Groups meeting every condition, in creation order, with their members. */
export async function findScimGroups(db: Db, conditions: Condition[]): Promise<StoredGroup[]> {
  const rows = await db
    .select({
      id: scimGroups.id,
      displayName: scimGroups.displayName,
      externalId: scimGroups.externalId,
      teamId: scimGroups.teamId,
      kind: scimGroups.kind,
      created: scimGroups.createdAt,
      lastModified: scimGroups.updatedAt,
    })
    .from(scimGroups)
    .where(narrow(conditions))
    .orderBy(scimGroups.createdAt, scimGroups.id);
  const members = rows.length
    ? await db
        .select({ groupId: scimGroupMembers.groupId, value: users.id, display: users.email })
        .from(scimGroupMembers)
        .innerJoin(users, eq(users.id, scimGroupMembers.userId))
        .where(
          rows.length <= 500
            ? inArray(
                scimGroupMembers.groupId,
                rows.map((r) => r.id),
              )
            : undefined,
        )
        .orderBy(users.email)
    : [];
  const found = rows.map((r) => ({
    ...r,
    members: members.filter((m) => m.groupId === r.id).map(({ value, display }) => ({ value, display })),
  }));
  return found.filter((g) => conditions.every((c) => meets(valuesOf(g, c.attribute), c)));
}

export async function findScimGroup(db: Db, id: string): Promise<StoredGroup | undefined> {
  return (await findScimGroups(db, [{ attribute: 'id', value: id }]))[0];
}

/** The Group resource (RFC 7643 section 4.2). */
export function groupResource(group: StoredGroup, base: string): Record<string, unknown> {
  return {
    schemas: [GROUP_SCHEMA],
    id: group.id,
    ...(group.externalId ? { externalId: group.externalId } : {}),
    displayName: group.displayName,
    members: group.members.map((m) => ({ ...m, $ref: `${base}/Users/${m.value}` })),
    meta: {
      resourceType: 'Group',
      created: group.created.toISOString(),
      lastModified: group.lastModified.toISOString(),
      location: `${base}/Groups/${group.id}`,
    },
  };
}

async function nameTaken(db: Db, displayName: string, exceptId: string | null): Promise<boolean> {
  const same = eq(sql`lower(${scimGroups.displayName})`, displayName.toLowerCase());
  const [row] = await db
    .select({ id: scimGroups.id })
    .from(scimGroups)
    .where(exceptId ? and(same, ne(scimGroups.id, exceptId)) : same);
  return Boolean(row);
}

/** Creates a group for the team of its name, or for the team it manages when it is a manager group. */
export async function createScimGroup(
  db: Db,
  input: { displayName: string; externalId: string | null; members: string[] },
  settings: ScimSettings,
  now = new Date(),
): Promise<string> {
  if (await nameTaken(db, input.displayName, null))
    throw new ScimError(409, `A group named "${input.displayName}" already exists.`, 'uniqueness');
  const managed = settings.managerGroups[input.displayName];
  const team = await ensureTeam(db, managed ?? input.displayName);
  const group: GroupRef = {
    id: randomId(),
    displayName: input.displayName,
    teamId: team.id,
    kind: managed ? 'managers' : 'members',
  };
  await db.insert(scimGroups).values({ ...group, externalId: input.externalId, createdAt: now, updatedAt: now });
  await addMembers(db, group, input.members, now);
  return group.id;
}

/** Applies a PATCH (or, with `members` set, a PUT): the name, the external id, then the members. */
export async function updateScimGroup(db: Db, group: StoredGroup, change: GroupChange, now = new Date()): Promise<void> {
  if (change.displayName !== undefined && change.displayName !== group.displayName) {
    if (await nameTaken(db, change.displayName, group.id))
      throw new ScimError(409, `A group named "${change.displayName}" already exists.`, 'uniqueness');
    // A team group's team carries its name; a manager group's team is named in the providers file.
    if (group.kind === 'members') {
      const clash = await findTeamByName(db, change.displayName);
      if (clash && clash.id !== group.teamId)
        throw new ScimError(409, `A team named "${change.displayName}" already exists: rename or remove it first.`, 'uniqueness');
      await db.update(teams).set({ name: change.displayName }).where(eq(teams.id, group.teamId));
    }
  }
  await db
    .update(scimGroups)
    .set({
      displayName: change.displayName ?? group.displayName,
      externalId: change.externalId === undefined ? group.externalId : change.externalId,
      updatedAt: now,
    })
    .where(eq(scimGroups.id, group.id));
  const ref = { ...group, displayName: change.displayName ?? group.displayName };
  if (change.members) {
    const current = group.members.map((m) => m.value);
    await removeMembers(
      db,
      ref,
      current.filter((id) => !change.members!.includes(id)),
      now,
    );
    await addMembers(
      db,
      ref,
      change.members.filter((id) => !current.includes(id)),
      now,
    );
  }
  await addMembers(db, ref, change.add, now);
  await removeMembers(db, ref, change.remove, now);
}

export async function deleteScimGroup(db: Db, group: StoredGroup, now = new Date()): Promise<void> {
  await removeMembers(
    db,
    group,
    group.members.map((m) => m.value),
    now,
  );
  await db.delete(scimGroups).where(eq(scimGroups.id, group.id));
}

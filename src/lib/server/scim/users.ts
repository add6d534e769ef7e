/**
 * SCIM Users on our records: a `scim_users` row beside each person's `users` row. Creating links an
 * existing account with the same email. Deprovisioning (active=false, DELETE) is in ./deprovision.ts.
 */
import { and, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { scimGroupMembers, scimGroups, scimUsers, users } from '../db/schema.ts';
import { createUser, findUserByEmail, isPlausibleEmail, normalizeEmail } from '../people/users.ts';
import { changeActive, refuseLastAdmin } from './deprovision.ts';
import { recordEvent } from '../sso/identity.ts';
import { meets, type Condition } from '../../scim/filter.ts';
import { ScimError, USER_SCHEMA } from '../../scim/protocol.ts';
import { nameOf, type ScimUserState } from '../../scim/user.ts';

export interface StoredUser {
  id: string;
  state: ScimUserState;
  created: Date;
  lastModified: Date;
  groups: { value: string; display: string }[];
}

const columns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  active: users.active,
  userName: scimUsers.userName,
  externalId: scimUsers.externalId,
  givenName: scimUsers.givenName,
  familyName: scimUsers.familyName,
  created: scimUsers.createdAt,
  lastModified: scimUsers.updatedAt,
};

/** An indexed column for the first condition we can narrow by in SQL; the rest are checked in code. */
function narrow(conditions: Condition[]): SQL | undefined {
  for (const c of conditions) {
    if (c.attribute === 'id') return eq(users.id, c.value);
    if (c.attribute === 'username') return eq(sql`lower(${scimUsers.userName})`, c.value.toLowerCase());
    if (c.attribute === 'externalid') return eq(scimUsers.externalId, c.value);
    if (c.attribute === 'emails.value' || c.attribute === 'emails') return eq(users.email, normalizeEmail(c.value));
  }
  return undefined;
}

function valuesOf(user: StoredUser, attribute: string): (string | null)[] {
  const s = user.state;
  const table: Record<string, (string | null)[]> = {
    id: [user.id],
    username: [s.userName],
    externalid: [s.externalId],
    displayname: [s.displayName],
    'emails.value': [s.email],
    emails: [s.email],
    'name.givenname': [s.givenName],
    'name.familyname': [s.familyName],
    active: [String(s.active)],
  };
  const values = table[attribute];
  if (!values) throw new ScimError(400, `Users cannot be filtered by "${attribute}".`, 'invalidFilter');
  return values;
}

/** Provisioned people meeting every condition, in creation order. */
export async function findScimUsers(db: Db, conditions: Condition[]): Promise<StoredUser[]> {
  const rows = await db
    .select(columns)
    .from(scimUsers)
    .innerJoin(users, eq(users.id, scimUsers.userId))
    .where(narrow(conditions))
    .orderBy(scimUsers.createdAt, users.id);
  const groups = rows.length
    ? await db
        .select({ userId: scimGroupMembers.userId, value: scimGroups.id, display: scimGroups.displayName })
        .from(scimGroupMembers)
        .innerJoin(scimGroups, eq(scimGroups.id, scimGroupMembers.groupId))
        .where(
          rows.length <= 500
            ? inArray(
                scimGroupMembers.userId,
                rows.map((r) => r.id),
              )
            : undefined,
        )
    : [];
  const found = rows.map((r) => ({
    id: r.id,
    state: {
      userName: r.userName,
      externalId: r.externalId,
      givenName: r.givenName,
      familyName: r.familyName,
      displayName: r.displayName,
      email: r.email,
      active: r.active,
    },
    created: r.created,
    lastModified: r.lastModified,
    groups: groups.filter((g) => g.userId === r.id).map(({ value, display }) => ({ value, display })),
  }));
  return found.filter((u) => conditions.every((c) => meets(valuesOf(u, c.attribute), c)));
}

export async function findScimUser(db: Db, id: string): Promise<StoredUser | undefined> {
  return (await findScimUsers(db, [{ attribute: 'id', value: id }]))[0];
}

/** The User resource (RFC 7643 section 4.1) of a provisioned person. */
export function userResource(user: StoredUser, base: string): Record<string, unknown> {
  const s = user.state;
  return {
    schemas: [USER_SCHEMA],
    id: user.id,
    ...(s.externalId ? { externalId: s.externalId } : {}),
    userName: s.userName,
    name: {
      ...(s.givenName ? { givenName: s.givenName } : {}),
      ...(s.familyName ? { familyName: s.familyName } : {}),
      formatted: nameOf(s),
    },
    displayName: nameOf(s),
    emails: s.email ? [{ value: s.email, type: 'work', primary: true }] : [],
    active: s.active,
    groups: user.groups.map((g) => ({ ...g, $ref: `${base}/Groups/${g.value}` })),
    meta: {
      resourceType: 'User',
      created: user.created.toISOString(),
      lastModified: user.lastModified.toISOString(),
      location: `${base}/Users/${user.id}`,
    },
  };
}

function emailOf(state: ScimUserState): string {
  const email = normalizeEmail(state.email ?? state.userName);
  if (!isPlausibleEmail(email))
    throw new ScimError(
      400,
      'The person needs an email: send emails (type work or primary) or an email as userName.',
      'invalidValue',
    );
  return email;
}

async function userNameTaken(db: Db, userName: string, exceptUserId: string | null): Promise<boolean> {
  const same = eq(sql`lower(${scimUsers.userName})`, userName.toLowerCase());
  const [row] = await db
    .select({ id: scimUsers.userId })
    .from(scimUsers)
    .where(exceptUserId ? and(same, ne(scimUsers.userId, exceptUserId)) : same);
  return Boolean(row);
}

const SCIM = { providerId: 'scim' };

/**
 * Provisions a person: links the account that already has this email (invited or imported earlier,
 * or deprovisioned by DELETE and now back), or creates one. 409 uniqueness when the userName or the
 * email already belongs to another provisioned person.
 */
export async function createScimUser(db: Db, state: ScimUserState, now = new Date()): Promise<string> {
  const email = emailOf(state);
  if (await userNameTaken(db, state.userName, null))
    throw new ScimError(409, `A user with userName "${state.userName}" already exists.`, 'uniqueness');
  const existing = await findUserByEmail(db, email);
  if (existing && (await findScimUser(db, existing.id)))
    throw new ScimError(409, `Another provisioned user already has the email ${email}.`, 'uniqueness');
  if (existing?.active && !state.active) await refuseLastAdmin(db, existing.id);
  const userId = existing?.id ?? (await createUser(db, { email, displayName: nameOf(state), role: 'learner' })).id;
  await db.insert(scimUsers).values({
    userId,
    userName: state.userName,
    externalId: state.externalId,
    givenName: state.givenName,
    familyName: state.familyName,
    createdAt: now,
    updatedAt: now,
  });
  const how = existing ? 'linked to the existing account with this email' : 'account created';
  await recordEvent(db, { ...SCIM, kind: existing ? 'link' : 'create', userId, email, detail: `SCIM: ${how}` }, now);
  if (existing)
    await db
      .update(users)
      .set({ displayName: nameOf(state), updatedAt: now })
      .where(eq(users.id, userId));
  const wasActive = existing ? existing.active : true;
  if (state.active !== wasActive) await changeActive(db, userId, email, state.active, 'active set by SCIM on create', now);
  return userId;
}

/** Writes a changed User (PUT or PATCH), auditing what changed; `before` is its stored state. */
export async function updateScimUser(db: Db, user: StoredUser, after: ScimUserState, now = new Date()): Promise<void> {
  const before = user.state;
  const email = emailOf(after);
  if (before.active && !after.active) await refuseLastAdmin(db, user.id);
  if (after.userName !== before.userName && (await userNameTaken(db, after.userName, user.id)))
    throw new ScimError(409, `A user with userName "${after.userName}" already exists.`, 'uniqueness');
  if (email !== before.email) {
    const holder = await findUserByEmail(db, email);
    if (holder && holder.id !== user.id)
      throw new ScimError(409, `Another account already has the email ${email}.`, 'uniqueness');
  }
  const fields = ['userName', 'externalId', 'givenName', 'familyName', 'email'] as const;
  const changed: string[] = fields.filter((k) => (k === 'email' ? email : after[k]) !== before[k]);
  if (nameOf(after) !== before.displayName) changed.push('displayName');
  await db
    .update(users)
    .set({ email, displayName: nameOf(after), updatedAt: now })
    .where(eq(users.id, user.id));
  await db
    .update(scimUsers)
    .set({
      userName: after.userName,
      externalId: after.externalId,
      givenName: after.givenName,
      familyName: after.familyName,
      updatedAt: now,
    })
    .where(eq(scimUsers.userId, user.id));
  if (changed.length > 0)
    await recordEvent(
      db,
      { ...SCIM, kind: 'update', userId: user.id, email, detail: `SCIM: ${changed.join(', ')} changed` },
      now,
    );
  if (after.active !== before.active) await changeActive(db, user.id, email, after.active, `active=${after.active}`, now);
}

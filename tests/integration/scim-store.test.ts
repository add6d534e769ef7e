// The SCIM service's records on a real libSQL file, called in-process (no server): what group
// membership does to teams and managers in the cases a replay does not reach, and simultaneous creates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { handleScim } from '../../src/lib/server/scim/endpoint.ts';
import { createScimToken } from '../../src/lib/server/scim/tokens.ts';
import { createScimUser, findScimUsers, updateScimUser } from '../../src/lib/server/scim/users.ts';
import { deleteScimUser } from '../../src/lib/server/scim/deprovision.ts';
import { createScimGroup, findScimGroup, updateScimGroup } from '../../src/lib/server/scim/groups.ts';
import { createUser, setActive } from '../../src/lib/server/people/users.ts';
import { ensureTeam } from '../../src/lib/server/people/teams.ts';
import { teamManagers, teams, users } from '../../src/lib/server/db/schema.ts';
import { readUserResource } from '../../src/lib/scim/user.ts';
import { ScimError } from '../../src/lib/scim/protocol.ts';

let t: TestDb;
let adminId: string;
const settings = { managerGroups: { 'Leads A': 'Alpha', 'Leads A too': 'Alpha' } };
const person = (name: string) => createScimUser(t.db, readUserResource({ userName: `${name}@example.com`, displayName: name }));
const teamOf = async (id: string) => {
  const [row] = await t.db
    .select({ name: teams.name })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(eq(users.id, id));
  return row?.name ?? null;
};
const join = async (groupId: string, add: string[], remove: string[] = []) =>
  updateScimGroup(t.db, (await findScimGroup(t.db, groupId))!, { add, remove });

beforeAll(async () => {
  t = await freshDb();
  adminId = (await createUser(t.db, { email: 'admin@example.com', displayName: 'Admin', role: 'admin' })).id;
});
afterAll(() => t?.close());

describe('team groups', () => {
  it('put a person in the team of the group joined last, and back in the other when they leave it', async () => {
    const ana = await person('ana');
    const alpha = await createScimGroup(t.db, { displayName: 'Alpha', externalId: null, members: [ana] }, settings);
    const beta = await createScimGroup(t.db, { displayName: 'Beta', externalId: null, members: [] }, settings);
    expect(await teamOf(ana)).toBe('Alpha');
    await join(beta, [ana]);
    expect(await teamOf(ana)).toBe('Beta');
    await join(beta, [], [ana]);
    expect(await teamOf(ana)).toBe('Alpha');
    await join(alpha, [], [ana]);
    expect(await teamOf(ana)).toBeNull();
  });

  it('refuses a rename onto another team’s name, and skips ids that are not provisioned people', async () => {
    await ensureTeam(t.db, 'Gamma');
    const delta = await createScimGroup(t.db, { displayName: 'Delta', externalId: null, members: ['nobody'] }, settings);
    expect((await findScimGroup(t.db, delta))!.members).toEqual([]);
    const error = await updateScimGroup(t.db, (await findScimGroup(t.db, delta))!, {
      displayName: 'Gamma',
      add: [],
      remove: [],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScimError);
    expect((error as ScimError).scimType).toBe('uniqueness');
  });
});

describe('manager groups', () => {
  it('keep a manager while another manager group of the same team still has them', async () => {
    const bo = await person('bo');
    const one = await createScimGroup(t.db, { displayName: 'Leads A', externalId: null, members: [bo] }, settings);
    const two = await createScimGroup(t.db, { displayName: 'Leads A too', externalId: null, members: [bo] }, settings);
    const manages = async () => (await t.db.select().from(teamManagers).where(eq(teamManagers.userId, bo))).length;
    expect(await manages()).toBe(1);
    expect(await teamOf(bo)).toBeNull();
    await join(one, [], [bo]);
    expect(await manages()).toBe(1);
    await join(two, [], [bo]);
    expect(await manages()).toBe(0);
  });
});

describe('admins', () => {
  it('may be deactivated by the directory, except the last active one', async () => {
    const admin = await createScimUser(t.db, readUserResource({ userName: 'admin@example.com' }));
    const other = await createUser(t.db, { email: 'second.admin@example.com', displayName: 'Second', role: 'admin' });
    const found = async () => (await findScimUsers(t.db, [{ attribute: 'id', value: admin }]))[0]!;
    await updateScimUser(t.db, await found(), { ...(await found()).state, active: false });
    expect((await found()).state.active).toBe(false);
    await updateScimUser(t.db, await found(), { ...(await found()).state, active: true });
    await setActive(t.db, other.id, false);
    const error = await updateScimUser(t.db, await found(), { ...(await found()).state, active: false }).catch((e: unknown) => e);
    expect((error as ScimError).scimType).toBe('mutability');
    const deleted = await deleteScimUser(t.db, await found()).catch((e: unknown) => e);
    expect((deleted as ScimError).scimType).toBe('mutability');
    expect((await found()).state.active).toBe(true);
  });
});

describe('simultaneous creates', () => {
  it('answer one 201 and 409 uniqueness for the rest, never a server error', async () => {
    const token = await createScimToken(t.db, 'Race', adminId);
    const body = JSON.stringify({ userName: 'race@example.com', displayName: 'Race' });
    const send = () =>
      handleScim({
        db: t.db,
        request: new Request('http://localhost/scim/v2/Users', {
          method: 'POST',
          body,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
        }),
        segments: ['Users'],
        base: 'http://localhost/scim/v2',
        settings,
        perMinute: 1000,
      });
    const statuses = (await Promise.all(Array.from({ length: 8 }, send))).map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201 && s !== 409)).toEqual([]);
  });
});

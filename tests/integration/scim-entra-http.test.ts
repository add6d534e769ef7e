// SCIM through the real built server, replaying the requests Microsoft Entra ID sends, in the shapes
// of Microsoft's SCIM endpoint guide ("Develop and plan provisioning for a SCIM endpoint"): look up
// before create, create with a work email, PATCH with capitalised ops and "False" strings, groups
// with member adds and removes, then DELETE. Responses are checked against RFC 7643/7644 shapes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startServer, type TestServer } from '../helpers/server.ts';
import { expectList, expectScimError, expectUser, scim, SCIM_TYPE, scimConfigFile, tokenFromAdminPage } from '../helpers/scim.ts';
import { identityEvents, lessonProgress, teams, users } from '../../src/lib/server/db/schema.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';

let s: TestServer;
let token: string;
const call = (method: string, path: string, body?: unknown) => scim(s.origin, token, method, path, body);
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

beforeAll(async () => {
  s = await startServer({ env: { SSO_CONFIG: scimConfigFile({}) } });
  token = await tokenFromAdminPage(s.origin, s.db, 'Entra ID');
});
afterAll(() => s?.stop());

const newUser = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
  externalId: '8e2a1f4c-2d3b-4a0e-9c1d-5f6a7b8c9d0e',
  userName: 'Noor.Haddad@contoso.test',
  active: true,
  emails: [{ primary: true, type: 'work', value: 'noor.haddad@contoso.test' }],
  meta: { resourceType: 'User' },
  name: { formatted: 'Noor Haddad', familyName: 'Haddad', givenName: 'Noor' },
  roles: [],
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Support', employeeNumber: '1042' },
};

describe('Entra ID provisioning a person', () => {
  let id = '';

  it('looks them up by userName first and finds nobody', async () => {
    expectList(await call('GET', `/Users?filter=${encodeURIComponent(`userName eq "${newUser.userName}"`)}`), 0);
  });

  it('creates them: 201, a Location, the resource, a learner account and an audit event', async () => {
    const created = await call('POST', '/Users', newUser);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.type).toMatch(SCIM_TYPE);
    expectUser(created.body, s.origin);
    id = String(created.body.id);
    expect(created.headers.get('location')).toBe(`${s.origin}/scim/v2/Users/${id}`);
    expect(created.body).toMatchObject({
      userName: newUser.userName,
      externalId: newUser.externalId,
      active: true,
      displayName: 'Noor Haddad',
    });
    expect(created.body.emails).toEqual([{ value: 'noor.haddad@contoso.test', type: 'work', primary: true }]);
    const person = await findUserByEmail(s.db, 'noor.haddad@contoso.test');
    expect(person).toMatchObject({ id, role: 'learner', active: true, displayName: 'Noor Haddad' });
    const events = await s.db.select().from(identityEvents).where(eq(identityEvents.userId, id));
    expect(events.map((e) => e.kind)).toEqual(['create']);
  });

  it('finds them by userName (any case), externalId and work email, and refuses a second create with 409', async () => {
    for (const filter of [
      `userName eq "noor.haddad@CONTOSO.test"`,
      `externalId eq "${newUser.externalId}"`,
      `emails[type eq "work"].value eq "noor.haddad@contoso.test"`,
    ]) {
      const found = await call('GET', `/Users?filter=${encodeURIComponent(filter)}`);
      expectList(found, 1);
      expect(found.body.Resources![0]!.id).toBe(id);
    }
    expectScimError(await call('POST', '/Users', newUser), 409, 'uniqueness');
  });

  it('applies a PATCH with capitalised ops and a filtered email path', async () => {
    const patched = await call('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'noor.h@contoso.test' },
        { op: 'Replace', path: 'name.familyName', value: 'Haddad-Lee' },
        { op: 'Replace', path: 'displayName', value: 'Noor Haddad-Lee' },
        { op: 'Add', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', value: 'Field' },
      ],
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expectUser(patched.body, s.origin);
    expect(patched.body.name).toMatchObject({ givenName: 'Noor', familyName: 'Haddad-Lee' });
    const [row] = await s.db.select().from(users).where(eq(users.id, id));
    expect([row!.email, row!.displayName]).toEqual(['noor.h@contoso.test', 'Noor Haddad-Lee']);
  });

  it('deactivates on "False" and reactivates on "True" (strings, as Entra sends them)', async () => {
    const off = await call('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(off.body.active).toBe(false);
    expect((await s.db.select().from(users).where(eq(users.id, id)))[0]!.active).toBe(false);
    // Entra's check after disabling: a filtered GET must still find the person, with active false.
    const found = await call('GET', `/Users?filter=${encodeURIComponent('userName eq "Noor.Haddad@contoso.test"')}`);
    expect(found.body.Resources![0]).toMatchObject({ id, active: false });
    const on = await call('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Replace', path: 'active', value: 'True' }],
    });
    expect(on.body.active).toBe(true);
    const kinds = (await s.db.select().from(identityEvents).where(eq(identityEvents.userId, id))).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['update', 'deactivate', 'reactivate']));
  });

  describe('groups', () => {
    let groupId = '';

    it('creates a group for a team, found by displayName without its members', async () => {
      const created = await call('POST', '/Groups', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        externalId: '4b1f0c2e-7d8a-4e6f-a1b2-c3d4e5f60718',
        displayName: 'Claims Desk',
        meta: { resourceType: 'Group' },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toMatchObject({ displayName: 'Claims Desk', members: [], meta: { resourceType: 'Group' } });
      groupId = String(created.body.id);
      const [team] = await s.db.select().from(teams).where(eq(teams.name, 'Claims Desk'));
      expect(team).toBeDefined();
      const found = await call(
        'GET',
        `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Claims Desk"')}`,
      );
      expectList(found, 1);
      expect(found.body.Resources![0]).not.toHaveProperty('members');
      expect(found.body.Resources![0]).toMatchObject({ id: groupId, displayName: 'Claims Desk' });
    });

    it('adds a member: the person joins the team, and the change is audited', async () => {
      const added = await call('PATCH', `/Groups/${groupId}`, {
        schemas: [PATCH],
        Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: id }] }],
      });
      expect([200, 204]).toContain(added.status);
      const [row] = await s.db
        .select({ teamId: users.teamId, name: teams.name })
        .from(users)
        .leftJoin(teams, eq(teams.id, users.teamId))
        .where(eq(users.id, id));
      expect(row!.name).toBe('Claims Desk');
      const member = await call(
        'GET',
        `/Groups?filter=${encodeURIComponent(`id eq "${groupId}" and members[value eq "${id}"]`)}`,
      );
      expectList(member, 1);
      const team = (await s.db.select().from(identityEvents).where(eq(identityEvents.userId, id))).filter(
        (e) => e.kind === 'team',
      );
      expect(team.at(-1)!.detail).toBe('no team -> Claims Desk (SCIM group Claims Desk)');
      expect((await call('GET', `/Users/${id}`)).body.groups).toEqual([
        { value: groupId, display: 'Claims Desk', $ref: `${s.origin}/scim/v2/Groups/${groupId}` },
      ]);
    });

    it('renames the group and its team, then removes the member with a value list', async () => {
      await call('PATCH', `/Groups/${groupId}`, {
        schemas: [PATCH],
        Operations: [{ op: 'Replace', path: 'displayName', value: 'Claims and Returns' }],
      });
      expect(await s.db.select().from(teams).where(eq(teams.name, 'Claims and Returns'))).toHaveLength(1);
      await call('PATCH', `/Groups/${groupId}`, {
        schemas: [PATCH],
        Operations: [{ op: 'Remove', path: 'members', value: [{ value: id }] }],
      });
      expect((await s.db.select().from(users).where(eq(users.id, id)))[0]!.teamId).toBeNull();
      expect((await call('GET', `/Groups/${groupId}`)).body.members).toEqual([]);
    });

    it('deletes the group: 204, then 404; the team stays', async () => {
      expect((await call('DELETE', `/Groups/${groupId}`)).status).toBe(204);
      expectScimError(await call('GET', `/Groups/${groupId}`), 404);
      expect(await s.db.select().from(teams).where(eq(teams.name, 'Claims and Returns'))).toHaveLength(1);
    });
  });

  it('DELETE deactivates the person and keeps their account and learning record', async () => {
    await s.db.insert(lessonProgress).values({
      userId: id,
      moduleId: 'empathy',
      lessonId: 'what-empathy-looks-like',
      firstOpenedAt: new Date(),
      lastOpenedAt: new Date(),
      completedAt: new Date(),
      completedVersion: 'v1',
    });
    expect((await call('DELETE', `/Users/${id}`)).status).toBe(204);
    expectScimError(await call('GET', `/Users/${id}`), 404);
    const [row] = await s.db.select().from(users).where(eq(users.id, id));
    expect(row!.active).toBe(false);
    expect(await s.db.select().from(lessonProgress).where(eq(lessonProgress.userId, id))).toHaveLength(1);
    // Provisioned again (a re-hire): the same account comes back, active.
    const again = await call('POST', '/Users', {
      ...newUser,
      emails: [{ primary: true, type: 'work', value: 'noor.h@contoso.test' }],
    });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body).toMatchObject({ id, active: true });
  });
});

// SCIM through the real built server, replaying what Okta sends, in the shapes of Okta's SCIM 2.0
// reference and its published Runscope test suite: the connection test (startIndex=1&count=2), lookup,
// create with a password Okta asks us to ignore, PUT of the whole user, `replace` with `active:false`,
// and group pushes: a manager group (from the providers file), whole-group replace, member removes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { startServer, type TestServer } from '../helpers/server.ts';
import { expectList, expectScimError, expectUser, scim, scimConfigFile, tokenFromAdminPage } from '../helpers/scim.ts';
import { identityEvents, teamManagers, teams, users } from '../../src/lib/server/db/schema.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';
import { cookieFor, get } from '../helpers/http.ts';

let s: TestServer;
let token: string;
const call = (method: string, path: string, body?: unknown) => scim(s.origin, token, method, path, body);
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

beforeAll(async () => {
  s = await startServer({ env: { SSO_CONFIG: scimConfigFile({ 'Support Leads': 'Customer Support' }) } });
  token = await tokenFromAdminPage(s.origin, s.db, 'Okta');
});
afterAll(() => s?.stop());

const oktaUser = (givenName: string, email: string) => ({
  schemas: [USER],
  userName: email,
  name: { givenName, familyName: 'Moreau' },
  emails: [{ primary: true, value: email, type: 'work' }],
  displayName: `${givenName} Moreau`,
  locale: 'en-US',
  externalId: '00ujl29u0le5T6Aj10h7',
  groups: [],
  password: '1mz050nq',
  active: true,
});

describe('Okta provisioning', () => {
  let id = '';

  it('passes the connection test: a ListResponse of at most two users', async () => {
    const list = await call('GET', '/Users?startIndex=1&count=2');
    expect(list.status).toBe(200);
    expect(list.body.Resources).toHaveLength(0);
    expectList(list, 0);
    expect((await call('GET', '/Groups?startIndex=1&count=100')).status).toBe(200);
  });

  it('looks up, creates (ignoring the password), and reads back by id', async () => {
    expectList(
      await call('GET', `/Users?filter=${encodeURIComponent('userName eq "camille.moreau@okta.test"')}&startIndex=1&count=100`),
      0,
    );
    const created = await call('POST', '/Users', oktaUser('Camille', 'camille.moreau@okta.test'));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expectUser(created.body, s.origin);
    id = String(created.body.id);
    expect(created.body).not.toHaveProperty('password');
    expect((await findUserByEmail(s.db, 'camille.moreau@okta.test'))!.passwordHash).toBeNull();
    const read = await call('GET', `/Users/${id}`);
    expect(read.body).toMatchObject({
      id,
      userName: 'camille.moreau@okta.test',
      active: true,
      name: { givenName: 'Camille', familyName: 'Moreau' },
    });
  });

  it('replaces the whole user with PUT', async () => {
    const put = await call('PUT', `/Users/${id}`, { ...oktaUser('Camila', 'camille.moreau@okta.test'), id });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ displayName: 'Camila Moreau', name: { givenName: 'Camila' } });
  });

  it('deactivates with a replace of {active:false} and no path, and reactivates with PUT', async () => {
    const off = await call('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await s.db.select().from(users).where(eq(users.id, id)))[0]!.active).toBe(false);
    const on = await call('PUT', `/Users/${id}`, { ...oktaUser('Camila', 'camille.moreau@okta.test'), id, active: true });
    expect(on.body.active).toBe(true);
  });

  it('answers 404 with a SCIM error for an unknown user', async () => {
    expectScimError(await call('GET', '/Users/010101001010101010101010'), 404);
  });

  it('pages through users with startIndex and count', async () => {
    for (const n of [1, 2, 3]) await call('POST', '/Users', { ...oktaUser(`P${n}`, `p${n}@okta.test`), externalId: `x${n}` });
    const second = await call('GET', '/Users?startIndex=2&count=2');
    expectList(second, 4);
    expect(second.body).toMatchObject({ startIndex: 2, itemsPerPage: 2 });
    expect(second.body.Resources!.map((r) => r.userName)).toEqual(['p1@okta.test', 'p2@okta.test']);
  });

  describe('group push', () => {
    it('makes the members of a manager group managers of its team, and audits it as a role change', async () => {
      const created = await call('POST', '/Groups', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'Support Leads',
        members: [{ value: id, display: 'camille.moreau@okta.test' }],
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body.members).toEqual([
        { value: id, display: 'camille.moreau@okta.test', $ref: `${s.origin}/scim/v2/Users/${id}` },
      ]);
      const [support] = await s.db.select().from(teams).where(eq(teams.name, 'Customer Support'));
      const managers = await s.db
        .select()
        .from(teamManagers)
        .where(and(eq(teamManagers.teamId, support!.id), eq(teamManagers.userId, id)));
      expect(managers).toHaveLength(1);
      // The manager group is not a team of its own.
      expect(await s.db.select().from(teams).where(eq(teams.name, 'Support Leads'))).toHaveLength(0);
      const role = (await s.db.select().from(identityEvents).where(eq(identityEvents.userId, id))).filter(
        (e) => e.kind === 'role',
      );
      expect(role.map((e) => e.detail)).toEqual(['manages Customer Support (SCIM group Support Leads)']);
      // A manager, whatever the role (decision 013): the team dashboard opens for them.
      const camille = await cookieFor(s.db, 'camille.moreau@okta.test');
      expect((await get(s.origin, '/team', camille)).status).toBe(200);
      const groupId = String(created.body.id);
      const renamed = await call('PATCH', `/Groups/${groupId}`, {
        schemas: [PATCH],
        Operations: [{ op: 'replace', value: { id: groupId, displayName: 'Support Team Leads' } }],
      });
      expect(renamed.body.displayName).toBe('Support Team Leads');
      const removed = await call('PATCH', `/Groups/${groupId}`, {
        schemas: [PATCH],
        Operations: [{ op: 'remove', path: `members[value eq "${id}"]` }],
      });
      expect(removed.body.members).toEqual([]);
      expect(await s.db.select().from(teamManagers).where(eq(teamManagers.userId, id))).toHaveLength(0);
      expect((await get(s.origin, '/team', camille)).status).toBe(403);
    });

    it('puts the members of an ordinary group in its team, pushed with add then a full replace', async () => {
      const created = await call('POST', '/Groups', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'Field Service',
        members: [],
      });
      const groupId = String(created.body.id);
      const [p1, p2] = (await call('GET', '/Users?startIndex=2&count=2')).body.Resources!.map((r) => String(r.id));
      await call('PATCH', `/Groups/${groupId}`, {
        schemas: [PATCH],
        Operations: [{ op: 'add', path: 'members', value: [{ value: p1 }, { value: p2 }] }],
      });
      const [field] = await s.db.select().from(teams).where(eq(teams.name, 'Field Service'));
      const inTeam = async () =>
        (await s.db.select({ id: users.id }).from(users).where(eq(users.teamId, field!.id))).map((r) => r.id);
      expect(await inTeam()).toEqual(expect.arrayContaining([p1, p2]));
      const put = await call('PUT', `/Groups/${groupId}`, {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'Field Service',
        members: [{ value: p2 }],
      });
      expect(put.body.members).toEqual([expect.objectContaining({ value: p2 })]);
      expect(await inTeam()).not.toContain(p1);
      expect(await inTeam()).toContain(p2);
      expectScimError(await call('POST', '/Groups', { displayName: 'field service' }), 409, 'uniqueness');
    });
  });
});

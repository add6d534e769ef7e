// Admins over HTTP against the built server: making someone a team's manager from the People page, roles
// that add up (a trainer who manages keeps /insight), teams created, renamed, merged and deleted with a
// confirmation first, the CSV import's unknown teams, and names kept as text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { cookieFor, get, postForm } from '../helpers/http.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';
import { findTeamByName, listTeams, managedTeamIds } from '../../src/lib/server/people/teams.ts';
import { assignments } from '../../src/lib/server/db/schema.ts';
import { eq } from 'drizzle-orm';

let s: TestServer;
let admin: string;
beforeAll(async () => {
  s = await startServer();
  admin = await cookieFor(s.db, 'admin@example.com');
});
afterAll(() => s.stop());

const people = (fields: Record<string, string> | FormData) => postForm(s.origin, '/admin/people', fields, { cookie: admin });
const teamsPost = (fields: Record<string, string>) => postForm(s.origin, '/admin/teams', fields, { cookie: admin });
const idOf = async (email: string) => (await findUserByEmail(s.db, email))!.id;
const teamId = async (name: string) => (await findTeamByName(s.db, name))!.id;

describe('team managers from the People page', () => {
  it('makes a trainer a manager without taking the trainer’s pages away, and undoes it', async () => {
    const theo = await idOf('trainer@example.com');
    const field = await teamId('Field Service');
    const res = await people({ intent: 'manage', userId: theo, teamId: field });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Theo Brandt now manages Field Service.');

    const cookie = await cookieFor(s.db, 'trainer@example.com');
    const team = await get(s.origin, '/team', cookie);
    expect(team.status).toBe(200);
    const html = await team.text();
    expect(html).toContain('Field Service');
    expect(html).not.toContain('Customer Support');
    expect(html).toContain('Trainer, Manager');
    expect((await get(s.origin, '/insight', cookie)).status).toBe(200);
    expect((await get(s.origin, `/team/${field}`, cookie)).status).toBe(200);

    await people({ intent: 'unmanage', userId: theo, teamId: field });
    expect((await get(s.origin, '/team', cookie)).status).toBe(403);
    expect((await get(s.origin, '/insight', cookie)).status).toBe(200);
  });

  it('keeps a manager managing when an admin changes their role', async () => {
    const priya = await idOf('manager@example.com');
    const res = await people({ intent: 'update', userId: priya, role: 'trainer', teamId: '' });
    expect(res.status).toBe(200);
    const cookie = await cookieFor(s.db, 'manager@example.com');
    expect((await get(s.origin, '/team', cookie)).status).toBe(200);
    expect((await get(s.origin, '/insight', cookie)).status).toBe(200);
    await people({ intent: 'update', userId: priya, role: 'learner', teamId: '' });
    expect((await get(s.origin, '/insight', cookie)).status).toBe(403);
    expect((await get(s.origin, '/team', cookie)).status).toBe(200);
  });

  it('refuses a team that does not exist, changing nothing', async () => {
    const lena = await idOf('learner@example.com');
    const res = await people({ intent: 'manage', userId: lena, teamId: 'no-such-team' });
    expect(res.status).toBe(400);
    expect(await managedTeamIds(s.db, lena)).toEqual([]);
  });
});

describe('teams', () => {
  it('creates and renames a team, refusing a name that is already taken in another case', async () => {
    expect((await teamsPost({ intent: 'create', name: '  Night   Shift ' })).status).toBe(200);
    const clash = await teamsPost({ intent: 'create', name: 'night shift' });
    expect(clash.status).toBe(400);
    expect(await clash.text()).toContain('There is already a team called “Night Shift”.');
    const night = await teamId('Night Shift');
    expect((await teamsPost({ intent: 'rename', teamId: night, name: 'Late Shift' })).status).toBe(200);
    expect((await listTeams(s.db)).map((t) => t.name)).toContain('Late Shift');
  });

  it('renders a team name as text, never as markup', async () => {
    await teamsPost({ intent: 'create', name: '<img src=x onerror=alert(1)>' });
    for (const path of ['/admin/teams', '/admin/people', '/team']) {
      const html = await (await get(s.origin, path, admin)).text();
      // Inside a quoted attribute value a "<" is only text; outside one it must arrive escaped.
      expect(html.replace(/"[^"]*"/g, '""')).not.toContain('<img src=x');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    }
  });

  it('merges only after showing what will happen, then moves members, managers and assignments', async () => {
    const support = await teamId('Customer Support');
    const field = await teamId('Field Service');
    // Test servers start from the people alone: an assignment made through the team, as /assignments makes it.
    const nadia = await idOf('nadia.kowalski@example.com');
    const at = new Date();
    const due = new Date(at.getTime() + 7 * 86_400_000);
    await s.db
      .insert(assignments)
      .values({ id: 'merge-a', userId: nadia, moduleId: 'm', dueAt: due, teamId: field, createdAt: at, updatedAt: at });
    const [before] = await s.db.select().from(assignments).where(eq(assignments.teamId, field));
    const ask = await teamsPost({ intent: 'merge', teamId: field, intoId: support });
    const html = await ask.text();
    expect(html).toContain('Merge Field Service into Customer Support?');
    expect(html).toContain('8 members of Field Service join Customer Support.');
    expect(html).toContain('Yes, merge the teams');
    expect(await findTeamByName(s.db, 'Field Service')).toBeDefined();

    const done = await teamsPost({ intent: 'merge', teamId: field, intoId: support, confirm: 'yes' });
    expect(await done.text()).toContain('Field Service is merged into Customer Support.');
    expect(await findTeamByName(s.db, 'Field Service')).toBeUndefined();
    expect((await findUserByEmail(s.db, 'nadia.kowalski@example.com'))!.teamId).toBe(support);
    expect(await managedTeamIds(s.db, await idOf('manager2@example.com'))).toEqual([support]);
    const [after] = await s.db.select().from(assignments).where(eq(assignments.id, before!.id));
    expect(after).toMatchObject({ teamId: support, dueAt: before!.dueAt, userId: before!.userId });
  });

  it('deletes a team after confirmation: members stay without a team, assignments stay with each person', async () => {
    const support = await teamId('Customer Support');
    const count = (await s.db.select().from(assignments)).length;
    const ask = await teamsPost({ intent: 'delete', teamId: support });
    expect(await ask.text()).toContain('Delete Customer Support?');
    expect(await findTeamByName(s.db, 'Customer Support')).toBeDefined();
    expect((await teamsPost({ intent: 'delete', teamId: support, confirm: 'yes' })).status).toBe(200);
    expect(await findTeamByName(s.db, 'Customer Support')).toBeUndefined();
    expect((await findUserByEmail(s.db, 'learner@example.com'))!.teamId).toBeNull();
    expect(await managedTeamIds(s.db, await idOf('manager@example.com'))).toEqual([]);
    expect((await s.db.select().from(assignments)).length).toBe(count);
    // Priya manages nothing now, so she is no longer a manager.
    expect((await get(s.origin, '/team', await cookieFor(s.db, 'manager@example.com'))).status).toBe(403);
  });
});

describe('CSV import and teams', () => {
  const upload = (csv: string, createTeams: boolean) => {
    const form = new FormData();
    form.set('intent', 'import');
    if (createTeams) form.set('createTeams', 'yes');
    form.set('file', new File([csv], 'people.csv', { type: 'text/csv' }));
    return people(form);
  };

  it('rejects a row naming an unknown team with a suggestion, and creates the team only when asked', async () => {
    const csv = 'email,name,role,team\numa@example.com,Uma,learner,Late Shfit\n';
    const html = await (await upload(csv, false)).text();
    expect(html).toContain('0 created, 1 rejected.');
    expect(html).toContain('There is no team called “Late Shfit”. Did you mean “Late Shift”?');
    expect(await findTeamByName(s.db, 'Late Shfit')).toBeUndefined();

    const created = await (await upload('email,name,role,team\numa@example.com,Uma,learner,Dispatch\n', true)).text();
    expect(created).toContain('1 created, 0 rejected. New teams: Dispatch.');
    expect((await findUserByEmail(s.db, 'uma@example.com'))!.teamId).toBe(await teamId('Dispatch'));
  });
});

describe('long names', () => {
  it('keep the People table’s controls in their own cells', async () => {
    const name = 'Maximiliana-Konstantinopoulou-Wolfeschlegelsteinhausenbergerdorff-Featherstonehaugh-Cholmondeley-XYZ';
    expect(name.length).toBe(100);
    const form = { intent: 'invite', email: 'long@example.com', name, role: 'learner', teamId: '' };
    expect((await people(form)).status).toBe(200);
    const html = await (await get(s.origin, '/admin/people', admin)).text();
    expect(html).toMatch(new RegExp(`<th scope="row" class="name-cell"[^>]*>\\s*${name}`));
  });
});

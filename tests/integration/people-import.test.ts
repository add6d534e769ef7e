import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { importPeople } from '../../src/lib/server/people/people-import.ts';
import { createUser, findUserByEmail } from '../../src/lib/server/people/users.ts';
import { ensureTeam, findTeamByName, listTeams, managedTeamIds } from '../../src/lib/server/people/teams.ts';
import { checkInvite } from '../../src/lib/server/people/invites.ts';

let t: TestDb;
let adminId: string;
beforeAll(async () => {
  t = await freshDb();
  adminId = (
    await createUser(t.db, { email: 'admin@example.com', displayName: 'Admin', role: 'admin', password: 'copper meadow violin' })
  ).id;
  await createUser(t.db, {
    email: 'old@example.com',
    displayName: 'Old Hand',
    role: 'learner',
    password: 'copper meadow violin',
  });
  await createUser(t.db, {
    email: 'boss@example.com',
    displayName: 'Existing Boss',
    role: 'trainer',
    password: 'copper meadow violin',
  });
  await ensureTeam(t.db, 'Billing');
  await ensureTeam(t.db, 'Dispatch');
});
afterAll(() => t.close());

describe('CSV import', () => {
  it('creates good rows, rejects bad ones with reasons, and links managers to teams', async () => {
    const csv = [
      'email,name,role,team,manager email',
      'joe@example.com,Joe Park,learner,Billing,ines@example.com', // manager appears later in the file
      'ines@example.com,Ines Duarte,manager,Billing,', // manages Billing rather than joining it
      'kim@example.com,Kim Ng,learner,dispatch,boss@example.com', // existing trainer manages; case ignored
      'old@example.com,Old Hand,learner,Billing,', // already has an account
      'max@example.com,Max,learner,Billing,ghost@example.com', // manager unknown
      'joe@example.com,Joe Again,learner,Billing,', // duplicate in file
      'bad-email,Bad,learner,,',
    ].join('\n');
    const report = await importPeople(t.db, csv, adminId, 72);
    expect(report.created.map((c) => [c.line, c.email])).toEqual([
      [2, 'joe@example.com'],
      [3, 'ines@example.com'],
      [4, 'kim@example.com'],
    ]);
    expect(report.rejected).toEqual([
      { line: 5, email: 'old@example.com', reason: 'old@example.com already has an account.' },
      { line: 6, email: 'max@example.com', reason: 'Manager ghost@example.com is neither in this file nor an existing person.' },
      { line: 7, email: 'joe@example.com', reason: 'Duplicate of line 2.' },
      { line: 8, email: 'bad-email', reason: '"bad-email" is not a valid email address.' },
    ]);
    expect(report.createdTeams).toEqual([]);
    const billing = await findTeamByName(t.db, 'Billing');
    const dispatch = await findTeamByName(t.db, 'Dispatch');
    const ines = await findUserByEmail(t.db, 'ines@example.com');
    const boss = await findUserByEmail(t.db, 'boss@example.com');
    expect(await managedTeamIds(t.db, ines!.id)).toEqual([billing!.id]);
    expect(ines!.teamId).toBeNull();
    expect(await managedTeamIds(t.db, boss!.id)).toEqual([dispatch!.id]);
    // Managing a team takes nothing away: the trainer stays a trainer.
    expect(boss!.role).toBe('trainer');
    expect((await findUserByEmail(t.db, 'joe@example.com'))!.teamId).toBe(billing!.id);
    expect((await findUserByEmail(t.db, 'kim@example.com'))!.teamId).toBe(dispatch!.id);
    for (const c of report.created) expect((await checkInvite(t.db, c.token)).state).toBe('valid');
  });

  it('refuses a team that does not exist, suggesting the closest, and creates no team', async () => {
    const csv = ['email,name,role,team', 'typo@example.com,Ty Po,learner,Bilings', 'far@example.com,Far,learner,Warehouse'].join(
      '\n',
    );
    const report = await importPeople(t.db, csv, adminId, 72);
    expect(report.created).toEqual([]);
    expect(report.rejected.map((r) => [r.line, r.reason])).toEqual([
      [
        2,
        'There is no team called “Bilings”. Did you mean “Billing”? Correct the name, or import again with “Create teams the file names that do not exist yet” ticked to create it.',
      ],
      [
        3,
        'There is no team called “Warehouse”. Correct the name, or import again with “Create teams the file names that do not exist yet” ticked to create it.',
      ],
    ]);
    expect((await listTeams(t.db)).map((x) => x.name)).toEqual(['Billing', 'Dispatch']);
    expect(await findUserByEmail(t.db, 'typo@example.com')).toBeUndefined();
  });

  it('creates the teams a file names once, when the admin opts in', async () => {
    const csv = [
      'email,name,role,team',
      'wh1@example.com,Wh One,learner,  Warehouse   North ',
      'wh2@example.com,Wh Two,learner,warehouse north',
      'html@example.com,Tag,learner,<b>Night</b> shift',
    ].join('\n');
    const report = await importPeople(t.db, csv, adminId, 72, { createTeams: true });
    expect(report.rejected).toEqual([]);
    expect(report.createdTeams).toEqual(['Warehouse North', '<b>Night</b> shift']);
    const north = await findTeamByName(t.db, 'Warehouse North');
    expect((await findUserByEmail(t.db, 'wh2@example.com'))!.teamId).toBe(north!.id);
    // Stored as the text typed; pages escape it (tests/integration/admin-teams-http.test.ts).
    expect(await findTeamByName(t.db, '<b>Night</b> shift')).toBeDefined();
  });

  it('imports nothing from a file with a bad header', async () => {
    const report = await importPeople(t.db, 'who,what\nzed@example.com,Zed', adminId, 72);
    expect(report.fileError).toMatch(/^The header line must name the columns email and name/);
    expect(await findUserByEmail(t.db, 'zed@example.com')).toBeUndefined();
  });
});

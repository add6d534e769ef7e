import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { importPeople } from '../../src/lib/server/people/people-import.ts';
import { createUser, findUserByEmail } from '../../src/lib/server/people/users.ts';
import { findTeamByName, managedTeamIds } from '../../src/lib/server/people/teams.ts';
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
    role: 'manager',
    password: 'copper meadow violin',
  });
  await createUser(t.db, { email: 'plain@example.com', displayName: 'Plain', role: 'learner', password: 'copper meadow violin' });
});
afterAll(() => t.close());

describe('CSV import', () => {
  it('creates good rows, rejects bad ones with reasons, and links managers to teams', async () => {
    const csv = [
      'email,name,role,team,manager email',
      'joe@example.com,Joe Park,learner,Billing,ines@example.com', // manager appears later in the file
      'ines@example.com,Ines Duarte,manager,Billing,',
      'kim@example.com,Kim Ng,learner,Dispatch,boss@example.com', // existing manager
      'old@example.com,Old Hand,learner,Billing,', // already has an account
      'lee@example.com,Lee,learner,Billing,plain@example.com', // manager is a learner
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
      {
        line: 6,
        email: 'lee@example.com',
        reason: 'plain@example.com has the role learner; a team manager must be a manager or admin.',
      },
      { line: 7, email: 'max@example.com', reason: 'Manager ghost@example.com is neither in this file nor an existing person.' },
      { line: 8, email: 'joe@example.com', reason: 'Duplicate of line 2.' },
      { line: 9, email: 'bad-email', reason: '"bad-email" is not a valid email address.' },
    ]);
    const billing = await findTeamByName(t.db, 'Billing');
    const dispatch = await findTeamByName(t.db, 'Dispatch');
    const ines = await findUserByEmail(t.db, 'ines@example.com');
    const boss = await findUserByEmail(t.db, 'boss@example.com');
    expect(await managedTeamIds(t.db, ines!.id)).toEqual([billing!.id]);
    expect(await managedTeamIds(t.db, boss!.id)).toEqual([dispatch!.id]);
    expect((await findUserByEmail(t.db, 'joe@example.com'))!.teamId).toBe(billing!.id);
    for (const c of report.created) expect((await checkInvite(t.db, c.token)).state).toBe('valid');
  });

  it('imports nothing from a file with a bad header', async () => {
    const report = await importPeople(t.db, 'who,what\nzed@example.com,Zed', adminId, 72);
    expect(report.fileError).toMatch(/^The header line must name the columns email and name/);
    expect(await findUserByEmail(t.db, 'zed@example.com')).toBeUndefined();
  });
});

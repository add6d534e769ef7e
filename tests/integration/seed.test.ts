import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { DEMO_PASSWORD, DEMO_SIGN_INS, demoAccounts, seedDemoIfEmpty } from '../../src/lib/server/demo/seed.ts';
import { countUsers, createUser } from '../../src/lib/server/people/users.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { listTeams, managedTeamIds, teamsWithMembers } from '../../src/lib/server/people/teams.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';

let t: TestDb;
beforeAll(async () => {
  t = await freshDb();
});
afterAll(() => t.close());

describe('demo organisation', () => {
  it('seeds an admin, a trainer and two managers with about eight learners each', async () => {
    expect(await seedDemoIfEmpty(t.db)).toBe(true);
    expect(await countUsers(t.db)).toBe(demoAccounts().length);
    const teams = await teamsWithMembers(
      t.db,
      (await listTeams(t.db)).map((x) => x.id),
    );
    expect(teams.map((x) => [x.name, x.members.length])).toEqual([
      ['Customer Support', 8],
      ['Field Service', 8],
    ]);
    for (const account of DEMO_SIGN_INS) {
      expect((await signIn(t.db, { email: account.email, password: DEMO_PASSWORD, address: 'seed-test' })).ok).toBe(true);
    }
    const manager = await findUserByEmail(t.db, 'manager@example.com');
    expect(await managedTeamIds(t.db, manager!.id)).toHaveLength(1);
  });

  it('never seeds a database that already has people', async () => {
    expect(await seedDemoIfEmpty(t.db)).toBe(false);
    const other = await freshDb();
    try {
      await createUser(other.db, { email: 'only@example.com', displayName: 'Only', role: 'admin' });
      expect(await seedDemoIfEmpty(other.db)).toBe(false);
      expect(await countUsers(other.db)).toBe(1);
    } finally {
      other.close();
    }
  });
});

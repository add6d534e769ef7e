// Decision 011's data migration: someone stored with the old role 'manager' reads as a learner who manages
// their teams, before and after drizzle/0006_retire_manager_role.sql runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { createUser, findUserById } from '../../src/lib/server/people/users.ts';
import { addManager, ensureTeam } from '../../src/lib/server/people/teams.ts';
import { createSession, validateSession } from '../../src/lib/server/auth/session.ts';
import { can } from '../../src/lib/auth/permissions.ts';

let t: TestDb;
beforeAll(async () => {
  t = await freshDb();
});
afterAll(() => t.close());

const policy = { idleMs: 3600_000, maxAgeMs: 86_400_000 };

describe("the retired 'manager' role", () => {
  it('is read as a learner who manages, and the migration rewrites it', async () => {
    const user = await createUser(t.db, { email: 'old.manager@example.com', displayName: 'Old Manager', role: 'learner' });
    await t.db.$client.execute({ sql: "update users set role = 'manager' where id = ?", args: [user.id] });
    await addManager(t.db, (await ensureTeam(t.db, 'Alpha')).id, user.id);
    const { token } = await createSession(t.db, user.id);

    const before = (await validateSession(t.db, token, policy))!.user;
    expect(before).toMatchObject({ role: 'learner', manages: true });
    expect(can(before, 'team:manage')).toBe(true);

    await t.db.$client.executeMultiple(readFileSync('drizzle/0006_retire_manager_role.sql', 'utf8'));
    expect((await findUserById(t.db, user.id))!.role).toBe('learner');
    expect((await validateSession(t.db, token, policy))!.user).toMatchObject({ role: 'learner', manages: true });
  });
});

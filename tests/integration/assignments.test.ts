// Assigning, listing and removing against a real libSQL file, including forms tampered with to
// reach people outside the manager's teams.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { createUser, setActive } from '../../src/lib/server/people/users.ts';
import { addManager, ensureTeam } from '../../src/lib/server/people/teams.ts';
import { assignments } from '../../src/lib/server/db/schema.ts';
import {
  assignModule,
  assignmentsForLearner,
  assignmentsForTeams,
  assignmentsVisibleTo,
  assignScope,
  removeAssignment,
  type Assigner,
} from '../../src/lib/server/people/assignments.ts';
import { handleAssignmentsPost } from '../../src/lib/server/people/assignment-actions.ts';
import { learnerFactsMany } from '../../src/lib/server/learning/facts-many.ts';
import { learnerFacts } from '../../src/lib/server/learning/facts.ts';
import { recordCompleted } from '../../src/lib/server/learning/progress.ts';

let t: TestDb;
let teamA: string;
let teamB: string;
let managerA: Assigner;
let admin: Assigner;
let learner: Assigner;
const people: Record<string, string> = {};
const MODULES = new Set(['empathy', 'feedback-loops']);
const now = new Date('2027-03-10T09:00:00Z');
const due = new Date('2027-03-20T23:59:59.999Z');

beforeAll(async () => {
  t = await freshDb();
  teamA = (await ensureTeam(t.db, 'Alpha')).id;
  teamB = (await ensureTeam(t.db, 'Bravo')).id;
  const make = async (key: string, role: 'learner' | 'admin', teamId: string | null = null, manages = false) => {
    const u = await createUser(t.db, { email: `${key}@example.com`, displayName: key, role, teamId });
    people[key] = u.id;
    return { id: u.id, role, manages };
  };
  managerA = await make('manager-a', 'learner', null, true);
  await addManager(t.db, teamA, managerA.id);
  await addManager(t.db, teamB, (await make('manager-b', 'learner', null, true)).id);
  admin = await make('admin', 'admin');
  learner = await make('a1', 'learner', teamA);
  await make('a2', 'learner', teamA);
  await make('a-gone', 'learner', teamA);
  await setActive(t.db, people['a-gone']!, false);
  await make('b1', 'learner', teamB);
  await make('loner', 'learner');
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.db.delete(assignments);
});

const rows = () => t.db.select().from(assignments);
const input = (over: Partial<Parameters<typeof assignModule>[2]> = {}) => ({
  moduleId: 'empathy',
  dueAt: due,
  teamIds: [] as string[],
  userIds: [] as string[],
  ...over,
});

describe('assigning', () => {
  it('gives a module to every active member of a managed team, remembering the team', async () => {
    expect(await assignModule(t.db, managerA, input({ teamIds: [teamA] }), MODULES, now)).toEqual({ ok: true, count: 2 });
    const written = await rows();
    expect(written.map((r) => r.userId).sort()).toEqual([people.a1, people.a2].sort());
    expect(written.every((r) => r.teamId === teamA && r.assignedBy === managerA.id && r.dueAt.getTime() === due.getTime())).toBe(
      true,
    );
  });

  it('moves the due date when assigned again, keeping one row per person and module', async () => {
    await assignModule(t.db, managerA, input({ userIds: [people.a1!] }), MODULES, now);
    const later = new Date('2027-04-01T23:59:59.999Z');
    const next = new Date(now.getTime() + 60_000);
    await assignModule(t.db, managerA, input({ teamIds: [teamA], dueAt: later }), MODULES, next);
    const mine = (await rows()).filter((r) => r.userId === people.a1);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ dueAt: later, createdAt: now, updatedAt: next, teamId: teamA });
  });

  it('refuses a manager anyone outside their teams, writing nothing at all', async () => {
    for (const tampered of [
      input({ userIds: [people.b1!] }),
      input({ userIds: [people.a1!, people.b1!] }),
      input({ teamIds: [teamA, teamB] }),
      input({ userIds: [people.loner!] }),
      input({ userIds: [people['a-gone']!] }),
      input({ userIds: ['no-such-person'] }),
    ]) {
      const result = await assignModule(t.db, managerA, tampered, MODULES, now);
      expect(result).toEqual({
        ok: false,
        status: 403,
        message: 'Nothing was assigned: you can assign only to active people in the teams you manage.',
      });
    }
    expect(await rows()).toEqual([]);
  });

  it('lets an admin assign to anyone active, with or without a team', async () => {
    const result = await assignModule(
      t.db,
      admin,
      input({ teamIds: [teamB], userIds: [people.loner!, people.a1!] }),
      MODULES,
      now,
    );
    expect(result).toEqual({ ok: true, count: 3 });
    expect(await assignModule(t.db, admin, input({ userIds: [people['a-gone']!] }), MODULES, now)).toMatchObject({ status: 403 });
  });

  it('refuses learners, unknown modules and empty choices', async () => {
    expect(await assignModule(t.db, learner, input({ userIds: [people.a2!] }), MODULES, now)).toMatchObject({ status: 403 });
    expect(
      await assignModule(t.db, managerA, input({ moduleId: 'coaching-conversations', teamIds: [teamA] }), MODULES, now),
    ).toEqual({ ok: false, status: 400, message: 'Choose a module from the list.' });
    expect(await assignModule(t.db, managerA, input(), MODULES, now)).toMatchObject({ status: 400 });
    expect(await rows()).toEqual([]);
  });

  it('scopes what each role can choose from', async () => {
    const scope = await assignScope(t.db, managerA);
    expect(scope.teams.map((team) => team.name)).toEqual(['Alpha']);
    expect(scope.people.map((p) => p.displayName)).toEqual(['a1', 'a2']);
    expect((await assignScope(t.db, admin)).people.map((p) => p.displayName)).toContain('loner');
    expect(await assignScope(t.db, learner)).toEqual({ teams: [], people: [] });
  });
});

describe('the assign form', () => {
  const form = (fields: [string, string][]) => {
    const f = new FormData();
    for (const [k, v] of fields) f.append(k, v);
    return f;
  };

  it('assigns with a redirect, and answers tampered or bad fields with a status and nothing written', async () => {
    const ok = await handleAssignmentsPost(
      t.db,
      managerA,
      form([
        ['intent', 'assign'],
        ['moduleId', 'empathy'],
        ['due', '2027-03-20'],
        ['userId', people.a2!],
      ]),
      MODULES,
      now,
    );
    expect(ok).toEqual({ redirect: '/assignments?assigned=1&module=empathy' });
    const tampered = await handleAssignmentsPost(
      t.db,
      managerA,
      form([
        ['intent', 'assign'],
        ['moduleId', 'feedback-loops'],
        ['due', '2027-03-20'],
        ['teamId', teamB],
      ]),
      MODULES,
      now,
    );
    expect(tampered).toMatchObject({ status: 403, values: { moduleId: 'feedback-loops', teamIds: [teamB] } });
    const past = await handleAssignmentsPost(
      t.db,
      managerA,
      form([
        ['intent', 'assign'],
        ['moduleId', 'feedback-loops'],
        ['due', '2027-03-01'],
        ['teamId', teamA],
      ]),
      MODULES,
      now,
    );
    expect(past).toMatchObject({ status: 400, error: 'That date has passed. Choose today or a later date.' });
    expect(await handleAssignmentsPost(t.db, managerA, form([['intent', 'drop-tables']]), MODULES, now)).toMatchObject({
      status: 400,
    });
    expect((await rows()).map((r) => [r.userId, r.moduleId])).toEqual([[people.a2, 'empathy']]);
  });
});

describe('listing and removing', () => {
  beforeEach(async () => {
    await assignModule(t.db, admin, input({ teamIds: [teamA, teamB] }), MODULES, now);
    await assignModule(t.db, admin, input({ moduleId: 'feedback-loops', userIds: [people.a1!] }), MODULES, now);
  });

  it('lists a learner their own, a team its members and each actor what they may see', async () => {
    expect((await assignmentsForLearner(t.db, people.a1!)).map((a) => a.moduleId).sort()).toEqual(['empathy', 'feedback-loops']);
    expect((await assignmentsForTeams(t.db, [teamB])).map((a) => a.person.displayName)).toEqual(['b1']);
    const forManager = await assignmentsVisibleTo(t.db, managerA);
    expect(new Set(forManager.map((a) => a.person.teamName))).toEqual(new Set(['Alpha']));
    expect(forManager).toHaveLength(3);
    expect(await assignmentsVisibleTo(t.db, admin)).toHaveLength(4);
    expect(await assignmentsVisibleTo(t.db, learner)).toEqual([]);
  });

  it('lets a manager remove their teams’ assignments only', async () => {
    const [ofB] = await assignmentsForTeams(t.db, [teamB]);
    expect(await removeAssignment(t.db, managerA, ofB!.id)).toBe(false);
    expect(await removeAssignment(t.db, learner, ofB!.id)).toBe(false);
    expect(await assignmentsForTeams(t.db, [teamB])).toHaveLength(1);
    const [ofA] = await assignmentsForTeams(t.db, [teamA]);
    expect(await removeAssignment(t.db, managerA, ofA!.id)).toBe(true);
    expect(await removeAssignment(t.db, managerA, ofA!.id)).toBe(false);
    expect(await removeAssignment(t.db, admin, ofB!.id)).toBe(true);
    expect(await rows()).toHaveLength(2);
  });
});

describe('facts of many learners', () => {
  it('match the facts read one learner at a time', async () => {
    await recordCompleted(t.db, people.a1!, 'empathy', 'what-empathy-looks-like', 'v1', now);
    const many = await learnerFactsMany(t.db, [people.a1!, people.b1!, people.a1!]);
    expect([...many.keys()]).toEqual([people.a1, people.b1]);
    expect(many.get(people.a1!)).toEqual(await learnerFacts(t.db, people.a1!));
    expect(many.get(people.b1!)).toEqual(await learnerFacts(t.db, people.b1!));
  });
});

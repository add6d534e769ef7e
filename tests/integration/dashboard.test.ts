// The dashboard's aggregations over a real libSQL file, checked against figures worked out by hand
// for a small team, plus the visibility rules and the shape of the queries (indexed, not per person).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drizzle } from 'drizzle-orm/libsql';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { fixtureCourse } from '../helpers/course-fixture.ts';
import * as schema from '../../src/lib/server/db/schema.ts';
import { assignments, lessonProgress, quizAttempts, scenarioRuns } from '../../src/lib/server/db/schema.ts';
import type { Db } from '../../src/lib/server/db/db.ts';
import { createUser, setActive } from '../../src/lib/server/people/users.ts';
import { addManager, ensureTeam } from '../../src/lib/server/people/teams.ts';
import { teamDashboard, visiblePerson, visibleTeam, visibleTeams } from '../../src/lib/server/insight/dashboard.ts';
import { personDetail, teamQuizResults } from '../../src/lib/server/insight/dashboard-person.ts';
import type { CourseFacts } from '../../src/lib/insight/course.ts';

const now = new Date(Date.UTC(2026, 10, 20, 12));
const day = 86_400_000;
const course: CourseFacts = { modules: fixtureCourse(), best: new Map([['listen-talk', { empathy: 6, respect: 3 }]]) };

let t: TestDb;
const id: Record<string, string> = {};
let alpha: string;
let beta: string;

async function person(name: string, teamId: string | null, role: 'learner' | 'admin' = 'learner') {
  id[name] = (await createUser(t.db, { email: `${name}@example.com`, displayName: name, role, teamId })).id;
  return id[name]!;
}
async function lesson(who: string, moduleId: string, lessonId: string, completed: boolean) {
  const at = new Date(now.getTime() - 5 * day);
  await t.db
    .insert(lessonProgress)
    .values({ userId: id[who]!, moduleId, lessonId, firstOpenedAt: at, lastOpenedAt: at, completedAt: completed ? at : null });
}
let n = 0;
async function attempt(who: string, quizId: string, percent: number | null, passed: boolean | null) {
  const at = new Date(now.getTime() - 4 * day + n++ * 1000);
  await t.db.insert(quizAttempts).values({
    id: `a${n}`,
    userId: id[who]!,
    quizId,
    plan: '{}',
    status: percent === null ? 'open' : 'submitted',
    startedAt: at,
    submittedAt: percent === null ? null : at,
    percent,
    passed,
  });
}
async function run(
  who: string,
  status: 'active' | 'finished' | 'abandoned',
  totals: Record<string, number>,
  outcome: 'strong' | 'poor' = 'strong',
) {
  const at = new Date(now.getTime() - 3 * day + n++ * 1000);
  await t.db.insert(scenarioRuns).values({
    id: `r${n}`,
    userId: id[who]!,
    scenarioId: 'listen-talk',
    status,
    totals: JSON.stringify(totals),
    outcome: status === 'finished' ? outcome : null,
    startedAt: at,
    updatedAt: at,
    finishedAt: status === 'finished' ? at : null,
  });
}
async function assign(who: string, moduleId: string, dueInDays: number) {
  const at = new Date(now.getTime() + dueInDays * day);
  await t.db
    .insert(assignments)
    .values({ id: `as${n++}`, userId: id[who]!, moduleId, dueAt: at, createdAt: now, updatedAt: now });
}

beforeAll(async () => {
  t = await freshDb();
  alpha = (await ensureTeam(t.db, 'Alpha')).id;
  beta = (await ensureTeam(t.db, 'Beta')).id;
  await addManager(t.db, alpha, await person('mia', null));
  await person('ada', null, 'admin');
  await person('nobody', null);
  for (const name of ['ann', 'bob', 'cy', 'dee']) await person(name, alpha);
  await person('eve', beta);
  await setActive(t.db, id.dee!, false);

  // ann: everything in both modules (the draft lesson's completion changes nothing).
  for (const l of ['l1', 'l2', 'draft']) await lesson('ann', 'listen', l, true);
  await lesson('ann', 'respect', 'r1', true);
  await attempt('ann', 'listen-quiz', 50, false);
  await attempt('ann', 'listen-quiz', 90, true);
  await attempt('ann', 'listen-quiz', null, null); // open: not a result
  await attempt('ann', 'listen-check', 100, null); // a knowledge check: not an end-of-module quiz
  await run('ann', 'finished', { empathy: 4, respect: 2 });
  // Practice that stays ann's own (decision 010): a replay played badly on purpose, a run left halfway.
  await run('ann', 'finished', { empathy: -3, respect: -2 }, 'poor');
  await run('ann', 'abandoned', { empathy: -1 });
  // bob: opened one lesson, failed the quiz, role-play still going; listen overdue, respect due later.
  await lesson('bob', 'listen', 'l1', false);
  await attempt('bob', 'listen-quiz', 40, false);
  await run('bob', 'active', { empathy: 1 });
  await assign('bob', 'listen', -1);
  await assign('bob', 'respect', 1);
  // cy: finished the role-play only; respect overdue; a lesson of a draft module does not count.
  await run('cy', 'finished', { empathy: -1, respect: 1 });
  await lesson('cy', 'hidden', 'h1', true);
  await assign('cy', 'respect', -1);
  // dee (deactivated) and eve (other team) have results that must not reach Alpha's figures.
  for (const who of ['dee', 'eve']) {
    for (const l of ['l1', 'l2']) await lesson(who, 'listen', l, true);
    await attempt(who, 'listen-quiz', 100, true);
    await run(who, 'finished', { empathy: 6, respect: 3 });
  }
});
afterAll(() => t.close());

describe('team figures', () => {
  it('builds the matrix by the progress rules, with overdue assignments', async () => {
    const { matrix } = await teamDashboard(t.db, alpha, course, now);
    expect(matrix.rows.map((r) => [r.person.displayName, ...r.cells.map((c) => `${c.status} ${c.done}/${c.total}`)])).toEqual([
      ['ann', 'completed 4/4', 'completed 1/1'],
      ['bob', 'overdue 0/4', 'not-started 0/1'],
      ['cy', 'in-progress 1/4', 'overdue 0/1'],
    ]);
    expect(matrix.rows[1]!.cells[0]!.progress).toBe('in-progress');
    expect(matrix.rows[1]!.cells[1]!.dueAt).toEqual(new Date(now.getTime() + day));
  });

  it('computes completion, quiz and skill figures of active members only', async () => {
    const d = await teamDashboard(t.db, alpha, course, now);
    expect(d.summary).toMatchObject({ people: 3, cells: 6, completed: 2, completionRate: 33 });
    expect(d.summary.counts).toEqual({ completed: 2, 'in-progress': 1, overdue: 2, 'not-started': 1 });
    expect(d.summary.modules.map((m) => m.completionRate)).toEqual([33, 33]);
    // Best scores 90 (ann, after 50) and 40 (bob): mean 65; 1 of 2 people passed. Retakes are not counted.
    expect(d.quizzes).toEqual([
      expect.objectContaining({ quizId: 'listen-quiz', people: 2, passedPeople: 1, averagePercent: 65, passRate: 50 }),
    ]);
    expect(d.quizzes[0]).not.toHaveProperty('attempts');
    // Best finished runs of ann {4, 2} (not her poor replay) and cy {-1, 1}; best per run {6, 3}.
    expect(d.skills).toEqual([
      { skill: 'empathy', label: 'Empathy', runs: 2, averagePoints: 1.5, percentOfBest: 25 },
      { skill: 'respect', label: 'Respect', runs: 2, averagePoints: 1.5, percentOfBest: 50 },
    ]);
  });

  it('shows one learner in detail with the same status as the matrix', async () => {
    const bob = (await visiblePerson(t.db, { id: id.mia!, role: 'learner', manages: true }, id.bob!))!;
    const detail = await personDetail(t.db, bob, course, now);
    expect(detail.cells.map((c) => c.status)).toEqual(['overdue', 'not-started']);
    expect(detail.lessons.map((l) => l.lessonId)).toEqual(['l1']);
    expect(detail.quizzes.map((q) => [q.quizId, q.percent, q.passed])).toEqual([['listen-quiz', 40, false]]);
    // A run still going is the learner's own until it ends.
    expect(detail.runs).toEqual([]);
    expect(detail.skills).toEqual([]);
  });

  it("shows the best graded result and best finished run only, never a learner's practice", async () => {
    const ann = await personDetail(t.db, (await visiblePerson(t.db, { id: id.ada!, role: 'admin' }, id.ann!))!, course, now);
    // Not the 50 before it, not the open attempt, not the knowledge check.
    expect(ann.quizzes.map((q) => [q.quizId, q.percent, q.passed])).toEqual([['listen-quiz', 90, true]]);
    // Not the poor replay, not the abandoned run.
    expect(ann.runs.map((r) => [r.scenarioId, r.outcome])).toEqual([['listen-talk', 'strong']]);
    expect(ann.skills.map((s) => s.percentOfBest)).toEqual([67, 67]);
  });

  it('exports the best end-of-module quiz result of active members only, by person', async () => {
    const lines = await teamQuizResults(t.db, alpha, ['listen-quiz']);
    expect(lines.map((l) => [l.displayName, l.quizId, l.percent, l.passed])).toEqual([
      ['ann', 'listen-quiz', 90, true],
      ['bob', 'listen-quiz', 40, false],
    ]);
    expect(await teamQuizResults(t.db, alpha, [])).toEqual([]);
  });
});

describe('who sees what', () => {
  it('lists the managed teams for a manager, every team for an admin, none for a learner', async () => {
    expect((await visibleTeams(t.db, { id: id.mia!, role: 'learner', manages: true })).map((x) => [x.name, x.people])).toEqual([
      ['Alpha', 3],
    ]);
    expect((await visibleTeams(t.db, { id: id.ada!, role: 'admin' })).map((x) => [x.name, x.people])).toEqual([
      ['Alpha', 3],
      ['Beta', 1],
    ]);
    expect(await visibleTeams(t.db, { id: id.ann!, role: 'learner' })).toEqual([]);
  });

  it('hides other teams and their people from a manager, alike whether they exist or not', async () => {
    const mia = { id: id.mia!, role: 'learner' as const, manages: true };
    expect(await visibleTeam(t.db, mia, alpha)).toEqual({ id: alpha, name: 'Alpha' });
    expect(await visibleTeam(t.db, mia, beta)).toBeUndefined();
    expect(await visibleTeam(t.db, mia, 'no-such-team')).toBeUndefined();
    expect(await visiblePerson(t.db, mia, id.eve!)).toBeUndefined();
    expect(await visiblePerson(t.db, mia, id.mia!)).toBeUndefined();
    expect((await visiblePerson(t.db, mia, id.dee!))?.active).toBe(false);
    expect(await visiblePerson(t.db, { id: id.ann!, role: 'learner' }, id.bob!)).toBeUndefined();
    expect(await visiblePerson(t.db, { id: id.ada!, role: 'admin' }, id.eve!)).toMatchObject({ team: { name: 'Beta' } });
    expect(await visiblePerson(t.db, { id: id.ada!, role: 'admin' }, id.nobody!)).toBeUndefined();
  });
});

describe('query shape', () => {
  /** The same database with every statement recorded. */
  function recording(): { db: Db; queries: { sql: string; params: unknown[] }[] } {
    const queries: { sql: string; params: unknown[] }[] = [];
    const db = drizzle(t.db.$client, { schema, logger: { logQuery: (sql, params) => queries.push({ sql, params }) } }) as Db;
    return { db, queries };
  }

  it('uses a fixed number of queries, however many people the team has', async () => {
    const small = recording();
    await teamDashboard(small.db, alpha, course, now);
    const big = await ensureTeam(t.db, 'Big');
    for (let i = 0; i < 30; i++) {
      await person(`big${i}`, big.id);
      await lesson(`big${i}`, 'listen', 'l1', i % 2 === 0);
    }
    const large = recording();
    const d = await teamDashboard(large.db, big.id, course, now);
    expect(d.summary.people).toBe(30);
    expect(large.queries).toHaveLength(small.queries.length);
    expect(small.queries.length).toBeLessThanOrEqual(6);
  });

  it('reaches every fact table through an index that starts with the person', async () => {
    const { db, queries } = recording();
    await teamDashboard(db, alpha, course, now);
    await personDetail(db, { id: id.ann!, displayName: 'ann', email: 'ann@example.com' }, course, now);
    await teamQuizResults(db, alpha, ['listen-quiz']);
    let checked = 0;
    for (const q of queries) {
      const plan = await t.db.$client.execute({ sql: `explain query plan ${q.sql}`, args: q.params as never[] });
      const steps = plan.rows.map((r) => String(r.detail));
      // Each fact table is read per person: through an index whose first column is user_id.
      const facts = steps.filter((s) => /\b(lesson_progress|quiz_attempts|scenario_runs|assignments)\b/.test(s));
      for (const step of facts) expect(step, q.sql).toMatch(/^SEARCH \w+ USING (COVERING )?INDEX \w+ \(user_id=\?/);
      checked += facts.length;
      // People are found by team or by id, never by reading every user.
      expect(steps.filter((s) => /^SCAN users\b/.test(s))).toEqual([]);
      if (process.env.SHOW_PLANS) console.log(steps);
    }
    // Five team queries, eight for the person and one for the export read fact tables.
    expect(checked).toBe(14);
  });
});

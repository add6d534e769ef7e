// The plain-SQL store of the write paths (src/lib/server/db/store.ts) against a real libSQL file: the
// native store's group commit (batches of one event-loop turn commit together, each in its own
// savepoint), and the same decisions through the client store that serves a remote database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { count } from '../helpers/learners.ts';
import { createUser } from '../../src/lib/server/people/users.ts';
import { clientStore, nativeStore, type Statement } from '../../src/lib/server/db/store.ts';
import { choose, findRun, loadState, startRun, type ScenarioWithId } from '../../src/lib/server/learning/scenario-runs.ts';
import { openAttempt, storedResult, submitAttempt, type QuizWithId } from '../../src/lib/server/learning/quiz-attempts.ts';
import { scenarioSchema } from '../../src/schemas/scenario.ts';
import { quizSchema } from '../../src/schemas/quiz.ts';
import { bestPossible } from '../../src/lib/scenario/index.ts';
import type { AttemptPlan } from '../../src/lib/quiz/index.ts';

const content = (path: string) => parse(readFileSync(new URL(`../../content/${path}`, import.meta.url), 'utf8'));
const scenario: ScenarioWithId = {
  ...scenarioSchema.parse(content('scenarios/the-assembly-drawings.yaml')),
  id: 'the-assembly-drawings',
};
const quiz: QuizWithId = { ...quizSchema.parse(content('quizzes/empathy-check-1.yaml')), id: 'empathy-check-1' };

let t: TestDb;
let userId: string;
beforeAll(async () => {
  t = await freshDb();
  userId = (await createUser(t.db, { email: 'store@example.com', displayName: 'Sol', role: 'learner' })).id;
});
afterAll(() => t.close());

const note = (id: string, userRef = userId): Statement => ({
  sql: 'insert into scenario_runs (id, user_id, scenario_id, status, started_at, updated_at) values (?, ?, ?, ?, ?, ?)',
  args: [id, userRef, 'group-commit', 'active', 1, 1],
});

describe('the native store', () => {
  it('commits the batches of one turn together and settles each with its own row counts', async () => {
    const batches = [
      t.store.batch([note('g1'), note('g2')]),
      t.store.batch([note('g3')]),
      t.store.batch([{ sql: "update scenario_runs set status = 'finished' where scenario_id = ?", args: ['group-commit'] }]),
    ];
    // The last batch runs after the first two in the same transaction, so it sees their rows.
    expect(await Promise.all(batches)).toEqual([[1, 1], [1], [3]]);
    // Committed: another connection (drizzle's client) sees them once the promises have settled.
    expect(
      await count(t.db, "select count(*) as n from scenario_runs where scenario_id = 'group-commit' and status = 'finished'"),
    ).toBe(3);
  });

  it('rolls back a failing batch alone; the others in its group still commit', async () => {
    const good = t.store.batch([note('h1')]);
    // A run for a user who does not exist breaks the foreign key, after its first statement succeeded.
    const bad = t.store.batch([note('h2'), note('h3', 'no-such-user')]);
    const alsoGood = t.store.batch([note('h4')]);
    const [a, b, c] = await Promise.allSettled([good, bad, alsoGood]);
    expect(a).toEqual({ status: 'fulfilled', value: [1] });
    expect(b.status).toBe('rejected');
    expect(String((b as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/i);
    expect(c).toEqual({ status: 'fulfilled', value: [1] });
    const ids = await t.db.$client.execute("select id from scenario_runs where id like 'h%' order by id");
    expect(ids.rows.map((r) => r.id)).toEqual(['h1', 'h4']);
  });

  it('commits what is queued before it closes', async () => {
    const second = nativeStore(join(t.dir, 'test.db'), { busyTimeoutMs: 5000, synchronous: 'normal' });
    const pending = second.batch([note('c1')]);
    second.close();
    expect(await pending).toEqual([1]);
    expect(await count(t.db, "select count(*) as n from scenario_runs where id = 'c1'")).toBe(1);
  });
});

describe('the client store (the remote-database path) takes the same decisions', () => {
  const remote = () => clientStore(t.db.$client);

  it('plays a role-play to its ending and records each step once', async () => {
    const run = await startRun(t.db, userId, scenario, { fresh: true });
    const { path, endingId } = bestPossible(scenario);
    for (const step of path) {
      const [once, twice] = await Promise.all([
        choose(remote(), userId, scenario, run.id, step),
        choose(remote(), userId, scenario, run.id, step),
      ]);
      expect(once.ok && twice.ok).toBe(true);
    }
    const stored = await findRun(remote(), userId, run.id);
    expect(stored).toMatchObject({ status: 'finished', endingId, outcome: 'strong', nodeId: null });
    expect(stored?.finishedAt).toBeInstanceOf(Date);
    expect((await loadState(t.store, stored!)).steps).toEqual(path);
  });

  it('grades and stores a quiz submission once', async () => {
    const opened = await openAttempt(t.db, userId, quiz);
    if (!opened.ok) throw new Error(opened.message);
    const plan = opened.plan as AttemptPlan;
    // empathy-check-1 has choice questions only: the first option answers each.
    const entries: [string, string][] = plan.questions.map((q) => [`q:${q.id}`, q.order[0]!]);
    const first = await submitAttempt(remote(), userId, quiz, opened.attempt.id, entries, null);
    const again = await submitAttempt(remote(), userId, quiz, opened.attempt.id, entries, null);
    expect([first, again]).toEqual([
      { ok: true, attemptId: opened.attempt.id, duplicate: false, passed: null },
      { ok: true, attemptId: opened.attempt.id, duplicate: true, passed: null },
    ]);
    const result = await storedResult(t.db, userId, quiz, opened.attempt.id, null);
    expect(result.ok && result.result.questions).toHaveLength(plan.questions.length);
    expect(result.ok && result.attempt.passed).toBeNull();
  });
});

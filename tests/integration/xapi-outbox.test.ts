// The outbox on the real write paths, with xAPI configured: each learning record queues its statements in
// the same batch, once, with ids derived from the record, and every queued statement is valid xAPI.
import validate from '@learninglocker/xapi-validation';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { createUser } from '../../src/lib/server/people/users.ts';
import { clientStore } from '../../src/lib/server/db/store.ts';
import { recordCompleted, recordOpened } from '../../src/lib/server/learning/progress.ts';
import { choose, startRun, type ScenarioWithId } from '../../src/lib/server/learning/scenario-runs.ts';
import { openAttempt, submitAttempt, type QuizWithId } from '../../src/lib/server/learning/quiz-attempts.ts';
import { scenarioSchema } from '../../src/schemas/scenario.ts';
import { quizSchema } from '../../src/schemas/quiz.ts';
import { bestPossible } from '../../src/lib/scenario/index.ts';
import { noteDebriefViewed } from '../../src/lib/server/learning/debrief-views.ts';
import { findRun } from '../../src/lib/server/learning/scenario-runs.ts';
import { assignModule, removeAssignment } from '../../src/lib/server/people/assignments.ts';
import { redateAssignment, restoreAssignment } from '../../src/lib/server/people/assignment-changes.ts';
import { insertCertificate } from '../../src/lib/server/certificates/certificates.ts';

const content = (path: string) => parse(readFileSync(new URL(`../../content/${path}`, import.meta.url), 'utf8'));
const scenario: ScenarioWithId = {
  ...scenarioSchema.parse(content('scenarios/the-assembly-drawings.yaml')),
  id: 'the-assembly-drawings',
};
const quiz: QuizWithId = { ...quizSchema.parse(content('quizzes/empathy-check-1.yaml')), id: 'empathy-check-1' };

let t: TestDb;
let userId: string;
beforeAll(async () => {
  // Read by config() on first use, which none of the imports makes.
  vi.stubEnv('XAPI_ENDPOINT', 'http://127.0.0.1:9/xapi/');
  vi.stubEnv('PUBLIC_ORIGIN', 'https://learn.example.com');
  t = await freshDb();
  userId = (await createUser(t.db, { email: 'xapi@example.com', displayName: 'Xa', role: 'learner' })).id;
});
afterAll(() => {
  t.close();
  vi.unstubAllEnvs();
});

interface Queued {
  id: string;
  verb: string;
  statement: Record<string, unknown>;
}
async function queued(): Promise<Queued[]> {
  const rows = (await t.db.$client.execute('select id, statement from xapi_outbox order by rowid')).rows;
  return rows.map((r) => {
    const statement = JSON.parse(String(r.statement));
    return { id: String(r.id), verb: statement.verb.display.en, statement };
  });
}
const verbsSince = async (before: number) => (await queued()).slice(before).map((q) => q.verb);

describe('the xAPI outbox', () => {
  it('queues an opening, not a re-opening within the minute, and the first completion only', async () => {
    const at = new Date('2026-11-30T09:00:00Z');
    await recordOpened(t.db, userId, 'listening', 'reflect-back', at);
    await recordOpened(t.db, userId, 'listening', 'reflect-back', new Date(at.getTime() + 10_000));
    await recordOpened(t.db, userId, 'listening', 'reflect-back', new Date(at.getTime() + 120_000));
    expect(await recordCompleted(t.db, userId, 'listening', 'reflect-back', 'v1', new Date(at.getTime() + 130_000))).toBe(true);
    expect(await recordCompleted(t.db, userId, 'listening', 'reflect-back', 'v1', new Date(at.getTime() + 140_000))).toBe(false);
    expect(await verbsSince(0)).toEqual(['experienced', 'experienced', 'completed']);
  });

  it('queues attempted, one answered per question and the result, once for a double submit', async () => {
    const before = (await queued()).length;
    const opened = await openAttempt(t.db, userId, quiz);
    if (!opened.ok) throw new Error(opened.message);
    const entries: [string, string][] = opened.plan.questions.map((q) => [`q:${q.id}`, q.order[0]!]);
    const store = clientStore(t.db.$client);
    const both = await Promise.all([
      submitAttempt(t.store, userId, quiz, opened.attempt.id, entries, 70),
      submitAttempt(store, userId, quiz, opened.attempt.id, entries, 70),
    ]);
    expect(both.filter((r) => r.ok && !r.duplicate)).toHaveLength(1);
    const verbs = await verbsSince(before);
    const result = both.find((r) => r.ok && !r.duplicate);
    expect(verbs).toEqual([
      'attempted',
      ...opened.plan.questions.map(() => 'answered'),
      result?.ok && result.passed ? 'passed' : 'failed',
    ]);
  });

  it('queues the launch, each decision once (two tabs sending the same step), and the ending', async () => {
    const before = (await queued()).length;
    const run = await startRun(t.db, userId, scenario, { fresh: true });
    const { path } = bestPossible(scenario);
    for (const step of path)
      await Promise.all([choose(t.store, userId, scenario, run.id, step), choose(t.store, userId, scenario, run.id, step)]);
    const rows = (await queued()).slice(before);
    expect(rows.map((r) => r.verb)).toEqual(['launched', ...path.map(() => 'responded'), 'completed']);
    const decisions = rows.filter((r) => r.verb === 'responded').map((r) => r.statement.result as { response: string });
    expect(decisions.map((d) => d.response)).toEqual(path.map((s) => s.choiceId));
  });

  it('queues only the decision stored when two tabs send different choices, and no ending the run did not reach', async () => {
    const run = await startRun(t.db, userId, scenario, { fresh: true });
    for (const [nodeId, choiceId] of [
      ['opening', 'go-and-see'],
      ['at-the-line', 'lecture'],
    ] as const)
      await choose(t.store, userId, scenario, run.id, { nodeId, choiceId });
    const before = (await queued()).length;
    // At "glazed", plain-steps leads on and follow-drawing ends the run; plain-steps commits first and stands.
    const [kept, lost] = await Promise.all([
      choose(t.store, userId, scenario, run.id, { nodeId: 'glazed', choiceId: 'plain-steps' }),
      choose(t.store, userId, scenario, run.id, { nodeId: 'glazed', choiceId: 'follow-drawing' }),
    ]);
    expect([kept.ok, lost.ok]).toEqual([true, false]);
    const rows = (await queued()).slice(before);
    expect(rows.map((r) => [r.verb, (r.statement.result as { response?: string }).response])).toEqual([
      ['responded', 'plain-steps'],
    ]);
  });

  it('queues the debrief view once per run', async () => {
    const run = (await t.db.$client.execute("select id from scenario_runs where status = 'finished' limit 1")).rows[0]!;
    const stored = await findRun(t.store, userId, String(run.id));
    const before = (await queued()).length;
    await noteDebriefViewed(t.store, scenario, stored!);
    await noteDebriefViewed(t.store, scenario, stored!);
    expect(await verbsSince(before)).toEqual(['viewed']);
  });

  it('queues an assignment per person assigned, with the assigner as instructor', async () => {
    const admin = await createUser(t.db, { email: 'xapi-admin@example.com', displayName: 'Ad', role: 'admin' });
    const before = (await queued()).length;
    const due = new Date('2026-12-24T23:00:00Z');
    const result = await assignModule(
      t.db,
      admin,
      { moduleId: 'empathy', teamIds: [], userIds: [userId], dueAt: due },
      new Set(['empathy']),
    );
    expect(result.ok).toBe(true);
    const rows = (await queued()).slice(before);
    expect(rows.map((r) => r.verb)).toEqual(['was assigned']);
    expect(rows[0]!.statement.context).toMatchObject({ instructor: { account: { name: admin.id } } });
  });

  it('queues the module given again for a new due date and for an undone removal, not for a failed undo', async () => {
    const admin = { id: 'x', role: 'admin' as const };
    const [row] = (
      await t.db.$client.execute({ sql: 'select id, module_id, due_at from assignments where user_id = ?', args: [userId] })
    ).rows;
    const adminId = String((await t.db.$client.execute("select id from users where role = 'admin'")).rows[0]!.id);
    const actor = { ...admin, id: adminId };
    const before = (await queued()).length;
    expect(
      await redateAssignment(t.db, actor, String(row!.id), new Date('2027-01-08T23:00:00Z'), new Date('2026-11-01T10:00:00Z')),
    ).toBe(true);
    expect(await removeAssignment(t.db, actor, String(row!.id))).toBe(true);
    const removed = { userId, moduleId: String(row!.module_id), dueAt: new Date('2027-01-08T23:00:00Z'), viaTeamId: null };
    expect(await restoreAssignment(t.db, actor, removed, new Date('2026-11-01T10:01:00Z'))).toBe(true);
    expect(await restoreAssignment(t.db, actor, removed, new Date('2026-11-01T10:02:00Z'))).toBe(false);
    const rows = (await queued()).slice(before);
    expect(rows.map((r) => r.verb)).toEqual(['was assigned', 'was assigned']);
    expect(
      rows.map(
        (r) => (r.statement.context as { extensions: Record<string, string> }).extensions['urn:rapport:xapi:extensions:due-at'],
      ),
    ).toEqual(['2027-01-08T23:00:00.000Z', '2027-01-08T23:00:00.000Z']);
  });

  it('queues a certificate when its insert wins, not when another request issued it first', async () => {
    const path = { id: 'service', title: 'Service', issuer: 'Rapport', version: 'v1', validityMonths: 12 } as never;
    const before = (await queued()).length;
    const user = { id: userId, displayName: 'Xa' };
    expect(await insertCertificate(t.db, user, path, undefined, new Date())).toBeDefined();
    expect(await insertCertificate(t.db, user, path, undefined, new Date())).toBeUndefined();
    expect(await verbsSince(before)).toEqual(['earned']);
  });

  it('holds only valid xAPI statements whose row id is the statement id', async () => {
    const rows = await queued();
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      expect(row.statement.id).toBe(row.id);
      expect(validate(row.statement), row.verb).toEqual([]);
    }
  });
});

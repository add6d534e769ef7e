// Scenario runs against a real libSQL file: scoring, endings, idempotent steps, resume and replay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { eq } from 'drizzle-orm';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { createUser } from '../../src/lib/server/people/users.ts';
import {
  choose,
  finishedScenarioIds,
  loadState,
  runsOf,
  startRun,
  type ScenarioWithId,
} from '../../src/lib/server/learning/scenario-runs.ts';
import { scenarioSchema } from '../../src/schemas/scenario.ts';
import { scenarioSteps } from '../../src/lib/server/db/schema.ts';
import { bestPossible, debrief } from '../../src/lib/scenario/index.ts';

const data = scenarioSchema.parse(
  parse(readFileSync(new URL('../../content/scenarios/the-assembly-drawings.yaml', import.meta.url), 'utf8')),
);
const scenario: ScenarioWithId = { ...data, id: 'the-assembly-drawings' };

let t: TestDb;
let userId: string;
beforeAll(async () => {
  t = await freshDb();
  userId = (await createUser(t.db, { email: 'run@example.com', displayName: 'Rae', role: 'learner' })).id;
});
afterAll(() => t.close());

describe('scenario runs', () => {
  it('plays the strongest path to a strong ending with the best score per skill', async () => {
    const run = await startRun(t.db, userId, scenario);
    const best = bestPossible(scenario);
    for (const step of best.path) expect((await choose(t.store, userId, scenario, run.id, step)).ok).toBe(true);
    const [stored] = await runsOf(t.db, userId, scenario.id);
    expect(stored).toMatchObject({ status: 'finished', endingId: best.endingId, outcome: 'strong' });
    expect(JSON.parse(stored!.totals)).toEqual(best.perSkill);
    const report = debrief(scenario, await loadState(t.store, stored!));
    expect(report?.skills.every((s) => s.score === s.best)).toBe(true);
    expect(report?.path.every((s) => s.stronger === null)).toBe(true);
    expect(await finishedScenarioIds(t.db, userId)).toEqual(new Set([scenario.id]));
  });

  it('counts a step submitted twice (or concurrently) once', async () => {
    const run = await startRun(t.db, userId, scenario, { fresh: true });
    const first = scenario.nodes.find((n) => n.id === scenario.start)!;
    const step = { nodeId: first.id, choiceId: first.choices[0]!.id };
    const results = await Promise.all([
      choose(t.store, userId, scenario, run.id, step),
      choose(t.store, userId, scenario, run.id, step),
      choose(t.store, userId, scenario, run.id, step),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await t.db.select().from(scenarioSteps).where(eq(scenarioSteps.runId, run.id))).toHaveLength(1);
  });

  it('treats an answer to an earlier node (the back button) as stale and changes nothing', async () => {
    const [active] = (await runsOf(t.db, userId, scenario.id)).filter((r) => r.status === 'active');
    const before = await loadState(t.store, active!);
    const first = scenario.nodes.find((n) => n.id === scenario.start)!;
    const other = await choose(t.store, userId, scenario, active!.id, { nodeId: first.id, choiceId: first.choices[1]!.id });
    expect(other).toEqual({ ok: false, reason: 'stale' });
    expect(await loadState(t.store, active!)).toEqual(before);
  });

  it('resumes the run in progress and abandons it on replay', async () => {
    const [active] = (await runsOf(t.db, userId, scenario.id)).filter((r) => r.status === 'active');
    expect((await startRun(t.db, userId, scenario)).id).toBe(active!.id);
    const fresh = await startRun(t.db, userId, scenario, { fresh: true });
    expect(fresh.id).not.toBe(active!.id);
    const statuses = (await runsOf(t.db, userId, scenario.id)).map((r) => r.status).sort();
    expect(statuses).toEqual(['abandoned', 'active', 'finished']);
  });

  it('refuses another learner’s run and unknown choices', async () => {
    const [active] = (await runsOf(t.db, userId, scenario.id)).filter((r) => r.status === 'active');
    const other = (await createUser(t.db, { email: 'other-run@example.com', displayName: 'O', role: 'learner' })).id;
    const node = scenario.nodes.find((n) => n.id === active!.nodeId)!;
    expect(await choose(t.store, other, scenario, active!.id, { nodeId: node.id, choiceId: node.choices[0]!.id })).toEqual({
      ok: false,
      reason: 'no-run',
    });
    expect(await choose(t.store, userId, scenario, active!.id, { nodeId: node.id, choiceId: 'made-up' })).toEqual({
      ok: false,
      reason: 'unknown-choice',
    });
  });
});

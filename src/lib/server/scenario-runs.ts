/**
 * Scenario runs held on the server. Each decision is a row keyed (run, step index), so a step
 * submitted twice, a refresh after POST or two tabs can never record a decision twice; the engine's
 * rules decide what a resubmission means (duplicate, stale, finished).
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from './db.ts';
import { scenarioRuns, scenarioSteps } from './schema.ts';
import { randomId } from './token.ts';
import { applyChoice, startState, totals, type ApplyResult, type RunState } from '../scenario/index.ts';
import type { Scenario } from '../../schemas/scenario.ts';

export type ScenarioWithId = Scenario & { id: string };
export type RunRow = typeof scenarioRuns.$inferSelect;

export async function loadState(db: Db, run: RunRow): Promise<RunState> {
  const steps = await db
    .select({ nodeId: scenarioSteps.nodeId, choiceId: scenarioSteps.choiceId })
    .from(scenarioSteps)
    .where(eq(scenarioSteps.runId, run.id))
    .orderBy(asc(scenarioSteps.stepIndex));
  return { nodeId: run.nodeId, endingId: run.endingId, steps };
}

export async function runsOf(db: Db, userId: string, scenarioId: string): Promise<RunRow[]> {
  return db
    .select()
    .from(scenarioRuns)
    .where(and(eq(scenarioRuns.userId, userId), eq(scenarioRuns.scenarioId, scenarioId)))
    .orderBy(desc(scenarioRuns.startedAt));
}

export async function findRun(db: Db, userId: string, runId: string): Promise<RunRow | undefined> {
  const [run] = await db
    .select()
    .from(scenarioRuns)
    .where(and(eq(scenarioRuns.id, runId), eq(scenarioRuns.userId, userId)));
  return run;
}

/** The learner's run in progress, or a new one. With `fresh`, abandons any run in progress first (replay). */
export async function startRun(
  db: Db,
  userId: string,
  scenario: ScenarioWithId,
  { fresh = false } = {},
  now = new Date(),
): Promise<RunRow> {
  const active = (await runsOf(db, userId, scenario.id)).find((r) => r.status === 'active');
  if (active && !fresh) return active;
  if (active) await db.update(scenarioRuns).set({ status: 'abandoned', updatedAt: now }).where(eq(scenarioRuns.id, active.id));
  const state = startState(scenario);
  const [run] = await db
    .insert(scenarioRuns)
    .values({
      id: randomId(),
      userId,
      scenarioId: scenario.id,
      status: 'active',
      nodeId: state.nodeId,
      startedAt: now,
      updatedAt: now,
    })
    .returning();
  return run!;
}

export type ChooseResult = ApplyResult | { ok: false; reason: 'no-run' };

/** Records one decision. Safe to call again with the same step: it is stored once. */
export async function choose(
  db: Db,
  userId: string,
  scenario: ScenarioWithId,
  runId: string,
  step: { nodeId: string; choiceId: string },
  now = new Date(),
): Promise<ChooseResult> {
  const run = await findRun(db, userId, runId);
  if (!run || run.scenarioId !== scenario.id || run.status === 'abandoned') return { ok: false, reason: 'no-run' };
  const state = await loadState(db, run);
  const result = applyChoice(scenario, state, step);
  if (!result.ok || result.duplicate) return result;
  const inserted = await db
    .insert(scenarioSteps)
    .values({ runId: run.id, stepIndex: state.steps.length, nodeId: step.nodeId, choiceId: step.choiceId, createdAt: now })
    .onConflictDoNothing()
    .returning({ runId: scenarioSteps.runId });
  if (inserted.length === 0) {
    // Another request recorded this step index first: answer from what is stored now.
    const stored = await findRun(db, userId, runId);
    return stored ? applyChoice(scenario, await loadState(db, stored), step) : { ok: false, reason: 'no-run' };
  }
  const ending = scenario.endings.find((e) => e.id === result.state.endingId);
  await db
    .update(scenarioRuns)
    .set({
      nodeId: result.state.nodeId,
      endingId: result.state.endingId,
      outcome: ending?.outcome ?? null,
      status: ending ? 'finished' : 'active',
      totals: JSON.stringify(totals(scenario, result.state.steps)),
      updatedAt: now,
      finishedAt: ending ? now : null,
    })
    .where(eq(scenarioRuns.id, run.id));
  return result;
}

export async function finishedScenarioIds(db: Db, userId: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ scenarioId: scenarioRuns.scenarioId })
    .from(scenarioRuns)
    .where(and(eq(scenarioRuns.userId, userId), eq(scenarioRuns.status, 'finished')));
  return new Set(rows.map((r) => r.scenarioId));
}

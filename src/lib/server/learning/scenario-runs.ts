/**
 * Scenario runs held on the server. Each decision is a row keyed (run, step index), so a step
 * submitted twice, a refresh after POST or two tabs can never record a decision twice; the engine's
 * rules decide what a resubmission means (duplicate, stale, finished).
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import type { Row } from '../db/fast-read.ts';
import type { Store } from '../db/store.ts';
import { scenarioRuns } from '../db/schema.ts';
import { randomId } from '../auth/token.ts';
import { weakStepCard } from '../review/cards.ts';
import { applyChoice, startState, totals, type ApplyResult, type RunState, type Step } from '../../scenario/index.ts';
import type { Scenario } from '../../../schemas/scenario.ts';
import { decisionMade, endingReached, scenarioLaunched, type RunEvent, type XapiSite } from '../../xapi/index.ts';
import { queueQuery, queueSql } from '../xapi/outbox.ts';
import { recordingSite } from '../xapi/settings.ts';

export type ScenarioWithId = Scenario & { id: string };
export type RunRow = typeof scenarioRuns.$inferSelect;

const RUN =
  'select id, user_id, scenario_id, status, node_id, ending_id, outcome, totals, started_at, updated_at, finished_at ' +
  'from scenario_runs where id = ? and user_id = ?';
const STEPS = 'select node_id, choice_id from scenario_steps where run_id = ? order by step_index';

const at = (value: unknown) => (value == null ? null : new Date(Number(value)));

/** A run as drizzle would return it, from a plain-SQL row. */
function runOf(r: Row): RunRow {
  return {
    id: String(r.id),
    userId: String(r.user_id),
    scenarioId: String(r.scenario_id),
    status: String(r.status) as RunRow['status'],
    nodeId: r.node_id == null ? null : String(r.node_id),
    endingId: r.ending_id == null ? null : String(r.ending_id),
    outcome: r.outcome == null ? null : (String(r.outcome) as RunRow['outcome']),
    totals: String(r.totals),
    startedAt: at(r.started_at)!,
    updatedAt: at(r.updated_at)!,
    finishedAt: at(r.finished_at),
  };
}

export async function loadState(store: Pick<Store, 'all'>, run: RunRow): Promise<RunState> {
  const steps = await store.all(STEPS, [run.id]);
  return {
    nodeId: run.nodeId,
    endingId: run.endingId,
    steps: steps.map((s) => ({ nodeId: String(s.node_id), choiceId: String(s.choice_id) })),
  };
}

export async function runsOf(db: Db, userId: string, scenarioId: string): Promise<RunRow[]> {
  return db
    .select()
    .from(scenarioRuns)
    .where(and(eq(scenarioRuns.userId, userId), eq(scenarioRuns.scenarioId, scenarioId)))
    .orderBy(desc(scenarioRuns.startedAt));
}

/** The learner's own run by id (someone else's is as good as missing). */
export async function findRun(store: Pick<Store, 'all'>, userId: string, runId: string): Promise<RunRow | undefined> {
  const [row] = await store.all(RUN, [runId, userId]);
  return row ? runOf(row) : undefined;
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
  const id = randomId();
  const insert = db
    .insert(scenarioRuns)
    .values({
      id,
      userId,
      scenarioId: scenario.id,
      status: 'active',
      nodeId: state.nodeId,
      startedAt: now,
      updatedAt: now,
    })
    .returning();
  const site = recordingSite();
  const [[run]] = site
    ? await db.batch([insert, db.run(queueQuery(scenarioLaunched(site, runEvent(userId, scenario, id, now)), now))])
    : [await insert];
  return run!;
}

const runEvent = (userId: string, scenario: ScenarioWithId, runId: string, at: Date): RunEvent => ({
  userId,
  scenarioId: scenario.id,
  scenarioTitle: scenario.title,
  runId,
  at,
});

/** The decision at `index` and, when it ends the run, the ending reached. */
function stepStatements(site: XapiSite, event: RunEvent, scenario: ScenarioWithId, index: number, step: Step, state: RunState) {
  const node = scenario.nodes.find((n) => n.id === step.nodeId);
  const choice = node?.choices.find((c) => c.id === step.choiceId);
  const decision = decisionMade(site, event, {
    index,
    nodeId: step.nodeId,
    prompt: node?.text,
    choiceId: step.choiceId,
    choiceIds: node?.choices.map((c) => c.id) ?? [step.choiceId],
    scores: { ...choice?.scores },
  });
  const ending = scenario.endings.find((e) => e.id === state.endingId);
  const reached =
    ending && endingReached(site, event, { endingId: ending.id, outcome: ending.outcome, totals: totals(scenario, state.steps) });
  // Only if this very decision is the one stored at `index` (as MOVE_RUN asks): another request's different
  // decision there has the same statement id, but its ending, if it has one, must not be queued.
  const stored = { sql: STEP_IS, args: [event.runId, index, step.nodeId, step.choiceId] };
  return (reached ? [decision, reached] : [decision]).map((statement) => queueSql(statement, event.at, stored));
}

const STEP_IS = 'exists (select 1 from scenario_steps where run_id = ? and step_index = ? and node_id = ? and choice_id = ?)';

export type ChooseResult = ApplyResult | { ok: false; reason: 'no-run' };

const RECORD_STEP =
  'insert into scenario_steps (run_id, step_index, node_id, choice_id, created_at) values (?, ?, ?, ?, ?) on conflict do nothing';
// The run moves only if the step stored at this index is this very decision. When another request
// stored a different one first, the insert above changed nothing and neither does this; when it
// stored the same one, the run gets the same values it already has.
const MOVE_RUN =
  'update scenario_runs set node_id = ?, ending_id = ?, outcome = ?, status = ?, totals = ?, updated_at = ?, finished_at = ? ' +
  'where id = ? and exists (select 1 from scenario_steps where run_id = ? and step_index = ? and node_id = ? and choice_id = ?)';

/**
 * Records one decision: two reads and one write transaction, in plain SQL on a store (the native one
 * with group commit, or the client's: src/lib/server/db/store.ts). Safe to call again with the same
 * step: it is stored once.
 */
export async function choose(
  store: Store,
  userId: string,
  scenario: ScenarioWithId,
  runId: string,
  step: { nodeId: string; choiceId: string },
  now = new Date(),
): Promise<ChooseResult> {
  const run = await findRun(store, userId, runId);
  if (!run || run.scenarioId !== scenario.id || run.status === 'abandoned') return { ok: false, reason: 'no-run' };
  const state = await loadState(store, run);
  const result = applyChoice(scenario, state, step);
  if (!result.ok || result.duplicate) return result;
  const index = state.steps.length;
  const ending = scenario.endings.find((e) => e.id === result.state.endingId);
  const time = now.getTime();
  const site = recordingSite();
  const statements = site
    ? stepStatements(site, runEvent(userId, scenario, run.id, now), scenario, index, step, result.state)
    : [];
  const [inserted] = await store.batch([
    { sql: RECORD_STEP, args: [run.id, index, step.nodeId, step.choiceId, time] },
    {
      sql: MOVE_RUN,
      args: [
        result.state.nodeId,
        result.state.endingId,
        ending?.outcome ?? null,
        ending ? 'finished' : 'active',
        JSON.stringify(totals(scenario, result.state.steps)),
        time,
        ending ? time : null,
        run.id,
        run.id,
        index,
        step.nodeId,
        step.choiceId,
      ],
    },
    // A decision below the best at its node becomes a review card, only if this very step was stored.
    ...weakStepCard(userId, scenario, run.id, index, step, now),
    ...statements,
  ]);
  if (inserted === 0) {
    // Another request recorded this step index first: answer from what is stored now.
    const stored = await findRun(store, userId, runId);
    return stored ? applyChoice(scenario, await loadState(store, stored), step) : { ok: false, reason: 'no-run' };
  }
  return result;
}

/**
 * Where a role-play step sends the learner (always a 303): the role-play at its next decision, or the
 * debrief once the run has ended. Null when the step is not part of the role-play (a 400).
 */
export function stepLocation(here: string, runId: string, result: ChooseResult): string | null {
  if (result.ok) return result.state.endingId ? `${here}/runs/${runId}` : here;
  if (result.reason === 'stale') return `${here}?notice=moved-on`;
  if (result.reason === 'finished') return `${here}/runs/${runId}`;
  return null;
}

export async function finishedScenarioIds(db: Db, userId: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ scenarioId: scenarioRuns.scenarioId })
    .from(scenarioRuns)
    .where(and(eq(scenarioRuns.userId, userId), eq(scenarioRuns.status, 'finished')));
  return new Set(rows.map((r) => r.scenarioId));
}

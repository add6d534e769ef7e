/**
 * What learners do in a role-play, mapped onto the scenario as it is written now: how often each choice is
 * taken at each node, which endings runs reach, and where runs stop (active runs waiting at a node,
 * abandoned runs left at one). Pure: the counts come from SQL group-bys in src/lib/server/insight/analytics.ts.
 */
import { OUTCOMES, type Outcome, type Scenario } from '../../schemas/scenario.ts';
import { SMALL_SAMPLE } from './item-analysis.ts';

export type RunStatus = 'active' | 'finished' | 'abandoned';

/** Decisions recorded at one node for one choice, from `scenario_steps`. */
export interface ChoiceCount {
  nodeId: string;
  choiceId: string;
  count: number;
}

/** Runs grouped by where they are: `nodeId` for active and abandoned runs, `endingId` for finished ones. */
export interface RunCount {
  status: RunStatus;
  nodeId: string | null;
  endingId: string | null;
  count: number;
}

export interface ChoiceStat {
  id: string;
  text: string;
  /** The node or ending this choice leads to. */
  next: string;
  taken: number;
  /** taken / decisions at the node (0 when nobody decided there yet). */
  share: number;
}

export interface NodeStat {
  id: string;
  speaker: string;
  text: string;
  /** Decisions recorded at this node, from every run (finished, active or abandoned). */
  decisions: number;
  choices: ChoiceStat[];
  /** Active runs waiting for a decision here: learners who stopped at this point and may come back. */
  waiting: number;
  /** Runs replaced by a fresh start while at this node. */
  abandoned: number;
}

export interface EndingStat {
  id: string;
  title: string;
  outcome: Outcome;
  runs: number;
  /** runs / finished runs. */
  share: number;
}

export interface ScenarioAnalysis {
  runs: Record<RunStatus, number> & { total: number };
  nodes: NodeStat[];
  endings: EndingStat[];
  /** Finished runs per outcome of their ending. */
  outcomes: Record<Outcome, number>;
  /** Decisions and runs that point at nodes, choices or endings the scenario no longer has. */
  stale: { decisions: number; runs: number };
  /** Fewer finished runs than SMALL_SAMPLE. */
  smallSample: boolean;
}

const sum = (list: { count: number }[]) => list.reduce((n, x) => n + x.count, 0);

export function analyseScenario(scenario: Scenario, choices: ChoiceCount[], runs: RunCount[]): ScenarioAnalysis {
  const byStatus = (status: RunStatus) => runs.filter((r) => r.status === status);
  const finished = sum(byStatus('finished'));
  const nodes = scenario.nodes.map((node): NodeStat => {
    const here = choices.filter((c) => c.nodeId === node.id);
    const decisions = sum(here.filter((c) => node.choices.some((choice) => choice.id === c.choiceId)));
    return {
      id: node.id,
      speaker: node.speaker,
      text: node.text,
      decisions,
      choices: node.choices.map((choice) => {
        const taken = sum(here.filter((c) => c.choiceId === choice.id));
        return { id: choice.id, text: choice.text, next: choice.next, taken, share: decisions ? taken / decisions : 0 };
      }),
      waiting: sum(byStatus('active').filter((r) => r.nodeId === node.id)),
      abandoned: sum(byStatus('abandoned').filter((r) => r.nodeId === node.id)),
    };
  });
  const endings = scenario.endings.map((e): EndingStat => {
    const reached = sum(byStatus('finished').filter((r) => r.endingId === e.id));
    return { id: e.id, title: e.title, outcome: e.outcome, runs: reached, share: finished ? reached / finished : 0 };
  });
  const outcomes = Object.fromEntries(
    OUTCOMES.map((o) => [o, endings.filter((e) => e.outcome === o).reduce((n, e) => n + e.runs, 0)]),
  ) as Record<Outcome, number>;
  const placed = nodes.reduce((n, node) => n + node.waiting + node.abandoned, 0) + endings.reduce((n, e) => n + e.runs, 0);
  const counted = nodes.reduce((n, node) => n + node.decisions, 0);
  const total = sum(runs);
  return {
    runs: { total, finished, active: sum(byStatus('active')), abandoned: sum(byStatus('abandoned')) },
    nodes,
    endings,
    outcomes,
    stale: { decisions: sum(choices) - counted, runs: total - placed },
    smallSample: finished < SMALL_SAMPLE,
  };
}

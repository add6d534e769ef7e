/**
 * A role-play draft as the studio draws it while it is still being written: the scenario graph
 * (src/lib/scenario/graph.ts, the drawing `npm run scenario:graph` makes) needs nodes, choices and
 * endings, so missing text is read as empty rather than refusing to draw; the problems themselves come
 * from content:check and mark the boxes they concern.
 */
import type { Problem } from '../content/problem.ts';
import { OUTCOMES, type Scenario } from '../../schemas/scenario.ts';
import { drawGraphSvg } from '../scenario/graph.ts';
import { groupProblems, idsOf } from './problems-by.ts';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => !!item && typeof item === 'object') : [];

/** The draft shaped enough to draw, or null when it has no node or ending yet. */
export function drawableScenario(data: Record<string, unknown>): Scenario | null {
  const nodes = list(data.nodes).map((node) => ({
    id: str(node.id),
    speaker: str(node.speaker),
    text: str(node.text),
    choices: list(node.choices).map((choice) => ({
      id: str(choice.id),
      text: str(choice.text),
      reaction: str(choice.reaction),
      feedback: str(choice.feedback),
      scores: {},
      next: str(choice.next),
    })),
  }));
  const endings = list(data.endings).map((ending) => ({
    id: str(ending.id),
    outcome: (OUTCOMES as readonly string[]).includes(str(ending.outcome))
      ? (ending.outcome as Scenario['endings'][number]['outcome'])
      : 'mixed',
    title: str(ending.title),
    debrief: str(ending.debrief),
  }));
  if (nodes.length + endings.length === 0) return null;
  return {
    title: str(data.title),
    module: str(data.module),
    summary: '',
    setting: { you: '', them: '', customer: 'internal', context: '' },
    skills: [],
    start: str(data.start),
    nodes,
    endings,
  } as Scenario;
}

export interface ScenarioProblems {
  nodes: Map<number, Problem[]>;
  endings: Map<number, Problem[]>;
  rest: Problem[];
  /** Ids of the nodes and endings that have a problem, for the drawing. */
  marked: Set<string>;
}

export function scenarioProblems(problems: readonly Problem[], data: Record<string, unknown>): ScenarioProblems {
  const nodeIds = idsOf(data, 'nodes');
  const endingIds = idsOf(data, 'endings');
  const byNode = groupProblems(problems, 'nodes', nodeIds);
  const byEnding = groupProblems(byNode.rest, 'endings', endingIds);
  const marked = new Set<string>();
  for (const at of byNode.byIndex.keys()) if (nodeIds[at]) marked.add(nodeIds[at]!);
  for (const at of byEnding.byIndex.keys()) if (endingIds[at]) marked.add(endingIds[at]!);
  return { nodes: byNode.byIndex, endings: byEnding.byIndex, rest: byEnding.rest, marked };
}

/** The drawing with the problem boxes marked, or null when there is nothing to draw yet. */
export function draftGraphSvg(data: Record<string, unknown>, marked: ReadonlySet<string>): string | null {
  const scenario = drawableScenario(data);
  return scenario ? drawGraphSvg(scenario, 'studio-graph', marked) : null;
}

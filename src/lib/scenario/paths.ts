/**
 * Every path through a scenario, from `start` to an ending, with what it scores and where it really ends (after
 * `requires`). Role-plays are small acyclic graphs, so listing them all is cheap; past `limit` paths the list is
 * a repeatable random sample of walks instead, so a graph that explodes still gets checked.
 */
import type { Choice, Ending, Scenario } from '../../schemas/scenario.ts';
import { seededRandom } from '../quiz/attempt.ts';
import { totals, type SkillTotals, type Step } from './best.ts';
import { resolveEnding } from './endings.ts';
import { nodeMap } from './graph.ts';

export interface ScenarioPath {
  steps: Step[];
  choices: Choice[];
  perSkill: SkillTotals;
  total: number;
  /** The lowest score any choice on the path gives any skill (0 when none is negative). */
  lowest: number;
  /** The ending the last choice names, and the one the run reaches once `requires` are applied. */
  namedEndingId: string;
  ending: Ending | undefined;
}

/** Beyond this many paths, `allPaths` samples instead of listing. */
export const PATH_LIMIT = 20_000;

function describe(s: Scenario, steps: Step[], choices: Choice[]): ScenarioPath {
  const perSkill = totals(s, steps);
  const total = Object.values(perSkill).reduce((a, b) => a + (b ?? 0), 0);
  const lowest = Math.min(0, ...choices.flatMap((c) => s.skills.map((skill) => c.scores[skill] ?? 0)));
  const namedEndingId = choices.at(-1)?.next ?? s.start;
  return { steps, choices, perSkill, total, lowest, namedEndingId, ending: resolveEnding(s, namedEndingId, steps) };
}

function countPaths(s: Scenario): number {
  const nodes = nodeMap(s);
  const memo = new Map<string, number>();
  const count = (id: string, depth: number): number => {
    const node = nodes.get(id);
    if (!node || depth > s.nodes.length) return 1;
    if (!memo.has(id))
      memo.set(
        id,
        node.choices.reduce((sum, c) => sum + count(c.next, depth + 1), 0),
      );
    return memo.get(id)!;
  };
  return count(s.start, 0);
}

/** Every path (or, past `limit`, `limit` random walks seeded by the scenario's title). Expects a valid scenario. */
export function allPaths(s: Scenario, limit = PATH_LIMIT): { paths: ScenarioPath[]; sampled: boolean } {
  const nodes = nodeMap(s);
  if (countPaths(s) > limit) {
    const random = seededRandom(s.title);
    const paths = Array.from({ length: limit }, () => {
      const steps: Step[] = [];
      const choices: Choice[] = [];
      for (let node = nodes.get(s.start); node && steps.length <= s.nodes.length;) {
        const choice = node.choices[Math.floor(random() * node.choices.length)]!;
        steps.push({ nodeId: node.id, choiceId: choice.id });
        choices.push(choice);
        node = nodes.get(choice.next);
      }
      return describe(s, steps, choices);
    });
    return { paths, sampled: true };
  }
  const paths: ScenarioPath[] = [];
  const walk = (id: string, steps: Step[], choices: Choice[]): void => {
    const node = nodes.get(id);
    if (!node || steps.length > s.nodes.length) return void paths.push(describe(s, steps, choices));
    for (const c of node.choices) walk(c.next, [...steps, { nodeId: node.id, choiceId: c.id }], [...choices, c]);
  };
  walk(s.start, [], []);
  return { paths, sampled: false };
}

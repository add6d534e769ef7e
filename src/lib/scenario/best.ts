/**
 * The best a learner can do in a scenario, computed from the graph: the strongest whole path and what it scores
 * in each skill. The debrief measures a run against this path, so the ideal path shows full marks; the lint makes
 * sure no other path beats it in any skill (src/lib/lint/scenario-structure.ts).
 */
import type { Choice, Scenario } from '../../schemas/scenario.ts';
import type { Skill } from '../../schemas/skills.ts';
import { nodeMap } from './graph.ts';

/** One decision: the choice picked at a node. */
export interface Step {
  nodeId: string;
  choiceId: string;
}

/** Points per declared skill of the scenario (every declared skill is present). */
export type SkillTotals = Partial<Record<Skill, number>>;

/** The best a learner can still score from a node, and the choice that gets it. */
export interface BestMove {
  value: number;
  choice: Choice | null;
}

export function findChoice(s: Scenario, step: Step): Choice | undefined {
  return s.nodes.find((n) => n.id === step.nodeId)?.choices.find((c) => c.id === step.choiceId);
}

/** A choice's points over all the scenario's skills. */
export function sumOf(s: Scenario, choice: Choice | undefined): number {
  return s.skills.reduce((sum, skill) => sum + (choice?.scores[skill] ?? 0), 0);
}

/** Points per declared skill earned by these steps. */
export function totals(s: Scenario, steps: readonly Step[]): SkillTotals {
  const sum: SkillTotals = Object.fromEntries(s.skills.map((skill) => [skill, 0]));
  for (const step of steps) {
    // A stored run can outlive an edit to the scenario; a step that no longer exists scores nothing.
    const choice = findChoice(s, step);
    for (const skill of s.skills) sum[skill] = (sum[skill] ?? 0) + (choice?.scores[skill] ?? 0);
  }
  return sum;
}

/** Dynamic programming over the (acyclic) graph: best total from each node; ties go to the first authored choice. */
export function bestFrom(s: Scenario): Map<string, BestMove> {
  const nodes = nodeMap(s);
  const memo = new Map<string, BestMove | 'open'>();
  const valueOf = (id: string): number => {
    const node = nodes.get(id);
    if (!node) return 0; // an ending
    const known = memo.get(id);
    if (known === 'open') throw new Error(`Scenario loops through "${id}": validate it before scoring it.`);
    if (known) return known.value;
    memo.set(id, 'open');
    let best: BestMove = { value: 0, choice: null };
    for (const c of node.choices) {
      const value = sumOf(s, c) + valueOf(c.next);
      if (!best.choice || value > best.value) best = { value, choice: c };
    }
    memo.set(id, best);
    return best.value;
  };
  for (const n of s.nodes) valueOf(n.id);
  return memo as Map<string, BestMove>;
}

export interface BestPossible {
  /** What the best path scores in each declared skill: the "best possible" a debrief shows. */
  perSkill: SkillTotals;
  /** The strongest path: the highest total over all skills (the first authored choice wins a tie). */
  path: Step[];
  /** Where the best path's last choice leads (before any `requires` on that ending is applied). */
  endingId: string;
  total: number;
}

export function bestPossible(s: Scenario): BestPossible {
  const overall = bestFrom(s);
  const path: Step[] = [];
  let id = s.start;
  for (let move = overall.get(id); move?.choice; move = overall.get(id)) {
    path.push({ nodeId: id, choiceId: move.choice.id });
    id = move.choice.next;
  }
  return { perSkill: totals(s, path), path, endingId: id, total: overall.get(s.start)?.value ?? 0 };
}

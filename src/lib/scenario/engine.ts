/**
 * Playing a scenario. A run's whole state is the path taken, so it can be stored as-is, replayed, and compared
 * against a resubmitted form. Every function expects a scenario that passed `validateScenario`.
 */
import type { Choice, Ending, Outcome, Scenario } from '../../schemas/scenario.ts';
import { SKILL_LABELS, type Skill } from '../../schemas/skills.ts';
import { nodeMap } from './graph.ts';

/** One decision: the choice picked at a node. */
export interface Step {
  nodeId: string;
  choiceId: string;
}

export interface RunState {
  /** The node waiting for a choice; null once the run has reached an ending. */
  nodeId: string | null;
  /** The ending reached, or null while the run is under way. */
  endingId: string | null;
  steps: Step[];
}

/** Points per declared skill of the scenario (every declared skill is present). */
export type SkillTotals = Partial<Record<Skill, number>>;

/** What to show after a choice. Exactly one of `nextNodeId` and `endingId` is set. */
export interface StepResult {
  choice: Choice;
  reaction: string;
  feedback: string;
  nextNodeId: string | null;
  endingId: string | null;
}

/** `stale`: the choice is for a node the run has moved past (the back button); nothing changes. */
export type RejectReason = 'finished' | 'stale' | 'unknown-choice' | 'unknown-node';

export type ApplyResult =
  { ok: true; state: RunState; step: StepResult; duplicate: boolean } | { ok: false; reason: RejectReason };

export function startState(s: Scenario): RunState {
  return { nodeId: s.start, endingId: null, steps: [] };
}

function findChoice(s: Scenario, step: Step): Choice | undefined {
  return s.nodes.find((n) => n.id === step.nodeId)?.choices.find((c) => c.id === step.choiceId);
}

function resultOf(s: Scenario, choice: Choice): StepResult {
  const isEnding = s.endings.some((e) => e.id === choice.next);
  if (!isEnding && !s.nodes.some((n) => n.id === choice.next)) {
    throw new Error(`Choice "${choice.id}" leads to unknown "${choice.next}": validate the scenario before playing it.`);
  }
  const { reaction, feedback } = choice;
  return { choice, reaction, feedback, nextNodeId: isEnding ? null : choice.next, endingId: isEnding ? choice.next : null };
}

/**
 * Takes one choice. Resubmitting the last step (a double click, a refresh after POST) succeeds again with
 * `duplicate: true` and the state unchanged, so a step never counts twice.
 */
export function applyChoice(s: Scenario, state: RunState, submitted: Step): ApplyResult {
  const last = state.steps.at(-1);
  if (last && last.nodeId === submitted.nodeId && last.choiceId === submitted.choiceId) {
    const choice = findChoice(s, last);
    if (choice) return { ok: true, state, step: resultOf(s, choice), duplicate: true };
  }
  if (state.nodeId === null) return { ok: false, reason: 'finished' };
  const node = s.nodes.find((n) => n.id === submitted.nodeId);
  if (!node) return { ok: false, reason: 'unknown-node' };
  if (node.id !== state.nodeId) return { ok: false, reason: 'stale' };
  const choice = node.choices.find((c) => c.id === submitted.choiceId);
  if (!choice) return { ok: false, reason: 'unknown-choice' };
  const step = resultOf(s, choice);
  const steps = [...state.steps, { nodeId: node.id, choiceId: choice.id }];
  return { ok: true, state: { nodeId: step.nextNodeId, endingId: step.endingId, steps }, step, duplicate: false };
}

function sumOf(s: Scenario, choice: Choice | undefined): number {
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

/** The best a learner can still score from a node, and the choice that gets it. */
interface BestMove {
  value: number;
  choice: Choice | null;
}

/** Dynamic programming over the (acyclic) graph: best score from each node under `score`; ties go to the first choice. */
function bestFrom(s: Scenario, score: (c: Choice) => number): Map<string, BestMove> {
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
      const value = score(c) + valueOf(c.next);
      if (!best.choice || value > best.value) best = { value, choice: c };
    }
    memo.set(id, best);
    return best.value;
  };
  for (const n of s.nodes) valueOf(n.id);
  return memo as Map<string, BestMove>;
}

export interface BestPossible {
  /** For each declared skill, the most points any path can earn in it (each skill maximised on its own). */
  perSkill: SkillTotals;
  /** The strongest path: the highest total over all skills (the first authored choice wins a tie). */
  path: Step[];
  endingId: string;
  total: number;
}

export function bestPossible(s: Scenario): BestPossible {
  const perSkill: SkillTotals = {};
  for (const skill of s.skills) {
    perSkill[skill] = bestFrom(s, (c) => c.scores[skill] ?? 0).get(s.start)?.value ?? 0;
  }
  const overall = bestFrom(s, (c) => sumOf(s, c));
  const path: Step[] = [];
  let id = s.start;
  for (let move = overall.get(id); move?.choice; move = overall.get(id)) {
    path.push({ nodeId: id, choiceId: move.choice.id });
    id = move.choice.next;
  }
  return { perSkill, path, endingId: id, total: overall.get(s.start)?.value ?? 0 };
}

/** A choice the learner could have made instead, which leads to a higher best-achievable total. */
export interface StrongerChoice {
  choiceId: string;
  text: string;
  feedback: string;
}

export interface DebriefStep {
  nodeId: string;
  speaker: string;
  /** What the other person said at this node. */
  said: string;
  choiceId: string;
  text: string;
  reaction: string;
  feedback: string;
  scores: SkillTotals;
  /** Null when the learner's choice was already (one of) the strongest here. */
  stronger: StrongerChoice | null;
}

export interface Debrief {
  outcome: Outcome;
  ending: Ending;
  skills: { skill: Skill; label: string; score: number; best: number }[];
  path: DebriefStep[];
}

/** The strongest choice at the step's node, if it beats the one taken. */
function strongerThan(s: Scenario, step: Step, overall: Map<string, BestMove>): StrongerChoice | null {
  const node = s.nodes.find((n) => n.id === step.nodeId);
  const worth = (c: Choice): number => sumOf(s, c) + (overall.get(c.next)?.value ?? 0);
  const taken = node?.choices.find((c) => c.id === step.choiceId);
  const best = overall.get(step.nodeId)?.choice;
  if (!taken || !best || worth(best) <= worth(taken)) return null;
  return { choiceId: best.id, text: best.text, feedback: best.feedback };
}

/** What to show at the end of a run; null while the run is still under way. */
export function debrief(s: Scenario, state: RunState): Debrief | null {
  const ending = s.endings.find((e) => e.id === state.endingId);
  if (!ending) return null;
  const scored = totals(s, state.steps);
  const { perSkill } = bestPossible(s);
  const skills = s.skills.map((skill) => ({
    skill,
    label: SKILL_LABELS[skill],
    score: scored[skill] ?? 0,
    best: perSkill[skill] ?? 0,
  }));
  const overall = bestFrom(s, (c) => sumOf(s, c));
  const path = state.steps.flatMap((step): DebriefStep[] => {
    const node = s.nodes.find((n) => n.id === step.nodeId);
    const choice = node?.choices.find((c) => c.id === step.choiceId);
    if (!node || !choice) return [];
    const { text, reaction, feedback, scores } = choice;
    const stronger = strongerThan(s, step, overall);
    return [
      {
        nodeId: node.id,
        speaker: node.speaker,
        said: node.text,
        choiceId: choice.id,
        text,
        reaction,
        feedback,
        scores,
        stronger,
      },
    ];
  });
  return { outcome: ending.outcome, ending, skills, path };
}

/**
 * Playing a scenario. A run's whole state is the path taken, so it can be stored as-is, replayed, and compared
 * against a resubmitted form. Every function expects a scenario that passed `validateScenario`.
 */
import type { Choice, Scenario, ScenarioNode } from '../../schemas/scenario.ts';
import { seededRandom, shuffle } from '../quiz/attempt.ts';
import { findChoice, type Step } from './best.ts';
import { resolveEnding } from './endings.ts';

export { bestPossible, totals } from './best.ts';
export type { BestPossible, SkillTotals, Step } from './best.ts';

export interface RunState {
  /** The node waiting for a choice; null once the run has reached an ending. */
  nodeId: string | null;
  /** The ending reached, or null while the run is under way. */
  endingId: string | null;
  steps: Step[];
}

/** What to show after a choice. Exactly one of `nextNodeId` and `endingId` is set. */
export interface StepResult {
  choice: Choice;
  reaction: string;
  feedback: string;
  nextNodeId: string | null;
  /** The ending the whole path reached: the choice's `next`, or where that ending's `requires` sent the run. */
  endingId: string | null;
}

/** `stale`: the choice is for a node the run has moved past (the back button); nothing changes. */
export type RejectReason = 'finished' | 'stale' | 'unknown-choice' | 'unknown-node';

export type ApplyResult =
  { ok: true; state: RunState; step: StepResult; duplicate: boolean } | { ok: false; reason: RejectReason };

export function startState(s: Scenario): RunState {
  return { nodeId: s.start, endingId: null, steps: [] };
}

/** The result of `choice`, taken as the last of `steps`. */
function resultOf(s: Scenario, choice: Choice, steps: readonly Step[]): StepResult {
  const isEnding = s.endings.some((e) => e.id === choice.next);
  if (!isEnding && !s.nodes.some((n) => n.id === choice.next)) {
    throw new Error(`Choice "${choice.id}" leads to unknown "${choice.next}": validate the scenario before playing it.`);
  }
  const { reaction, feedback } = choice;
  const endingId = isEnding ? (resolveEnding(s, choice.next, steps)?.id ?? choice.next) : null;
  return { choice, reaction, feedback, nextNodeId: isEnding ? null : choice.next, endingId };
}

/**
 * Takes one choice. Resubmitting the last step (a double click, a refresh after POST) succeeds again with
 * `duplicate: true` and the state unchanged, so a step never counts twice.
 */
export function applyChoice(s: Scenario, state: RunState, submitted: Step): ApplyResult {
  const last = state.steps.at(-1);
  if (last && last.nodeId === submitted.nodeId && last.choiceId === submitted.choiceId) {
    const choice = findChoice(s, last);
    if (choice) return { ok: true, state, step: resultOf(s, choice, state.steps), duplicate: true };
  }
  if (state.nodeId === null) return { ok: false, reason: 'finished' };
  const node = s.nodes.find((n) => n.id === submitted.nodeId);
  if (!node) return { ok: false, reason: 'unknown-node' };
  if (node.id !== state.nodeId) return { ok: false, reason: 'stale' };
  const choice = node.choices.find((c) => c.id === submitted.choiceId);
  if (!choice) return { ok: false, reason: 'unknown-choice' };
  const steps = [...state.steps, { nodeId: node.id, choiceId: choice.id }];
  const step = resultOf(s, choice, steps);
  return { ok: true, state: { nodeId: step.nextNodeId, endingId: step.endingId, steps }, step, duplicate: false };
}

/**
 * The node's choices in the order this run shows them: shuffled, derived from the run id and the node id so the
 * order is the same on every load of the page (and with or without JavaScript), yet differs between runs. Like
 * quiz options (src/lib/quiz/attempt.ts), this keeps the authored order from hinting at the best choice.
 */
export function choiceOrder(node: ScenarioNode, runId: string): Choice[] {
  return shuffle(node.choices, seededRandom(`${runId}:${node.id}`));
}

/**
 * What a learner sees at the end of a run: the ending, each skill against what the best whole path scores, and
 * their path choice by choice against the best one: where they left it, and the stronger choice at each step.
 */
import type { Choice, Ending, Outcome, Scenario } from '../../schemas/scenario.ts';
import { SKILL_LABELS, type Skill } from '../../schemas/skills.ts';
import { bestFrom, bestPossible, findChoice, sumOf, totals, type BestMove, type SkillTotals, type Step } from './best.ts';
import type { RunState } from './engine.ts';

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
  /** Whether the path so far, this choice included, is the best path. */
  onBestPath: boolean;
  /** True on the one step where the learner's path left the best path. */
  divergedHere: boolean;
}

/** One step of the best path, to set beside the learner's. */
export interface BestStep {
  nodeId: string;
  speaker: string;
  text: string;
}

/** Why a run whose last choice named a stronger ending ended elsewhere: that ending's `requires` were not met. */
export interface FellShort {
  /** The title of the ending the last choice led toward. */
  title: string;
  /** What that ending required of the path's total, as a percent of the best path's, and what the run earned. */
  minPercent: number | null;
  percent: number;
  /** The text of the first choice on the path that scored below that ending's `noScoreBelow`, if any. */
  harmful: string | null;
}

export interface Debrief {
  outcome: Outcome;
  ending: Ending;
  /** Set when the last choice led toward another ending that the whole path fell short of. */
  fellShort: FellShort | null;
  /** `best` is what the best whole path scores in the skill, so the ideal run shows full marks. */
  skills: { skill: Skill; label: string; score: number; best: number }[];
  path: DebriefStep[];
  bestPath: BestStep[];
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

function bestSteps(s: Scenario, path: readonly Step[]): BestStep[] {
  return path.flatMap((step) => {
    const node = s.nodes.find((n) => n.id === step.nodeId);
    const choice = findChoice(s, step);
    return node && choice ? [{ nodeId: node.id, speaker: node.speaker, text: choice.text }] : [];
  });
}

function fellShortOf(s: Scenario, steps: readonly Step[], reached: Ending, bestTotal: number): FellShort | null {
  const last = steps.at(-1);
  const named = last ? s.endings.find((e) => e.id === findChoice(s, last)?.next) : undefined;
  if (!named?.requires || named.id === reached.id) return null;
  const choices = steps.map((step) => findChoice(s, step));
  const total = choices.reduce((sum, c) => sum + sumOf(s, c), 0);
  const floor = named.requires.noScoreBelow;
  const low = floor === undefined ? undefined : choices.find((c) => c && s.skills.some((k) => (c.scores[k] ?? 0) < floor));
  const percent = bestTotal > 0 ? Math.floor((100 * total) / bestTotal) : 100;
  return { title: named.title, minPercent: named.requires.minPercent ?? null, percent, harmful: low?.text ?? null };
}

/** What to show at the end of a run; null while the run is still under way. */
export function debrief(s: Scenario, state: RunState): Debrief | null {
  const ending = s.endings.find((e) => e.id === state.endingId);
  if (!ending) return null;
  const scored = totals(s, state.steps);
  const best = bestPossible(s);
  const skills = s.skills.map((skill) => ({
    skill,
    label: SKILL_LABELS[skill],
    score: scored[skill] ?? 0,
    best: best.perSkill[skill] ?? 0,
  }));
  const overall = bestFrom(s);
  let onBest = true;
  const path = state.steps.flatMap((step, i): DebriefStep[] => {
    const node = s.nodes.find((n) => n.id === step.nodeId);
    const choice = node?.choices.find((c) => c.id === step.choiceId);
    if (!node || !choice) return [];
    const ideal = best.path[i];
    const wasOnBest = onBest;
    onBest = onBest && ideal?.nodeId === step.nodeId && ideal.choiceId === step.choiceId;
    const { text, reaction, feedback, scores } = choice;
    const stronger = strongerThan(s, step, overall);
    const [speaker, said, nodeId, choiceId] = [node.speaker, node.text, node.id, choice.id];
    return [
      {
        nodeId,
        speaker,
        said,
        choiceId,
        text,
        reaction,
        feedback,
        scores,
        stronger,
        onBestPath: onBest,
        divergedHere: wasOnBest && !onBest,
      },
    ];
  });
  const fellShort = fellShortOf(s, state.steps, ending, best.total);
  return { outcome: ending.outcome, ending, fellShort, skills, path, bestPath: bestSteps(s, best.path) };
}

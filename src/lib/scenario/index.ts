/** Branching role-play scenarios: validation, playing a run, scoring, debrief, paths and drawings for authors. */
export { validateScenario, editDistance } from './validate.ts';
export { applyChoice, bestPossible, choiceOrder, startState, totals } from './engine.ts';
export type { ApplyResult, BestPossible, RejectReason, RunState, SkillTotals, Step, StepResult } from './engine.ts';
export { debrief } from './debrief.ts';
export type { BestStep, Debrief, DebriefStep, FellShort, StrongerChoice } from './debrief.ts';
export { resolveEnding } from './endings.ts';
export { allPaths } from './paths.ts';
export type { ScenarioPath } from './paths.ts';
export { drawGraphSvg, drawGraphText, findCycles, reachableIds } from './graph.ts';
export type { Edge } from './graph.ts';

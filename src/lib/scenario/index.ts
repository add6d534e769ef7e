/** Branching role-play scenarios: validation, playing a run, scoring, debrief and drawings for authors. */
export { validateScenario, editDistance } from './validate.ts';
export { applyChoice, bestPossible, debrief, startState, totals } from './engine.ts';
export type {
  ApplyResult,
  BestPossible,
  Debrief,
  DebriefStep,
  RejectReason,
  RunState,
  SkillTotals,
  Step,
  StepResult,
  StrongerChoice,
} from './engine.ts';
export { drawGraphSvg, drawGraphText, findCycles, reachableIds } from './graph.ts';
export type { Edge } from './graph.ts';

/** Quiz domain logic: checking quiz files, planning attempts, reading answers and grading. Pure, no I/O. */
export { LIMITS, validateQuiz } from './validate.ts';
export { isPlanCurrent, planAttempt, publicView, questionCounts, seededRandom, shuffle } from './attempt.ts';
export type { AttemptPlan, PlannedQuestion, PublicChoice, PublicQuestion } from './attempt.ts';
export { gradeAttempt, parseResponses } from './grade.ts';
export type {
  AttemptResult,
  AttemptTotals,
  ChosenOption,
  ParsedResponses,
  QuestionResult,
  Response,
  ResponseError,
  Responses,
} from './grade.ts';

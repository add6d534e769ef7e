/**
 * Reading a submitted quiz form and grading it. Answers are matched by option and item id, never by position,
 * so the shuffled order a learner saw cannot change the score.
 */
import { LIKERT_LABELS } from '../../schemas/quiz.ts';
import type { ChoiceQuestion, LikertValue, OrderingQuestion, Question, QuestionType, Quiz } from '../../schemas/quiz.ts';
import { findQuestion, type AttemptPlan, type PlannedQuestion } from './attempt.ts';

/** One question's answer, keyed by question id in `Responses`. Ordering item ids are in the learner's order. */
export type Response =
  | { type: 'single' | 'multiple' | 'truefalse'; optionIds: string[] }
  | { type: 'ordering'; itemIds: string[] }
  | { type: 'likert'; value: LikertValue };

export type Responses = Record<string, Response>;

export interface ResponseError {
  /** Absent when the form names a question that is not in the attempt. */
  questionId?: string;
  /** For the learner: what to do next. */
  message: string;
}

export type ParsedResponses = { ok: true; responses: Responses } | { ok: false; errors: ResponseError[] };

const TAMPERED = "doesn't match this question. Reload the page and try again.";

/**
 * Reads the quiz form. Field names:
 * - `q:<questionId>` = option id for single, multiple (the field repeats, once per ticked option) and truefalse;
 * - `q:<questionId>` = 1-5 for likert;
 * - `q:<questionId>:<itemId>` = position 1..n for each item of an ordering question (one select per item works
 *   without JavaScript).
 * Fields not starting with `q:` (tokens, buttons) are ignored, and so are empty values (an untouched select).
 * Every planned question must be answered.
 */
export function parseResponses(plan: AttemptPlan, entries: [string, string][]): ParsedResponses {
  const fields = new Map<string, [string, string][]>(plan.questions.map((q) => [q.id, []]));
  const errors: ResponseError[] = [];
  // One message names the first stray question: a message per stray field would let a crafted post
  // with thousands of them fill the page.
  let stray: string | undefined;
  for (const [name, value] of entries) {
    if (!name.startsWith('q:') || value.trim() === '') continue;
    const [questionId = '', ...rest] = name.slice(2).split(':');
    const list = fields.get(questionId);
    if (list) list.push([rest.join(':'), value.trim()]);
    else stray ??= questionId;
  }
  if (stray !== undefined)
    errors.push({
      message: `The form answers a question ("${stray}") that is not in this attempt. Reload the page and try again.`,
    });
  const responses: Responses = {};
  for (const planned of plan.questions) {
    const parsed = parseOne(planned, fields.get(planned.id) ?? []);
    if (typeof parsed === 'string') errors.push({ questionId: planned.id, message: parsed });
    else responses[planned.id] = parsed;
  }
  return errors.length ? { ok: false, errors } : { ok: true, responses };
}

/** A Response, or the message explaining why the fields don't make one. */
function parseOne(planned: PlannedQuestion, fields: [string, string][]): Response | string {
  if (planned.type === 'ordering') return parseOrdering(planned, fields);
  if (fields.some(([sub]) => sub !== '')) return `The answer ${TAMPERED}`;
  const values = [...new Set(fields.map(([, value]) => value))];
  if (planned.type === 'likert') {
    if (values.length === 0) return 'Choose how often, from Never to Always, before you submit.';
    if (values.length > 1 || !/^[1-5]$/.test(values[0] ?? '')) return 'Choose one value from 1 (Never) to 5 (Always).';
    return { type: 'likert', value: Number(values[0]) as LikertValue };
  }
  if (values.length === 0)
    return planned.type === 'multiple'
      ? 'Choose every option that applies before you submit.'
      : 'Choose an answer before you submit.';
  if (values.length > 1 && planned.type !== 'multiple') return 'Choose only one answer.';
  const unknown = values.find((id) => !planned.order.includes(id));
  if (unknown !== undefined) return `The option "${unknown}" ${TAMPERED}`;
  return { type: planned.type, optionIds: values };
}

function parseOrdering(planned: PlannedQuestion, fields: [string, string][]): Response | string {
  const n = planned.order.length;
  const positions = new Map<string, number>();
  for (const [itemId, value] of fields) {
    if (!planned.order.includes(itemId)) return itemId ? `The item "${itemId}" ${TAMPERED}` : `The answer ${TAMPERED}`;
    const position = /^\d+$/.test(value) ? Number(value) : NaN;
    if (positions.has(itemId) || !(position >= 1 && position <= n)) return `Give each item one position from 1 to ${n}.`;
    positions.set(itemId, position);
  }
  if (positions.size === 0) return 'Put the items in order before you submit.';
  if (positions.size < n) return `Give every item a position from 1 to ${n}.`;
  const used = [...positions.values()];
  const repeated = used.find((p, i) => used.indexOf(p) !== i);
  if (repeated !== undefined) {
    // Say which position is doubled and which is left empty, so the learner knows which select to change.
    const missing = Array.from({ length: n }, (_, i) => i + 1).filter((p) => !used.includes(p));
    const times = used.filter((p) => p === repeated).length;
    return (
      `Position ${repeated} is given to ${times} items and ${missing.length === 1 ? 'position' : 'positions'} ` +
      `${missing.join(', ')} to none: give each item its own position from 1 to ${n}.`
    );
  }
  return { type: 'ordering', itemIds: [...positions].sort((a, b) => a[1] - b[1]).map(([id]) => id) };
}

export interface ChosenOption {
  id: string;
  text: string;
  /** For ordering: whether the item is in its right place. */
  correct: boolean;
  feedback: string;
}

export interface QuestionResult {
  questionId: string;
  type: QuestionType;
  prompt: string;
  /** null for likert, which is not graded. */
  correct: boolean | null;
  points: number;
  maxPoints: number;
  /** Every option the learner chose (for ordering: every item, in the learner's order), with its feedback. */
  chosen: ChosenOption[];
  /** The right options; for ordering, the item ids in the right order; empty for likert. */
  correctOptionIds: string[];
  explanation: string;
  /** Ordering only: how many items the learner put in the right place. */
  inPlace?: number;
  /** Likert only: the value chosen (1 = Never ... 5 = Always) and its label. */
  likert?: { value: LikertValue; label: string };
}

export interface AttemptTotals {
  points: number;
  maxPoints: number;
  /** Whole percent, rounded down so that a score never shows as reaching a pass mark it missed. 100 with nothing graded. */
  percent: number;
  /** percent >= passMark. */
  passed: boolean;
}

export interface AttemptResult {
  questions: QuestionResult[];
  totals: AttemptTotals;
}

/**
 * Grades the planned questions. Scoring:
 * - single and truefalse: 1 point when the chosen option is the correct one;
 * - multiple: all-or-nothing, 1 point only when exactly the correct options are chosen (no more, no fewer);
 * - ordering: 1 point when every item is in the right place; `inPlace` reports how many were;
 * - likert: not graded (0 of 0 points, `correct` null); the value is recorded.
 * Each graded question is worth 1 point, so percent = floor(100 * points / maxPoints), and the attempt passes
 * when percent >= passMark (the module's pass mark). An unanswered question scores 0.
 */
export function gradeAttempt(quiz: Quiz, plan: AttemptPlan, responses: Responses, passMark: number): AttemptResult {
  const questions = plan.questions.map((planned) => gradeQuestion(findQuestion(quiz, planned.id), responses[planned.id]));
  const points = questions.reduce((sum, q) => sum + q.points, 0);
  const maxPoints = questions.reduce((sum, q) => sum + q.maxPoints, 0);
  const percent = maxPoints === 0 ? 100 : Math.floor((points * 100) / maxPoints);
  return { questions, totals: { points, maxPoints, percent, passed: percent >= passMark } };
}

function gradeQuestion(question: Question, response: Response | undefined): QuestionResult {
  const base = { questionId: question.id, type: question.type, prompt: question.prompt, explanation: question.explanation };
  if (question.type === 'likert') {
    const value = response?.type === 'likert' ? response.value : undefined;
    const likert = value ? { likert: { value, label: LIKERT_LABELS[value - 1] ?? '' } } : {};
    return { ...base, correct: null, points: 0, maxPoints: 0, chosen: [], correctOptionIds: [], ...likert };
  }
  const graded = question.type === 'ordering' ? gradeOrdering(question, response) : gradeChoice(question, response);
  return { ...base, ...graded, points: graded.correct ? 1 : 0, maxPoints: 1 };
}

type Graded = Pick<QuestionResult, 'correct' | 'chosen' | 'correctOptionIds' | 'inPlace'>;

function gradeChoice(question: ChoiceQuestion, response: Response | undefined): Graded {
  const chosenIds = new Set(response && 'optionIds' in response ? response.optionIds : []);
  const correctOptionIds = question.options.filter((o) => o.correct).map((o) => o.id);
  const correct = chosenIds.size === correctOptionIds.length && correctOptionIds.every((id) => chosenIds.has(id));
  const chosen = question.options
    .filter((o) => chosenIds.has(o.id))
    .map(({ id, text, correct, feedback }) => ({ id, text, correct, feedback }));
  return { correct, chosen, correctOptionIds };
}

function gradeOrdering(question: OrderingQuestion, response: Response | undefined): Graded {
  const correctOptionIds = question.items.map((item) => item.id);
  const given = response?.type === 'ordering' ? response.itemIds : [];
  const chosen = given.flatMap((id, i) => {
    const item = question.items.find((candidate) => candidate.id === id);
    return item ? [{ id, text: item.text, correct: correctOptionIds[i] === id, feedback: item.feedback }] : [];
  });
  const inPlace = chosen.filter((item) => item.correct).length;
  return { correct: inPlace === correctOptionIds.length && given.length === inPlace, chosen, correctOptionIds, inPlace };
}

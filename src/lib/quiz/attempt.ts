/**
 * Planning an attempt: which questions a learner gets, and in which order they see questions, options and items.
 * The plan is derived from a seed so that it can be stored as plain JSON with the attempt and rebuilt
 * identically on every page load, and it holds ids only, so nothing in it gives the answers away.
 */
import { LIKERT_LABELS } from '../../schemas/quiz.ts';
import type { LikertValue, Question, QuestionType, Quiz } from '../../schemas/quiz.ts';

export interface PlannedQuestion {
  id: string;
  /** Kept in the plan so that form answers can be read without the quiz at hand. */
  type: QuestionType;
  /** Option ids (or item ids for ordering) in the order the learner sees them; empty for likert. */
  order: string[];
}

export interface AttemptPlan {
  questions: PlannedQuestion[];
}

export interface PublicChoice {
  id: string;
  text: string;
}

/** What the browser may see before submitting: no correct flags, no feedback, no explanation. */
export type PublicQuestion =
  | { id: string; type: 'single' | 'multiple' | 'truefalse'; prompt: string; options: PublicChoice[] }
  | { id: string; type: 'ordering'; prompt: string; items: PublicChoice[] }
  | { id: string; type: 'likert'; prompt: string; scale: { value: LikertValue; label: string }[] };

/**
 * Plans an attempt, deterministically from `seed`:
 * - `drawCount` graded questions are drawn at random (all of them when drawCount is unset), in random order;
 * - likert questions are always included, after the graded ones in authored order, because they are a closing
 *   self-assessment and are not scored;
 * - options of single and multiple choice questions are shuffled; true/false keeps the authored order, because
 *   shuffling two fixed labels only slows learners down;
 * - ordering items are shuffled and never shown already in the correct order.
 */
export function planAttempt(quiz: Quiz, seed: string): AttemptPlan {
  const random = seededRandom(seed);
  const graded = quiz.questions.filter((q) => q.type !== 'likert');
  const drawn = shuffle(graded, random).slice(0, quiz.drawCount ?? graded.length);
  const likert = quiz.questions.filter((q) => q.type === 'likert');
  return { questions: [...drawn, ...likert].map((q) => ({ id: q.id, type: q.type, order: plannedOrder(q, random) })) };
}

/**
 * How many questions every attempt shows, as planAttempt draws them: the graded ones (all, or `drawCount`)
 * and every self-assessment. The quiz page's header and the form's "Question 1 of N" both use `total`.
 */
export function questionCounts(quiz: Quiz): { graded: number; selfAssessment: number; total: number } {
  const available = quiz.questions.filter((q) => q.type !== 'likert').length;
  const graded = Math.min(quiz.drawCount ?? available, available);
  const selfAssessment = quiz.questions.length - available;
  return { graded, selfAssessment, total: graded + selfAssessment };
}

function plannedOrder(question: Question, random: () => number): string[] {
  if (question.type === 'likert') return [];
  if (question.type === 'truefalse') return question.options.map((o) => o.id);
  if (question.type !== 'ordering') return shuffle(question.options, random).map((o) => o.id);
  const authored = question.items.map((i) => i.id);
  const order = shuffle(authored, random);
  // Showing the answer as the starting order would give the point away; rotating always changes it.
  return order.every((id, i) => id === authored[i]) ? [...order.slice(1), ...order.slice(0, 1)] : order;
}

/** The questions of `plan` as the learner sees them before submitting. */
export function publicView(quiz: Quiz, plan: AttemptPlan): PublicQuestion[] {
  return plan.questions.map((planned): PublicQuestion => {
    const q = findQuestion(quiz, planned.id);
    if (q.type === 'likert')
      return {
        id: q.id,
        type: q.type,
        prompt: q.prompt,
        scale: LIKERT_LABELS.map((label, i) => ({ value: (i + 1) as LikertValue, label })),
      };
    if (q.type === 'ordering') return { id: q.id, type: q.type, prompt: q.prompt, items: inOrder(q.items, planned.order) };
    return { id: q.id, type: q.type, prompt: q.prompt, options: inOrder(q.options, planned.order) };
  });
}

/**
 * Whether a stored plan still fits the quiz: every planned question exists with the same type and the same
 * options or items. Content can change between starting and submitting an attempt (a deploy); when this is
 * false, start a new attempt rather than calling publicView or gradeAttempt, which throw on a missing question.
 */
export function isPlanCurrent(quiz: Quiz, plan: AttemptPlan): boolean {
  return plan.questions.every((planned) => {
    const q = quiz.questions.find((candidate) => candidate.id === planned.id);
    if (!q || q.type !== planned.type) return false;
    const ids = q.type === 'likert' ? [] : (q.type === 'ordering' ? q.items : q.options).map((o) => o.id);
    return ids.length === planned.order.length && ids.every((id) => planned.order.includes(id));
  });
}

export function findQuestion(quiz: Quiz, id: string): Question {
  const question = quiz.questions.find((q) => q.id === id);
  if (!question) throw new Error(`Quiz "${quiz.title}" has no question "${id}"; check isPlanCurrent before using a stored plan.`);
  return question;
}

/** Only id and text, in the planned order: copying fields one by one is what keeps answers out of the view. */
function inOrder(list: { id: string; text: string }[], order: string[]): PublicChoice[] {
  return order.map((id) => {
    const found = list.find((entry) => entry.id === id);
    if (!found) throw new Error(`The attempt plan names "${id}", which the question no longer has.`);
    return { id: found.id, text: found.text };
  });
}

/** Fisher-Yates on a copy. */
export function shuffle<T>(list: readonly T[], random: () => number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/**
 * A small seeded generator of numbers in [0, 1): the seed string is hashed (FNV-1a, then a final mix so that
 * similar seeds start far apart) into the state of a mulberry32 generator. Not for secrets; only for a fair,
 * repeatable shuffle.
 */
export function seededRandom(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  let state = (h ^ (h >>> 16)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

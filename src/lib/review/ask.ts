/**
 * What a review shows and how its answer is judged. The question (or role-play node) and the order of its
 * options are derived from the card and its step, so the page and its POST agree without storing a plan.
 */
import type { Quiz } from '../../schemas/quiz.ts';
import type { Scenario, ScenarioNode } from '../../schemas/scenario.ts';
import {
  gradeAttempt,
  parseResponses,
  planAttempt,
  publicView,
  type AttemptPlan,
  type PublicQuestion,
  type QuestionResult,
} from '../quiz/index.ts';
import { choiceOrder } from '../scenario/engine.ts';
import { isBestChoice, pickQuestion } from './items.ts';
import { askPractice, type PracticeAsk } from './practice.ts';
import type { PracticePrompt } from '../../schemas/practice.ts';

type QuizWithId = Quiz & { id: string };
export interface CardRef {
  id: string;
  kind: string;
  sourceId: string;
  itemId: string;
  objective: string;
}

export interface QuizAsk {
  kind: 'quiz';
  quiz: QuizWithId;
  /** The quiz narrowed to the one question asked, so the quiz grader serves reviews unchanged. */
  single: Quiz;
  plan: AttemptPlan;
  view: PublicQuestion[];
}
export interface ScenarioAsk {
  kind: 'scenario';
  scenario: Scenario & { id: string };
  node: ScenarioNode;
  choices: ScenarioNode['choices'];
}
export type Ask = QuizAsk | ScenarioAsk | PracticeAsk;

const seedOf = (card: CardRef, step: number) => `${card.id}:${step}`;

/** What to ask for this card at this step; null when its content is gone (the card is then skipped). */
export function askFor(
  card: CardRef,
  step: number,
  quizzes: readonly QuizWithId[],
  scenarios: readonly (Scenario & { id: string })[],
  prompts: readonly (PracticePrompt & { id: string })[] = [],
): Ask | null {
  if (card.kind === 'practice') return askPractice(prompts, card, seedOf(card, step));
  if (card.kind === 'scenario') {
    const scenario = scenarios.find((s) => s.id === card.sourceId);
    const node = scenario?.nodes.find((n) => n.id === card.itemId);
    return scenario && node ? { kind: 'scenario', scenario, node, choices: choiceOrder(node, seedOf(card, step)) } : null;
  }
  const picked = pickQuestion(quizzes, card, seedOf(card, step));
  if (!picked) return null;
  const single: Quiz = { ...picked.quiz, drawCount: undefined, questions: [picked.question] };
  const plan = planAttempt(single, seedOf(card, step));
  return { kind: 'quiz', quiz: picked.quiz, single, plan, view: publicView(single, plan) };
}

export type Judged = { ok: true; askedId: string; answer: unknown; correct: boolean } | { ok: false; message: string };

/** Judges a quiz review's form entries: right when the question is answered right. */
export function judgeQuiz(ask: QuizAsk, entries: [string, string][]): Judged {
  const parsed = parseResponses(ask.plan, entries);
  if (!parsed.ok) return { ok: false, message: parsed.errors[0]?.message ?? 'Answer the question to continue.' };
  const [result] = gradeAttempt(ask.single, ask.plan, parsed.responses, 0).questions;
  const askedId = ask.plan.questions[0]!.id;
  return { ok: true, askedId, answer: parsed.responses[askedId], correct: result?.correct === true };
}

/** Judges a role-play review: right when the choice is (one of) the best at the node. */
export function judgeChoice(ask: ScenarioAsk, choiceId: string): Judged {
  if (!ask.node.choices.some((c) => c.id === choiceId))
    return { ok: false, message: 'That choice is not part of this conversation.' };
  return {
    ok: true,
    askedId: ask.node.id,
    answer: { choiceId },
    correct: isBestChoice(ask.scenario, { nodeId: ask.node.id, choiceId }),
  };
}

/** The graded result of a stored quiz review, to show its feedback. */
export function quizFeedback(ask: QuizAsk, answer: unknown): QuestionResult | undefined {
  const askedId = ask.plan.questions[0]!.id;
  return gradeAttempt(ask.single, ask.plan, { [askedId]: answer as never }, 0).questions[0];
}

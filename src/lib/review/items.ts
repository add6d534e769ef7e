/**
 * What a card asks. An objective is a module's skill (`<module>:<skill>`): the questions of all the module's
 * quizzes whose first skill is that skill form its pool, so a review can ask another question on the same
 * objective instead of the same wording again. A role-play card is a node where the learner chose below the
 * best; its review replays that node. Pure: the caller passes the content.
 */
import type { Question, Quiz } from '../../schemas/quiz.ts';
import type { Choice, Scenario } from '../../schemas/scenario.ts';
import type { Skill } from '../../schemas/skills.ts';
import { seededRandom } from '../quiz/attempt.ts';
import { bestFrom, sumOf, type Step } from '../scenario/best.ts';

type QuizWithId = Quiz & { id: string };
type Graded = Exclude<Question, { type: 'likert' }>;

/** `<module>:<skill>`; a question without skills trains its module in general. */
export function objectiveOf(moduleId: string, skill: Skill | undefined): string {
  return `${moduleId}:${skill ?? 'general'}`;
}

export function questionObjective(quiz: Quiz, question: Question): string {
  return objectiveOf(quiz.module, question.skills?.[0]);
}

/** Every graded question on the objective, across the module's quizzes (quiz module and knowledge checks). */
export function pool(quizzes: readonly QuizWithId[], objective: string): { quiz: QuizWithId; question: Graded }[] {
  return quizzes.flatMap((quiz) =>
    quiz.questions.flatMap((question) =>
      question.type !== 'likert' && questionObjective(quiz, question) === objective ? [{ quiz, question }] : [],
    ),
  );
}

/**
 * The question a review asks: another one from the pool when there is one (picked from `seed`, so the page
 * and its POST agree without storing anything), else the missed question itself. Null when the content is gone.
 */
export function pickQuestion(
  quizzes: readonly QuizWithId[],
  card: { sourceId: string; itemId: string; objective: string },
  seed: string,
): { quiz: QuizWithId; question: Graded } | null {
  const all = pool(quizzes, card.objective);
  const others = all.filter((p) => !(p.quiz.id === card.sourceId && p.question.id === card.itemId));
  if (others.length > 0) return others[Math.floor(seededRandom(seed)() * others.length)]!;
  return all[0] ?? null;
}

/** A choice's worth: its own points plus the best still reachable after it (as the debrief measures). */
function worth(s: Scenario, overall: ReturnType<typeof bestFrom>, c: Choice): number {
  return sumOf(s, c) + (overall.get(c.next)?.value ?? 0);
}

/** Whether the choice at this step is (one of) the best at its node. */
export function isBestChoice(s: Scenario, step: Step): boolean {
  const overall = bestFrom(s);
  const node = s.nodes.find((n) => n.id === step.nodeId);
  const taken = node?.choices.find((c) => c.id === step.choiceId);
  const best = overall.get(step.nodeId)?.choice;
  return !taken || !best || worth(s, overall, taken) >= worth(s, overall, best);
}

/**
 * The skill a weak decision cost most, compared with the best choice at the node: it names the card's
 * objective. Null when the decision was the best (no card).
 */
export function weakDecision(s: Scenario, moduleId: string, step: Step): { objective: string; skill: Skill } | null {
  if (isBestChoice(s, step)) return null;
  const node = s.nodes.find((n) => n.id === step.nodeId)!;
  const taken = node.choices.find((c) => c.id === step.choiceId)!;
  const best = bestFrom(s).get(step.nodeId)!.choice!;
  let skill = s.skills[0]!;
  let gap = -Infinity;
  for (const k of s.skills) {
    const d = (best.scores[k] ?? 0) - (taken.scores[k] ?? 0);
    if (d > gap) [skill, gap] = [k, d];
  }
  return { objective: objectiveOf(moduleId, skill), skill };
}

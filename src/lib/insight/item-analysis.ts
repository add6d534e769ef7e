/**
 * Classical item analysis of a quiz from its submitted attempts: how often each question is answered
 * correctly, how often each option is picked (distractor analysis) and how well the question separates
 * stronger from weaker attempts (discrimination index, upper 27% against lower 27%). Pure: the attempts
 * come in as plain data, read by src/lib/server/insight/analytics.ts. Definitions are documented in docs/insight.md.
 */
import { LIKERT_LABELS, type Question, type QuestionType, type Quiz } from '../../schemas/quiz.ts';
import type { Response } from '../quiz/index.ts';

/** A question at or above this share correct teaches little: almost everyone knows it already. */
export const TOO_EASY = 0.9;
/** A question at or below this share correct is too hard, badly worded or keyed wrongly. */
export const TOO_HARD = 0.3;
/** Below this many answers the figures are shown with a note that they may not mean much yet. */
export const SMALL_SAMPLE = 10;
/** Kelley's 27%: the share of attempts in each of the upper and lower groups. */
export const GROUP_SHARE = 0.27;

export type ItemFlag = 'too-easy' | 'too-hard' | 'distractor-beats-key' | 'backwards';

/** One submitted attempt: its score and its stored answers by question id. */
export interface AttemptData {
  /** Any stable id; only used to order attempts with the same score. */
  id: string;
  /** The attempt's percent (0-100): the total score that ranks attempts into groups. */
  score: number;
  responses: Map<string, { correct: boolean | null; answer: Response }>;
}

/** An option (or ordering item, or likert level) and how many answers chose it. */
export interface OptionStat {
  id: string;
  text: string;
  /** A right answer; for ordering items always true (the count is "put in the right place"). */
  correct: boolean;
  picks: number;
  /** picks / answered; options of a `multiple` question can add up to more than 1. */
  share: number;
}

export interface GroupStat {
  /** Attempts of the group that were asked this question. */
  answered: number;
  correct: number;
}

export interface QuestionStat {
  questionId: string;
  type: QuestionType;
  prompt: string;
  /** Submitted attempts that answered this question (with drawCount, not every attempt gets every question). */
  answered: number;
  correct: number;
  /** correct / answered; null for likert questions and for questions nobody answered. */
  shareCorrect: number | null;
  options: OptionStat[];
  upper: GroupStat;
  lower: GroupStat;
  /** p(upper) - p(lower), from -1 to 1; null when either group has no answer to it, and for likert. */
  discrimination: number | null;
  flags: ItemFlag[];
  smallSample: boolean;
}

export interface QuizAnalysis {
  attempts: number;
  /** Attempts in each of the upper and lower groups. */
  groupSize: number;
  smallSample: boolean;
  questions: QuestionStat[];
}

/** round(27% of n), at least 1, and 0 below two attempts, where there is nothing to compare. */
export function groupSize(attempts: number): number {
  return attempts < 2 ? 0 : Math.max(1, Math.round(GROUP_SHARE * attempts));
}

/** Attempts from lowest to highest score; equal scores are ordered by id so that the groups are repeatable. */
function ranked(attempts: AttemptData[]): AttemptData[] {
  return [...attempts].sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function analyseQuiz(quiz: Quiz, attempts: AttemptData[]): QuizAnalysis {
  const order = ranked(attempts);
  const size = groupSize(order.length);
  const lower = order.slice(0, size);
  const upper = order.slice(order.length - size);
  return {
    attempts: attempts.length,
    groupSize: size,
    smallSample: attempts.length < SMALL_SAMPLE,
    questions: quiz.questions.map((q) => analyseQuestion(q, attempts, upper, lower)),
  };
}

/** The stored answers to `question` whose shape still fits it (a trainer may have changed its type since). */
function answersTo(question: Question, attempts: AttemptData[]) {
  const kind = (t: QuestionType) => (t === 'ordering' || t === 'likert' ? t : 'choice');
  return attempts.flatMap((a) => {
    const r = a.responses.get(question.id);
    return r && kind(r.answer.type) === kind(question.type) ? [r] : [];
  });
}

function groupStat(question: Question, group: AttemptData[]): GroupStat {
  const answers = answersTo(question, group);
  return { answered: answers.length, correct: answers.filter((r) => r.correct === true).length };
}

function analyseQuestion(
  question: Question,
  attempts: AttemptData[],
  upperGroup: AttemptData[],
  lowerGroup: AttemptData[],
): QuestionStat {
  const answers = answersTo(question, attempts);
  const graded = question.type !== 'likert';
  const correct = answers.filter((r) => r.correct === true).length;
  const shareCorrect = graded && answers.length > 0 ? correct / answers.length : null;
  const options = optionStats(
    question,
    answers.map((r) => r.answer),
  );
  const [upper, lower] = [groupStat(question, upperGroup), groupStat(question, lowerGroup)];
  const discrimination =
    graded && upper.answered > 0 && lower.answered > 0 ? upper.correct / upper.answered - lower.correct / lower.answered : null;
  const stat: QuestionStat = {
    questionId: question.id,
    type: question.type,
    prompt: question.prompt,
    answered: answers.length,
    correct: graded ? correct : 0,
    shareCorrect,
    options,
    upper,
    lower,
    discrimination,
    flags: [],
    smallSample: answers.length < SMALL_SAMPLE,
  };
  return { ...stat, flags: flagsFor(stat) };
}

function optionStats(question: Question, answers: Response[]): OptionStat[] {
  const share = (picks: number) => (answers.length ? picks / answers.length : 0);
  if (question.type === 'likert') {
    return LIKERT_LABELS.map((label, i) => {
      const picks = answers.filter((a) => a.type === 'likert' && a.value === i + 1).length;
      return { id: String(i + 1), text: label, correct: false, picks, share: share(picks) };
    });
  }
  if (question.type === 'ordering') {
    return question.items.map((item, place) => {
      const picks = answers.filter((a) => a.type === 'ordering' && a.itemIds[place] === item.id).length;
      return { id: item.id, text: item.text, correct: true, picks, share: share(picks) };
    });
  }
  return question.options.map((o) => {
    const picks = answers.filter((a) => 'optionIds' in a && a.optionIds.includes(o.id)).length;
    return { id: o.id, text: o.text, correct: o.correct, picks, share: share(picks) };
  });
}

/**
 * Flags for a trainer to look at. "distractor-beats-key": a wrong option was picked more often than a right
 * one (for `multiple`, more often than the least-picked right option), which usually means a misleading
 * option, an ambiguous prompt or a wrong key. "backwards": a negative discrimination index, the stronger
 * attempts getting it wrong more often than the weaker ones (the classic sign of a wrong key or a trick
 * question); only once the question has a sample big enough for the groups to mean something.
 */
export function flagsFor(
  stat: Pick<QuestionStat, 'type' | 'shareCorrect' | 'options' | 'discrimination' | 'smallSample'>,
): ItemFlag[] {
  if (stat.shareCorrect === null) return [];
  const flags: ItemFlag[] = [];
  if (stat.shareCorrect >= TOO_EASY) flags.push('too-easy');
  if (stat.shareCorrect <= TOO_HARD) flags.push('too-hard');
  if (stat.type !== 'ordering') {
    const keys = stat.options.filter((o) => o.correct).map((o) => o.picks);
    const weakestKey = keys.length ? Math.min(...keys) : 0;
    if (stat.options.some((o) => !o.correct && o.picks > weakestKey)) flags.push('distractor-beats-key');
  }
  if (stat.discrimination !== null && stat.discrimination < 0 && !stat.smallSample) flags.push('backwards');
  return flags;
}

export const FLAG_LABELS: Record<ItemFlag, string> = {
  'too-easy': `Too easy (${TOO_EASY * 100}% or more correct)`,
  'too-hard': `Too hard (${TOO_HARD * 100}% or less correct)`,
  'distractor-beats-key': 'A wrong option is picked more often than the right one',
  backwards: 'Stronger learners get it wrong more often than weaker ones',
};

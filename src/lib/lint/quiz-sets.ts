/**
 * Lint rules over a whole quiz and over the course: whether length or true/false balance give answers away
 * across many questions, and whether a module quiz's pool and retake rules make a retake a fresh test rather
 * than a memory test.
 */
import type { Question, Quiz } from '../../schemas/quiz.ts';
import type { Problem } from '../content/problem.ts';
import { lengthCase } from './quiz-items.ts';
import { describeShare, pct, shareVerdict } from './share.ts';
import { POOL_FACTOR, RETAKE_REPEAT_MAX, RETAKE_WAIT_MIN_MINUTES, TRUE_SHARE_MAX, TRUE_SHARE_MIN } from './thresholds.ts';

export interface QuizFile {
  file: string;
  id: string;
  quiz: Quiz;
}

const KINDS = [
  ['single', 'single-choice questions whose right option'],
  ['multiple', 'multiple-response questions whose right options'],
] as const;

/** `length-cue-share` for one set of questions (a quiz, or the course), as errors on `file`. */
export function lengthShare(file: string, where: string, questions: readonly Question[]): Problem[] {
  return KINDS.flatMap(([type, noun]) => {
    const cases = questions.flatMap((q) => (q.type === type ? [lengthCase(q)] : []));
    const verdict = shareVerdict(cases);
    if (!verdict.tooHigh) return [];
    const are = type === 'single' ? 'is the strictly longest' : 'are the longest';
    return [
      {
        file,
        path: '',
        severity: 'error' as const,
        rule: 'length-cue-share',
        message: `${where}: ${noun} ${are}: ${describeShare(verdict)}. A learner who picks the longest passes without knowing.`,
        fix: 'Rewrite the questions the length-cue warnings name (or others) so that a wrong option is the longest in more of them.',
      },
    ];
  });
}

/** Whole numbers of "True" answers that keep n questions within the band, or as near 50 % as n allows. */
export function allowedTrueCounts(n: number): number[] {
  const all = Array.from({ length: n + 1 }, (_, t) => t);
  const inBand = all.filter((t) => 100 * t >= TRUE_SHARE_MIN * n && 100 * t <= TRUE_SHARE_MAX * n);
  if (inBand.length || n === 0) return inBand;
  const distance = (t: number) => Math.abs(t - n / 2);
  const nearest = Math.min(...all.map(distance));
  return all.filter((t) => distance(t) === nearest);
}

/** `truefalse-balance`: true/false keeps its authored order, so its answers must not lean one way. */
export function trueFalseBalance(file: string, where: string, questions: readonly Question[]): Problem[] {
  const tf = questions.filter((q) => q.type === 'truefalse');
  const trues = tf.filter((q) => q.options.some((o) => o.id === 'true' && o.correct)).length;
  const allowed = allowedTrueCounts(tf.length);
  if (tf.length === 0 || allowed.includes(trues)) return [];
  const want = allowed.length === 1 ? `${allowed[0]}` : `${allowed[0]} to ${allowed.at(-1)}`;
  return [
    {
      file,
      path: '',
      severity: 'error',
      rule: 'truefalse-balance',
      message: `${where}: ${trues} of ${tf.length} true/false questions are answered "True" (${pct((100 * trues) / tf.length)}); it should be ${want} (${TRUE_SHARE_MIN}-${TRUE_SHARE_MAX} %), or always answering one way pays.`,
      fix: `Rewrite some ${trues * 2 > tf.length ? '"True"' : '"False"'} statements as their opposite (and swap \`correct\`), keeping each a real claim a learner might believe.`,
    },
  ];
}

/** What share of a retake's questions a learner can expect to have seen, after `attempts` earlier attempts. */
export function expectedRepeat(drawn: number, pool: number, attempts: number): number {
  return 1 - (1 - drawn / pool) ** attempts;
}

/** `quiz-pool` and `quiz-retakes` for a module quiz. */
export function poolProblems({ file, quiz }: QuizFile): Problem[] {
  const pool = quiz.questions.filter((q) => q.type !== 'likert').length;
  const drawn = Math.min(quiz.drawCount ?? pool, pool);
  const overlap = `two attempts share ${pct(100 * expectedRepeat(drawn, pool, 1))} of their questions on average`;
  const problems: Problem[] = [];
  if (pool < POOL_FACTOR * drawn) {
    const fix = `Add questions until the pool has at least ${POOL_FACTOR * drawn}, or lower \`drawCount\` to ${Math.floor(pool / POOL_FACTOR)} or less.`;
    const message = `The module quiz draws ${drawn} of ${pool} graded questions; ${overlap}. The pool should be at least ${POOL_FACTOR}x the draw.`;
    problems.push({ file, path: 'drawCount', severity: 'error', rule: 'quiz-pool', message, fix });
  }
  if (quiz.retakeWaitMinutes >= RETAKE_WAIT_MIN_MINUTES) return problems;
  const last = quiz.maxAttempts ? expectedRepeat(drawn, pool, quiz.maxAttempts - 1) : 1;
  if (100 * last <= RETAKE_REPEAT_MAX) return problems;
  const limit = quiz.maxAttempts
    ? `its last allowed attempt (${quiz.maxAttempts}) repeats ${pct(100 * last)} of its questions`
    : 'attempts are unlimited';
  problems.push({
    file,
    path: quiz.maxAttempts ? 'maxAttempts' : 'retakeWaitMinutes',
    severity: 'error',
    rule: 'quiz-retakes',
    message: `The module quiz lets retakes become a memory test: ${overlap}, and ${limit}, with a ${quiz.retakeWaitMinutes}-minute wait.`,
    fix: `Set \`retakeWaitMinutes: ${RETAKE_WAIT_MIN_MINUTES}\` or more, or a \`maxAttempts\` whose last attempt repeats at most ${RETAKE_REPEAT_MAX} % (a bigger pool allows more attempts).`,
  });
  return problems;
}

/** "empathy-quiz draws 7 of 8: two attempts share 88 %", for the summary `npm run content:check` prints. */
export function overlapLine({ id, quiz }: QuizFile): string {
  const pool = quiz.questions.filter((q) => q.type !== 'likert').length;
  const drawn = Math.min(quiz.drawCount ?? pool, pool);
  return `${id} draws ${drawn} of ${pool}: two attempts share ${pct(100 * expectedRepeat(drawn, pool, 1))}`;
}

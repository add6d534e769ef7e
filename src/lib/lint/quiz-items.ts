/**
 * Lint rules for one quiz question: cues that let a test-wise learner find the answer without knowing it (a
 * longer right answer, absolute words only in wrong options, "all of the above", an article that fits one option,
 * a hedge only in the right answer). Each problem names the question id and how to rewrite it.
 */
import type { MultipleQuestion, Option, Question, SingleQuestion } from '../../schemas/quiz.ts';
import type { Finding } from '../content/problem.ts';
import { binomial, visibleLength, type LengthCase } from './share.ts';
import { ABSOLUTE_WORDS, HEDGES, LENGTH_RATIO_WARN } from './thresholds.ts';

type ChoiceQuestion = SingleQuestion | MultipleQuestion;

const at = (q: Question): string => `questions[${q.id}]`;
const split = (q: ChoiceQuestion): [Option[], Option[]] => [
  q.options.filter((o) => o.correct),
  q.options.filter((o) => !o.correct),
];
const mean = (list: number[]): number => list.reduce((a, b) => a + b, 0) / Math.max(1, list.length);
const lengths = (options: Option[]): number[] => options.map((o) => visibleLength(o.text));

/** Whether the right answer(s) are the strictly longest options, and the chance of that by luck. */
export function lengthCase(q: ChoiceQuestion): LengthCase {
  const [keys, distractors] = split(q);
  const longest = Math.min(...lengths(keys)) > Math.max(...lengths(distractors));
  return { longest, chance: 1 / binomial(q.options.length, keys.length) };
}

function lengthCue(q: ChoiceQuestion): Finding[] {
  const [keys, distractors] = split(q);
  const key = q.type === 'single' ? Math.max(...lengths(keys)) : mean(lengths(keys));
  const other = q.type === 'single' ? Math.max(...lengths(distractors)) : mean(lengths(distractors));
  if (key <= LENGTH_RATIO_WARN * other) return [];
  const what =
    q.type === 'single'
      ? `the right option is ${key} characters, ${(key / other).toFixed(1)}x the longest wrong one (${other})`
      : `the right options average ${Math.round(key)} characters, ${(key / other).toFixed(1)}x the wrong ones (${Math.round(other)})`;
  return [
    {
      path: at(q),
      severity: 'warning',
      rule: 'length-cue',
      message: `Question "${q.id}": ${what}, so length alone points to the answer.`,
      fix: `Make the wrong options as full and careful as the right one (each a real misconception), or tighten the right one, to within ${LENGTH_RATIO_WARN}x.`,
    },
  ];
}

const words = (list: readonly string[]) => new RegExp(`\\b(${list.map((w) => w.replace(/ /g, '\\s+')).join('|')})\\b`, 'i');
const ABSOLUTE = words(ABSOLUTE_WORDS);
const HEDGE = words(HEDGES);
const ABOVE = /\b(all|none|both|neither) of the (above|options)\b/i;

/** Whether an option makes an absolute claim ("all of the above" has its own rule). */
const absolute = (o: Option): boolean => ABSOLUTE.test(o.text.replace(ABOVE, ''));

function absoluteWords(q: ChoiceQuestion): Finding[] {
  const [keys, distractors] = split(q);
  const marked = distractors.filter(absolute);
  if (marked.length === 0 || keys.some(absolute)) return [];
  const word = ABSOLUTE.exec(marked[0]!.text.replace(ABOVE, ''))?.[1]?.toLowerCase();
  const ids = marked.map((o) => `"${o.id}"`).join(', ');
  return [
    {
      path: at(q),
      severity: 'warning',
      rule: 'absolute-words',
      message: `Question "${q.id}": absolute words ("${word}") appear only in wrong options (${ids}), a known sign of a wrong answer.`,
      fix: `Reword those options without ${ABSOLUTE_WORDS.join('/')}, or let a right option use one where it is true.`,
    },
  ];
}

function aboveOptions(q: ChoiceQuestion): Finding[] {
  return q.options
    .filter((o) => ABOVE.test(o.text))
    .map((o) => ({
      path: `${at(q)}.options[${o.id}]`,
      severity: 'error' as const,
      rule: 'all-none-of-the-above',
      message: `Question "${q.id}", option "${o.id}" says "${ABOVE.exec(o.text)?.[0]}", but options are shuffled for each attempt, so there is no "above".`,
      fix:
        q.type === 'single'
          ? 'Replace it with a real alternative, or make the question `type: multiple`.'
          : 'Replace it with a real alternative; multiple-response already lets learners pick several.',
    }));
}

/** "an" fits an option starting with a vowel sound; a rough test on the first letter is enough to catch the cue. */
function articleCue(q: ChoiceQuestion): Finding[] {
  const article = /\b(a|an)[\s_.…:]*$/i.exec(q.prompt.trim())?.[1]?.toLowerCase();
  if (!article) return [];
  const fits = (o: Option) => /^[aeiou]/i.test(o.text.trim().replace(/^["'“‘]+/, '')) === (article === 'an');
  const fitting = q.options.filter(fits);
  if (fitting.length !== 1) return [];
  return [
    {
      path: at(q),
      severity: 'warning',
      rule: 'article-cue',
      message: `Question "${q.id}": the prompt ends with "${article}", which fits only option "${fitting[0]!.id}".`,
      fix: 'End the prompt before the article ("... is:") and start each option with its own "a" or "an".',
    },
  ];
}

function hedgeCue(q: ChoiceQuestion): Finding[] {
  const [keys, distractors] = split(q);
  const hedged = keys.filter((o) => HEDGE.test(o.text));
  if (hedged.length === 0 || distractors.some((o) => HEDGE.test(o.text))) return [];
  const word = HEDGE.exec(hedged[0]!.text)?.[1]?.toLowerCase();
  return [
    {
      path: at(q),
      severity: 'warning',
      rule: 'hedge-cue',
      message: `Question "${q.id}": only the right answer hedges ("${word}"), and careful wording marks it as right.`,
      fix: 'Let some wrong options qualify their claims too, or state the right answer without the hedge.',
    },
  ];
}

/** Every per-question finding; only single and multiple choice questions have options to compare. */
export function questionFindings(q: Question): Finding[] {
  if (q.type !== 'single' && q.type !== 'multiple') return [];
  return [...lengthCue(q), ...aboveOptions(q), ...absoluteWords(q), ...articleCue(q), ...hedgeCue(q)];
}

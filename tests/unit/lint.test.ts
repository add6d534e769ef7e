// The assessment lint (src/lib/lint/): for each rule a fixture that trips it, a fixture that passes, and the
// message pinned, so a trainer's view of a rule cannot change unnoticed.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatProblem, isError } from '../../src/lib/content/problem.ts';
import type { ContentSource, SourceFile } from '../../src/lib/content/source.ts';
import { lintQuizzes, lintScenarios } from '../../src/lib/lint/index.ts';
import { allowedTrueCounts, expectedRepeat } from '../../src/lib/lint/quiz-sets.ts';
import { validateQuiz } from '../../src/lib/quiz/validate.ts';
import { validateScenario } from '../../src/lib/scenario/validate.ts';

const FIXTURES = 'tests/fixtures/lint';
const MODULE = parse(readFileSync('tests/fixtures/content-base/content/modules/alpha/module.yaml', 'utf8'));

/** A fixture, which must pass its shape checks: the lint skips files that don't, and a skipped file proves nothing. */
function file(kind: 'quizzes' | 'scenarios', name: string): SourceFile {
  const path = `${FIXTURES}/${name}.yaml`;
  const data = parse(readFileSync(path, 'utf8'));
  expect((kind === 'quizzes' ? validateQuiz : validateScenario)(data, path).map(formatProblem)).toEqual([]);
  return { file: path, id: basename(name), data };
}

/** A course of these quizzes, the first of them the module's quiz; each problem as `severity: text`. */
function lintQuizFiles(...names: string[]): string[] {
  const module = { file: 'module.yaml', id: 'alpha', data: { ...MODULE, quiz: { id: names[0], passMark: 70 } } };
  const src: ContentSource = { modules: [module], lessons: [], quizzes: names.map((n) => file('quizzes', n)), scenarios: [] };
  return lintQuizzes(src).map((p) => `${isError(p) ? 'error' : 'warning'}: ${formatProblem(p)}`);
}

function lintScenarioFiles(...names: string[]): string[] {
  const src: ContentSource = { modules: [], lessons: [], quizzes: [], scenarios: names.map((n) => file('scenarios', n)) };
  return lintScenarios(src).map((p) => `${isError(p) ? 'error' : 'warning'}: ${formatProblem(p)}`);
}

describe('quiz lint', () => {
  it('passes a quiz with no cues, a big enough pool and a day between attempts', () => {
    expect(lintQuizFiles('quiz-clean')).toEqual([]);
  });

  it('names every cue in a cue-ridden quiz, with its question, rule and fix', () => {
    expect(lintQuizFiles('quiz-clean', 'quiz-cues')).toMatchInlineSnapshot(`
      [
        "warning: tests/fixtures/lint/quiz-cues.yaml: questions[long-key]: [length-cue] Question "long-key": the right option is 100 characters, 3.7x the longest wrong one (27), so length alone points to the answer. Fix: Make the wrong options as full and careful as the right one (each a real misconception), or tighten the right one, to within 1.5x.",
        "warning: tests/fixtures/lint/quiz-cues.yaml: questions[absolute]: [absolute-words] Question "absolute": absolute words ("always") appear only in wrong options ("b", "c"), a known sign of a wrong answer. Fix: Reword those options without always/never/only/all/none, or let a right option use one where it is true.",
        "error: tests/fixtures/lint/quiz-cues.yaml: questions[above].options[c]: [all-none-of-the-above] Question "above", option "c" says "All of the above", but options are shuffled for each attempt, so there is no "above". Fix: Replace it with a real alternative, or make the question \`type: multiple\`.",
        "warning: tests/fixtures/lint/quiz-cues.yaml: questions[article]: [article-cue] Question "article": the prompt ends with "an", which fits only option "a". Fix: End the prompt before the article ("... is:") and start each option with its own "a" or "an".",
        "warning: tests/fixtures/lint/quiz-cues.yaml: questions[hedge]: [hedge-cue] Question "hedge": only the right answer hedges ("may"), and careful wording marks it as right. Fix: Let some wrong options qualify their claims too, or state the right answer without the hedge.",
        "warning: tests/fixtures/lint/quiz-cues.yaml: questions[long-keys]: [length-cue] Question "long-keys": the right options average 72 characters, 4.1x the wrong ones (18), so length alone points to the answer. Fix: Make the wrong options as full and careful as the right one (each a real misconception), or tighten the right one, to within 1.5x.",
        "error: tests/fixtures/lint/quiz-cues.yaml: [length-cue-share] Quiz "quiz-cues": multiple-response questions whose right options are the longest: 1 of 1 (100 %; chance 17 %, limit 32 %). A learner who picks the longest passes without knowing. Fix: Rewrite the questions the length-cue warnings name (or others) so that a wrong option is the longest in more of them.",
        "error: tests/fixtures/lint/quiz-cues.yaml: [truefalse-balance] Quiz "quiz-cues": 0 of 2 true/false questions are answered "True" (0 %); it should be 1 (35-65 %), or always answering one way pays. Fix: Rewrite some "False" statements as their opposite (and swap \`correct\`), keeping each a real claim a learner might believe.",
        "error: content/quizzes/: [length-cue-share] The course: multiple-response questions whose right options are the longest: 1 of 2 (50 %; chance 17 %, limit 32 %). A learner who picks the longest passes without knowing. Fix: Rewrite the questions the length-cue warnings name (or others) so that a wrong option is the longest in more of them.",
        "error: content/quizzes/: [truefalse-balance] The course: 1 of 4 true/false questions are answered "True" (25 %); it should be 2 (35-65 %), or always answering one way pays. Fix: Rewrite some "False" statements as their opposite (and swap \`correct\`), keeping each a real claim a learner might believe.",
      ]
    `);
  });

  it('refuses a quiz where the right option is the longest too often, though never by enough to warn', () => {
    expect(lintQuizFiles('quiz-clean', 'quiz-long-keys')).toMatchInlineSnapshot(`
      [
        "error: tests/fixtures/lint/quiz-long-keys.yaml: [length-cue-share] Quiz "quiz-long-keys": single-choice questions whose right option is the strictly longest: 3 of 3 (100 %; chance 33 %, limit 48 %). A learner who picks the longest passes without knowing. Fix: Rewrite the questions the length-cue warnings name (or others) so that a wrong option is the longest in more of them.",
        "error: content/quizzes/: [length-cue-share] The course: single-choice questions whose right option is the strictly longest: 3 of 6 (50 %; chance 33 %, limit 48 %). A learner who picks the longest passes without knowing. Fix: Rewrite the questions the length-cue warnings name (or others) so that a wrong option is the longest in more of them.",
      ]
    `);
  });

  it('refuses a module quiz whose retakes repeat most questions, and reports the expected overlap', () => {
    expect(lintQuizFiles('quiz-pool')).toMatchInlineSnapshot(`
      [
        "error: tests/fixtures/lint/quiz-pool.yaml: drawCount: [quiz-pool] The module quiz draws 4 of 6 graded questions; two attempts share 67 % of their questions on average. The pool should be at least 2x the draw. Fix: Add questions until the pool has at least 8, or lower \`drawCount\` to 3 or less.",
        "error: tests/fixtures/lint/quiz-pool.yaml: maxAttempts: [quiz-retakes] The module quiz lets retakes become a memory test: two attempts share 67 % of their questions on average, and its last allowed attempt (5) repeats 99 % of its questions, with a 0-minute wait. Fix: Set \`retakeWaitMinutes: 1440\` or more, or a \`maxAttempts\` whose last attempt repeats at most 50 % (a bigger pool allows more attempts).",
      ]
    `);
  });

  it('counts expected repeats: two draws of 4 from 6 share two thirds; a fifth attempt has seen almost all', () => {
    expect(expectedRepeat(4, 6, 1)).toBeCloseTo(2 / 3);
    expect(expectedRepeat(4, 8, 1)).toBe(0.5);
    expect(expectedRepeat(4, 6, 4)).toBeGreaterThan(0.98);
  });

  it('keeps "True" between 35 and 65 %, or as near half as the count allows', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map(allowedTrueCounts)).toEqual([
      [0, 1],
      [1],
      [1, 2],
      [2],
      [2, 3],
      [3],
      [7, 8, 9, 10, 11, 12, 13],
    ]);
  });
});

describe('role-play lint', () => {
  it('passes a role-play whose strong ending needs the whole path', () => {
    expect(lintScenarioFiles('scenario-clean')).toEqual([]);
  });

  it('warns when the best choice is much the longest, and refuses it at too many decisions', () => {
    expect(lintScenarioFiles('scenario-length')).toMatchInlineSnapshot(`
      [
        "warning: tests/fixtures/lint/scenario-length.yaml: nodes[opening].choices[own-it]: [length-cue] Node "opening": the best-scoring choice "own-it" is 129 characters, 2.7x the longest other choice (48). Fix: Write the weaker choices as fully as the best (each a real, well-meant mistake), or tighten the best one, to within 1.5x.",
        "warning: tests/fixtures/lint/scenario-length.yaml: nodes[middle].choices[ask-needs]: [length-cue] Node "middle": the best-scoring choice "ask-needs" is 109 characters, 2.4x the longest other choice (46). Fix: Write the weaker choices as fully as the best (each a real, well-meant mistake), or tighten the best one, to within 1.5x.",
        "warning: tests/fixtures/lint/scenario-length.yaml: nodes[last].choices[deliver]: [length-cue] Node "last": the best-scoring choice "deliver" is 153 characters, 2.3x the longest other choice (66). Fix: Write the weaker choices as fully as the best (each a real, well-meant mistake), or tighten the best one, to within 1.5x.",
        "error: tests/fixtures/lint/scenario-length.yaml: [length-cue-share] Scenario "The late report": decisions whose best-scoring choice is the strictly longest: 3 of 3 (100 %; chance 44 %, limit 59 %). Always picking the longest line would pay. Fix: At more decisions, let a weaker choice (a plausible, carefully worded mistake) be the longest.",
      ]
    `);
  });

  it('refuses a strong ending that a path with a -2 choice, or a weak path, can reach', () => {
    expect(lintScenarioFiles('scenario-no-requires')).toMatchInlineSnapshot(`
      [
        "error: tests/fixtures/lint/scenario-no-requires.yaml: endings[strong-end]: [scenario-clean-strong] A path with a choice scored -2 ("blame") reaches the strong ending "strong-end": opening:blame -> middle:ask-needs -> last:deliver. Fix: Give "strong-end" \`requires: { noScoreBelow: -1 }\` and an \`otherwise\` ending, or reroute that path.",
        "error: tests/fixtures/lint/scenario-no-requires.yaml: endings[strong-end]: [scenario-whole-path] The strong ending "strong-end" is reached by a path totalling 4 of the best 8 points (under 70 %), so it depends on the last choices, not the whole conversation: opening:excuse -> middle:ask-needs -> last:deliver. Fix: Give "strong-end" \`requires: { minPercent: 70 }\` (or more) and an \`otherwise\` ending whose debrief fits those paths.",
      ]
    `);
  });

  it('refuses a best path that another path beats in a skill', () => {
    expect(lintScenarioFiles('scenario-best-beaten')).toMatchInlineSnapshot(`
      [
        "error: tests/fixtures/lint/scenario-best-beaten.yaml: [length-cue-share] Scenario "The late report": decisions whose best-scoring choice is the strictly longest: 2 of 3 (67 %; chance 44 %, limit 59 %). Always picking the longest line would pay. Fix: At more decisions, let a weaker choice (a plausible, carefully worded mistake) be the longest.",
        "error: tests/fixtures/lint/scenario-best-beaten.yaml: nodes: [scenario-best-path] A path scores 3 in empathy, more than the best path's 1: opening:own-it -> middle:ask-needs -> last:deliver. The debrief would show a learner beating "best possible". Fix: Raise empathy on the best path's choices or lower it on that path's, so the best path scores highest in every skill.",
      ]
    `);
  });

  it('checks length across the course as well as per role-play', () => {
    const course = lintScenarioFiles('scenario-clean', 'scenario-length');
    expect(course.filter((line) => line.includes('The course'))).toMatchInlineSnapshot(`
      [
        "error: content/scenarios/: [length-cue-share] The course: decisions whose best-scoring choice is the strictly longest: 4 of 6 (67 %; chance 44 %, limit 59 %). Always picking the longest line would pay. Fix: At more decisions, let a weaker choice (a plausible, carefully worded mistake) be the longest.",
      ]
    `);
  });
});

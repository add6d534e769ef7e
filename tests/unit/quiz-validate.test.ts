import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatProblem } from '../../src/lib/content/problem.ts';
import { validateQuiz } from '../../src/lib/quiz/index.ts';

const MODULES: ReadonlySet<string> = new Set(['empathy', 'feedback-loops']);

/** Validates one fixture from tests/fixtures/quizzes/ and returns the problems as printed for authors. */
function check(name: string, modules: ReadonlySet<string> | null = MODULES): string[] {
  const file = `tests/fixtures/quizzes/${name}.yaml`;
  return validateQuiz(parse(readFileSync(file, 'utf8')), file, modules ?? undefined).map(formatProblem);
}

describe('validateQuiz: the shape of the file', () => {
  it('accepts a valid quiz', () => {
    expect(check('valid')).toEqual([]);
  });

  it('explains an empty file', () => {
    expect(check('empty-file')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/quizzes/empty-file.yaml: The file is empty or is not a group of fields. Fix: Start the file with title:, module: and questions:.",
      ]
    `);
  });

  it('names the missing feedback and its question', () => {
    expect(check('missing-feedback')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/quizzes/missing-feedback.yaml: question 1, option 2, feedback: In question 1 (id "first"), option 2, feedback is missing. Fix: Add feedback: why choosing this is right, or the misconception it reflects.",
      ]
    `);
  });

  it('suggests the right name for a misspelt field', () => {
    expect(check('misspelt-field')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/quizzes/misspelt-field.yaml: question 1, option 1, corect: In question 1 (id "first"), option 1 has a field "corect", which options don't have. Fix: Rename it to "correct" (options have the fields id, text, correct, feedback).",
      ]
    `);
  });

  it('lists the question types for an unknown type', () => {
    expect(check('unknown-type')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/quizzes/unknown-type.yaml: question 1, type: In question 1 (id "first"), type is "choice", which is not a question type. Fix: Use one of: single, multiple, truefalse, ordering, likert.",
      ]
    `);
  });

  it('suggests a kebab-case id', () => {
    expect(check('bad-question-id')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/quizzes/bad-question-id.yaml: question 1, id: In question 1 (id "First Question"), id is "First Question", which is not a kebab-case id. Fix: Use lowercase letters, digits and single hyphens, e.g. "first-question".",
      ]
    `);
  });

  it('spots the YAML boolean in id: true', () => {
    expect(check('unquoted-true')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/quizzes/unquoted-true.yaml: question 1, option 1, id: In question 1 (id "judge"), option 1, id is the YAML boolean true, not the text "true". Fix: Put it in quotes: id: "true".",
      ]
    `);
  });

  it('lists the allowed skills', () => {
    expect(check('unknown-skill')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/quizzes/unknown-skill.yaml: question 1, skill 2: In question 1 (id "first"), skill 2 is "listening", which is not allowed. Fix: Use one of: empathy, respect, feedback, tailoring, ownership.",
      ]
    `);
  });

  it('refuses options on a likert question', () => {
    expect(check('likert-with-options')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/quizzes/likert-with-options.yaml: question 1, options: question 1 (id "habit") has a field "options", which likert questions don't have. Fix: Remove it (likert questions have the fields id, prompt, explanation, skills, type).",
      ]
    `);
  });

  it('quotes a drawCount that is not a number', () => {
    expect(check('draw-count-text')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/quizzes/draw-count-text.yaml: drawCount: drawCount is "six", but it must be a number. Fix: Write it as a number.",
      ]
    `);
  });

  it('treats a blank explanation as empty', () => {
    expect(check('empty-explanation')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/quizzes/empty-explanation.yaml: question 1, explanation: In question 1 (id "first"), explanation is empty. Fix: Fill in explanation: why the right answer is right, shown to everyone after submitting.",
      ]
    `);
  });
});

describe('validateQuiz: rules across the quiz', () => {
  it('finds a repeated question id', () => {
    expect(check('duplicate-question-id')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/quizzes/duplicate-question-id.yaml: question 2, id: question 2 has the id "first", which question 1 already uses. Fix: Give every question in the quiz its own id.",
      ]
    `);
  });

  it('finds a repeated option id', () => {
    expect(check('duplicate-option-id')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/quizzes/duplicate-option-id.yaml: question 1, option 2, id: In question 1 (id "first"), option 2 has the id "a", which option 1 already uses. Fix: Give every entry in options its own id.",
      ]
    `);
  });

  it('limits the options of a single-choice question', () => {
    expect(check('single-too-many-options')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/quizzes/single-too-many-options.yaml: question 1, options: In question 1 (id "first"), the single-choice question has 7 options; it needs 2 to 6. Fix: Remove the weakest options until there are at most 6.",
      ]
    `);
  });

  it('wants exactly one right answer in a single-choice question', () => {
    expect(check('single-two-correct')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/quizzes/single-two-correct.yaml: question 1, options: In question 1 (id "first"), 2 options are marked correct: true ("a", "b"), but a single-choice question has exactly one right answer. Fix: Mark the one right answer with correct: true, or change the type to multiple if several answers are right.",
      ]
    `);
  });

  it('wants at least two right answers in a multiple-choice question', () => {
    expect(check('multiple-one-correct')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/quizzes/multiple-one-correct.yaml: question 1, options: In question 1 (id "first"), only option "a" is marked correct: true, but a multiple-choice question needs at least two right answers. Fix: Mark every right answer with correct: true, or change the type to single if only one answer is right.",
      ]
    `);
  });

  it('wants a wrong option in a multiple-choice question', () => {
    expect(check('multiple-all-correct')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/quizzes/multiple-all-correct.yaml: question 1, options: In question 1 (id "many"), every option is marked correct: true, but a multiple-choice question needs at least one wrong option. Fix: Add a plausible wrong option that reflects a real misconception.",
      ]
    `);
  });

  it('wants the ids "true" and "false" in a true/false question', () => {
    expect(check('truefalse-wrong-ids')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/quizzes/truefalse-wrong-ids.yaml: question 1, options: In question 1 (id "judge"), the options have the ids "yes", "no", but a true/false question needs exactly two, with the ids "true" and "false". Fix: Use the two options { id: "true", text: "True" } and { id: "false", text: "False" }, each with feedback.",
      ]
    `);
  });

  it('wants one right answer in a true/false question', () => {
    expect(check('truefalse-both-correct')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/quizzes/truefalse-both-correct.yaml: question 1, options: In question 1 (id "judge"), both options are marked correct: true. Fix: Mark exactly one of "true" and "false" with correct: true.",
      ]
    `);
  });

  it('limits the items of an ordering question', () => {
    expect(check('ordering-too-few-items')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/quizzes/ordering-too-few-items.yaml: question 1, items: In question 1 (id "steps"), the ordering question has 2 items; it needs 3 to 8. Fix: Add steps until there are at least 3.",
      ]
    `);
  });

  it('keeps drawCount within the graded questions, not counting likert', () => {
    expect(check('draw-count-too-high')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/quizzes/draw-count-too-high.yaml: drawCount: drawCount is 2, but the quiz has only 1 graded question (likert questions are always asked and not counted). Fix: Lower drawCount to 1 or less, or add questions.",
      ]
    `);
  });

  it('checks the module only when the known modules are given', () => {
    expect(check('unknown-module')).toMatchInlineSnapshot(`
      [
        "tests/fixtures/quizzes/unknown-module.yaml: module: module is "empthy", which is not a module in content/modules/. Fix: Did you mean "empathy"? Use the id of an existing module: empathy, feedback-loops.",
      ]
    `);
    expect(check('unknown-module', null)).toEqual([]);
  });

  it('checks the rules only once the shape is right', () => {
    // The duplicate id would be a problem too, but the missing prompt is reported alone.
    const question = { id: 'same', type: 'likert', explanation: 'e' };
    const problems = validateQuiz({ title: 't', module: 'empathy', questions: [question, question] }, 'f.yaml');
    expect(problems.map((p) => p.path)).toEqual(['questions.0.prompt', 'questions.1.prompt']);
  });
});

describe('the real quizzes in content/quizzes', () => {
  const modules = new Set(
    readdirSync('content/modules', { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name),
  );
  const files = readdirSync('content/quizzes').filter((f) => f.endsWith('.yaml'));

  it('are there to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s validates with no problems', (name) => {
    const file = `content/quizzes/${name}`;
    expect(validateQuiz(parse(readFileSync(file, 'utf8')), file, modules).map(formatProblem)).toEqual([]);
  });
});

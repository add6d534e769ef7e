// From GIFT to a Rapport quiz: how each Moodle construct is mapped, and that nothing is dropped without a note.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGift } from '../../src/lib/gift/parse.ts';
import { NO_EXPLANATION, NO_FEEDBACK, giftToQuiz } from '../../src/lib/gift/to-quiz.ts';
import { validateQuiz } from '../../src/lib/quiz/validate.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/gift', name), 'utf8');
const HEADER = { title: 'Imported', module: 'alpha' };
const convert = (text: string) => giftToQuiz(parseGift(text), HEADER);
const examples = convert(fixture('moodle-examples.gift'));
const question = (id: string) =>
  examples.quiz.questions.find((q) => q.id === id) as {
    type: string;
    prompt: string;
    explanation: string;
    options: { text: string; correct?: boolean; feedback: string }[];
  };
const notesFor = (title: string) =>
  examples.notes.filter((n) => n.question.includes(`"${title}"`)).map((n) => `${n.kind}: ${n.message}`);

describe('giftToQuiz', () => {
  it('imports the choice and true/false questions, ids from their titles, into a quiz with no errors', () => {
    expect(examples.quiz.questions.map((q) => `${q.id} ${q.type}`)).toEqual([
      'listening-first single',
      'missing-word single',
      'statement-true truefalse',
      'statement-false truefalse',
      'two-habits multiple',
      'near-miss single',
      'html-question single',
      'markdown-question single',
    ]);
    expect(validateQuiz(examples.quiz, 'content/quizzes/imported.yaml', new Set(['alpha']))).toEqual([]);
  });

  it('reports every type Rapport does not have, one note per question with the reason', () => {
    expect(examples.notes.filter((n) => n.kind === 'skipped').map((n) => `${n.question}: ${n.message}`)).toEqual([
      'question 7 "Typed answer": short: short-answer questions ask the learner to type an answer; Rapport has no typed-answer type.',
      'question 8 "Pairs": matching: matching questions have no counterpart in Rapport (its ordering type puts one list in order).',
      'question 9 "Minutes tolerance": numerical: numerical questions have no options to choose from; Rapport has no numeric answer type.',
      'question 10 "Minutes range": numerical: numerical questions have no options to choose from; Rapport has no numeric answer type.',
      'question 11 "Minutes several": numerical: numerical questions have no options to choose from; Rapport has no numeric answer type.',
      'question 12 "Reflection": essay: essay questions are marked by hand; Rapport grades every question itself.',
      'question 13 "Read first": description: a description is text without a question; put it in a lesson instead.',
    ]);
    expect(examples.notes[0]).toMatchObject({ question: 'category "$course$/Customer service/Basics"', kind: 'changed' });
  });

  it('keeps per-option feedback and turns general feedback into the explanation', () => {
    const q = question('listening-first');
    expect(q.options.map((o) => [o.text, o.correct ?? false, o.feedback])).toEqual([
      [
        'Explain in detail how the courier plans its delivery rounds',
        false,
        'Explaining comes later; they have not been heard yet.',
      ],
      ['Let them describe what the delay costs them', true, 'Yes: you learn the stakes before you reply.'],
      ['Offer a refund straight away', false, 'A refund may not be what they need.'],
    ]);
    expect(q.explanation).toBe('Listening first tells you what a useful answer would be.');
    expect(notesFor('Listening first')).toEqual([]);
  });

  it('gives true/false feedback as Moodle does: the first for a wrong answer, the second for a right one', () => {
    expect(question('statement-true').options).toEqual([
      { id: 'true', text: 'True', correct: true, feedback: 'Right: respect does not depend on the invoice.' },
      { id: 'false', text: 'False', correct: false, feedback: 'Courtesy is not reserved for those who pay.' },
    ]);
    expect(question('statement-false').options.map((o) => o.correct)).toEqual([false, true]);
  });

  it('fills missing feedback with a placeholder and says where', () => {
    expect(question('statement-false').explanation).toBe(NO_EXPLANATION);
    expect(notesFor('Statement false')).toEqual([
      `changed: no feedback for the wrong answer, the right answer; the placeholder "${NO_FEEDBACK}" was written.`,
      `changed: no general feedback (####); the placeholder "${NO_EXPLANATION}" was written as the explanation.`,
    ]);
  });

  it('maps weights to right and wrong options and says that Rapport scores all-or-nothing', () => {
    expect(question('two-habits').options.map((o) => o.correct ?? false)).toEqual([true, true, false, false]);
    expect(notesFor('Two habits')[0]).toBe(
      'changed: weights mapped to right (option 1 (50%), option 2 (50%)) and wrong (option 3 (-100%), option 4 (-100%)) options; Rapport scores a multiple-response question all-or-nothing, with no partial credit.',
    );
  });

  it('drops partial credit on a single-answer question and says so', () => {
    expect(question('near-miss').options.map((o) => o.correct ?? false)).toEqual([true, false, false]);
    expect(notesFor('Near miss')[0]).toBe(
      'changed: partial credit on option 2 (50%) dropped: those options are wrong in Rapport, which scores an option right or wrong.',
    );
  });

  it('shows a missing word as a blank in the prompt', () => {
    expect(question('missing-word').prompt).toBe('A colleague who depends on your report is your _____ for that work.');
  });

  it('reduces HTML and Markdown to plain text and notes each change', () => {
    const html = question('html-question');
    expect([html.prompt, html.options[0]?.text, html.options[0]?.feedback, html.explanation]).toEqual([
      'Which of these is a feedback loop & why?',
      'Ask, act, report back',
      'Yes: the report closes it.',
      'A loop closes when people hear back.',
    ]);
    expect(question('markdown-question').prompt).toBe('Which reply is tailored to a busy manager?');
    expect(question('markdown-question').options[1]?.text).toBe('The full log file with every step since the project started');
    expect(notesFor('Markdown question')).toContain('changed: prompt: Markdown marks removed (Rapport shows plain text).');
  });

  it('skips, with the reason, a choice question Rapport could not grade', () => {
    const { quiz, notes } = convert('::Two right::Pick one. {=a =b ~c}\n\n::None right::Pick. {~%-50%a ~b}\n\n::Fine::Ok? {T}\n');
    expect(quiz.questions.map((q) => q.id)).toEqual(['fine']);
    expect(notes.filter((n) => n.kind === 'skipped').map((n) => `${n.question}: ${n.message}`)).toEqual([
      'question 1 "Two right": 2 options give full credit; a Rapport single-choice question has exactly one right option.',
      'question 2 "None right": no option gives any credit, so Rapport would have no right answer.',
    ]);
  });

  it('makes ids unique and numbers questions without a title', () => {
    const { quiz } = convert('::Same::One? {T}\n\n::Same::Two? {F}\n\nThree? {T}\n');
    expect(quiz.questions.map((q) => q.id)).toEqual(['same', 'same-2', 'q-3']);
  });
});

describe('a file as Moodle exports it', () => {
  // Moodle writes `// question: N  name: ...` comments, a category switch, [html] on every text and extra blank lines.
  const { quiz, notes } = convert(fixture('moodle-export.gift'));

  it('imports every question with its HTML reduced to text', () => {
    expect(validateQuiz(quiz, 'content/quizzes/imported.yaml', new Set(['alpha']))).toEqual([]);
    expect(quiz.questions.map((q) => `${q.id} ${q.type}`)).toEqual([
      'first-words single',
      'handover-facts multiple',
      'same-courtesy truefalse',
    ]);
    const first = quiz.questions[0] as { prompt: string; options: { text: string; correct?: boolean }[] };
    expect(first.prompt).toBe('A client emails: "This is the third time I\'ve asked." What opens your reply best?');
    expect(first.options.map((o) => [o.text, o.correct ?? false])).toEqual([
      ['Our records show two earlier emails, not three.', false],
      ["Three requests is too many; here is what I've done today.", true],
      ['Thanks for your patience!', false],
    ]);
    expect(notes.filter((n) => n.kind === 'skipped')).toEqual([]);
  });
});

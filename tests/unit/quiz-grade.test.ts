import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { gradeAttempt, parseResponses, planAttempt, type AttemptPlan, type Responses } from '../../src/lib/quiz/index.ts';
import { quizSchema, type Quiz } from '../../src/schemas/quiz.ts';

const load = (file: string): Quiz => quizSchema.parse(parse(readFileSync(file, 'utf8')));
const quiz: Quiz = { ...load('tests/fixtures/quizzes/sample.yaml'), drawCount: undefined };
const plan = planAttempt(quiz, 'grading');

/** The form fields of an attempt where every answer is right, and the likert answer is 4 (Often). */
function perfectEntries(q: Quiz, p: AttemptPlan): [string, string][] {
  return p.questions.flatMap((planned): [string, string][] => {
    const question = q.questions.find((candidate) => candidate.id === planned.id)!;
    if (question.type === 'likert') return [[`q:${question.id}`, '4']];
    if (question.type === 'ordering') return question.items.map((item, i) => [`q:${question.id}:${item.id}`, String(i + 1)]);
    return question.options.filter((o) => o.correct).map((o) => [`q:${question.id}`, o.id]);
  });
}

/** Perfect answers with some fields replaced: `changes` maps a field name to its new values (none = leave it out). */
function entriesWith(changes: Record<string, string[]>): [string, string][] {
  const kept = perfectEntries(quiz, plan).filter(([name]) => !(name in changes));
  return [...kept, ...Object.entries(changes).flatMap(([name, values]) => values.map((v): [string, string] => [name, v]))];
}

function errorsFor(changes: Record<string, string[]>) {
  const parsed = parseResponses(plan, entriesWith(changes));
  return parsed.ok ? [] : parsed.errors;
}

function responsesFor(changes: Record<string, string[]>): Responses {
  const parsed = parseResponses(plan, entriesWith(changes));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.responses;
}

describe('parseResponses', () => {
  it('reads every question type and ignores other fields and empty values', () => {
    const parsed = parseResponses(plan, [['_csrf', 'token'], ['q:pick-one', ''], ...perfectEntries(quiz, plan)]);
    expect(parsed).toEqual({
      ok: true,
      responses: {
        'pick-one': { type: 'single', optionIds: ['b'] },
        'pick-many': { type: 'multiple', optionIds: ['facts', 'stakes'] },
        judge: { type: 'truefalse', optionIds: ['false'] },
        steps: { type: 'ordering', itemIds: ['listen', 'summarize', 'acknowledge', 'fix'] },
        habit: { type: 'likert', value: 4 },
      },
    });
  });

  it('orders ordering items by the positions given, whatever the field order', () => {
    const responses = responsesFor({
      'q:steps:fix': ['1'],
      'q:steps:listen': ['4'],
      'q:steps:summarize': ['2'],
      'q:steps:acknowledge': ['3'],
    });
    expect(responses['steps']).toEqual({ type: 'ordering', itemIds: ['fix', 'summarize', 'acknowledge', 'listen'] });
  });

  it('asks for every missing answer', () => {
    const messages: Record<string, string> = {
      'pick-one': 'Choose an answer before you submit.',
      'pick-many': 'Choose every option that applies before you submit.',
      judge: 'Choose an answer before you submit.',
      steps: 'Put the items in order before you submit.',
      habit: 'Choose how often, from Never to Always, before you submit.',
    };
    expect(parseResponses(plan, [])).toEqual({
      ok: false,
      errors: plan.questions.map((q) => ({ questionId: q.id, message: messages[q.id] })),
    });
  });

  it('refuses a second answer to a single-choice or true/false question', () => {
    expect(errorsFor({ 'q:pick-one': ['a', 'b'] })).toEqual([{ questionId: 'pick-one', message: 'Choose only one answer.' }]);
    expect(errorsFor({ 'q:judge': ['true', 'false'] })).toEqual([{ questionId: 'judge', message: 'Choose only one answer.' }]);
  });

  it('refuses tampered ids', () => {
    const reload = "doesn't match this question. Reload the page and try again.";
    expect(errorsFor({ 'q:pick-one': ['zz'] })).toEqual([{ questionId: 'pick-one', message: `The option "zz" ${reload}` }]);
    expect(errorsFor({ 'q:pick-many': ['facts', 'true'] })).toEqual([
      { questionId: 'pick-many', message: `The option "true" ${reload}` },
    ]);
    expect(errorsFor({ 'q:steps:listen': [], 'q:steps:shout': ['1'] })).toEqual([
      { questionId: 'steps', message: `The item "shout" ${reload}` },
    ]);
    expect(errorsFor({ 'q:judge:true': ['1'] })).toEqual([{ questionId: 'judge', message: `The answer ${reload}` }]);
    expect(errorsFor({ 'q:steps': ['listen'] })).toEqual([{ questionId: 'steps', message: `The answer ${reload}` }]);
    expect(errorsFor({ 'q:not-in-attempt': ['a'] })).toEqual([
      { message: 'The form answers a question ("not-in-attempt") that is not in this attempt. Reload the page and try again.' },
    ]);
  });

  it('names only the first of many stray questions, so a crafted post cannot fill the page with messages', () => {
    const strays = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`q:stray-${i}`, ['a']]));
    expect(errorsFor(strays)).toEqual([
      { message: 'The form answers a question ("stray-0") that is not in this attempt. Reload the page and try again.' },
    ]);
  });

  it('names every position left empty when several items share one', () => {
    const message = errorsFor({
      'q:steps:listen': ['2'],
      'q:steps:summarize': ['2'],
      'q:steps:acknowledge': ['2'],
      'q:steps:fix': ['2'],
    })[0]?.message;
    expect(message).toBe(
      'Position 2 is given to 4 items and positions 1, 3, 4 to none: give each item its own position from 1 to 4.',
    );
  });

  it('refuses repeated, missing or impossible ordering positions', () => {
    expect(errorsFor({ 'q:steps:fix': ['1'] })).toEqual([
      {
        questionId: 'steps',
        message: 'Position 1 is given to 2 items and position 4 to none: give each item its own position from 1 to 4.',
      },
    ]);
    expect(errorsFor({ 'q:steps:fix': [] })).toEqual([
      { questionId: 'steps', message: 'Give every item a position from 1 to 4.' },
    ]);
    for (const bad of ['0', '5', '2.5', '1e0', 'first'])
      expect(errorsFor({ 'q:steps:fix': [bad] })).toEqual([
        { questionId: 'steps', message: 'Give each item one position from 1 to 4.' },
      ]);
  });

  it('keeps likert answers between 1 and 5', () => {
    for (const bad of [['0'], ['6'], ['often'], ['3.0'], ['2', '3']])
      expect(errorsFor({ 'q:habit': bad })).toEqual([
        { questionId: 'habit', message: 'Choose one value from 1 (Never) to 5 (Always).' },
      ]);
    expect(responsesFor({ 'q:habit': ['1'] })['habit']).toEqual({ type: 'likert', value: 1 });
  });
});

describe('gradeAttempt', () => {
  const grade = (changes: Record<string, string[]>, passMark = 70) => gradeAttempt(quiz, plan, responsesFor(changes), passMark);
  const result = (changes: Record<string, string[]>, id: string) => grade(changes).questions.find((q) => q.questionId === id);

  it('gives full marks to a perfect attempt, with feedback for every choice', () => {
    const graded = grade({});
    expect(graded.totals).toEqual({ points: 4, maxPoints: 4, percent: 100, passed: true });
    expect(graded.questions.map((q) => q.questionId)).toEqual(plan.questions.map((q) => q.id));
    expect(graded.questions.find((q) => q.questionId === 'pick-many')).toEqual({
      questionId: 'pick-many',
      type: 'multiple',
      prompt: 'Which belong in a paraphrase?',
      correct: true,
      points: 1,
      maxPoints: 1,
      chosen: [
        { id: 'facts', text: 'The facts', correct: true, feedback: 'Feedback pick-many facts.' },
        { id: 'stakes', text: 'The stakes', correct: true, feedback: 'Feedback pick-many stakes.' },
      ],
      correctOptionIds: ['facts', 'stakes'],
      explanation: 'Explanation of pick-many.',
    });
  });

  it('scores single and true/false answers by option id', () => {
    expect(result({ 'q:pick-one': ['c'] }, 'pick-one')).toMatchObject({
      correct: false,
      points: 0,
      chosen: [{ id: 'c', correct: false, feedback: 'Feedback pick-one c.' }],
      correctOptionIds: ['b'],
    });
    expect(result({ 'q:judge': ['true'] }, 'judge')).toMatchObject({ correct: false, points: 0, correctOptionIds: ['false'] });
  });

  it('scores multiple choice all-or-nothing', () => {
    expect(result({ 'q:pick-many': ['facts'] }, 'pick-many')).toMatchObject({ correct: false, points: 0 });
    expect(result({ 'q:pick-many': ['facts', 'stakes', 'blame'] }, 'pick-many')).toMatchObject({ correct: false, points: 0 });
    expect(result({ 'q:pick-many': ['stakes', 'facts', 'facts'] }, 'pick-many')).toMatchObject({ correct: true, points: 1 });
  });

  it('scores ordering only when the whole order is right, and counts the items in place', () => {
    const swapped = { 'q:steps:summarize': ['3'], 'q:steps:acknowledge': ['2'] };
    expect(result(swapped, 'steps')).toMatchObject({
      correct: false,
      points: 0,
      inPlace: 2,
      correctOptionIds: ['listen', 'summarize', 'acknowledge', 'fix'],
      chosen: [
        { id: 'listen', correct: true, feedback: 'Feedback steps listen.' },
        { id: 'acknowledge', correct: false },
        { id: 'summarize', correct: false },
        { id: 'fix', correct: true },
      ],
    });
    expect(result({}, 'steps')).toMatchObject({ correct: true, points: 1, inPlace: 4 });
  });

  it('records the likert answer without grading it', () => {
    expect(result({ 'q:habit': ['2'] }, 'habit')).toEqual({
      questionId: 'habit',
      type: 'likert',
      prompt: 'How often do you ask a colleague what they need before you start?',
      correct: null,
      points: 0,
      maxPoints: 0,
      chosen: [],
      correctOptionIds: [],
      explanation: 'Explanation of habit.',
      likert: { value: 2, label: 'Rarely' },
    });
  });

  it('rounds the percent down and compares it with the pass mark', () => {
    const twoWrong = { 'q:pick-one': ['a'], 'q:judge': ['true'] };
    expect(grade(twoWrong, 50).totals).toEqual({ points: 2, maxPoints: 4, percent: 50, passed: true });
    expect(grade(twoWrong, 51).totals.passed).toBe(false);
    // Plans are plain data, so a three-question draw can be written out.
    const three: AttemptPlan = { questions: plan.questions.filter((q) => ['pick-one', 'pick-many', 'judge'].includes(q.id)) };
    const oneWrong = { ...responsesFor({}), 'pick-one': { type: 'single', optionIds: ['a'] } } satisfies Responses;
    expect(gradeAttempt(quiz, three, oneWrong, 67).totals).toEqual({ points: 2, maxPoints: 3, percent: 66, passed: false });
    expect(gradeAttempt(quiz, three, oneWrong, 66).totals.passed).toBe(true);
  });

  it('scores an unanswered question as 0 and a quiz with nothing graded as 100%', () => {
    const graded = gradeAttempt(quiz, plan, {}, 70);
    expect(graded.totals).toEqual({ points: 0, maxPoints: 4, percent: 0, passed: false });
    expect(graded.questions.find((q) => q.questionId === 'habit')?.likert).toBeUndefined();
    const onlyLikert: Quiz = { ...quiz, questions: quiz.questions.filter((q) => q.type === 'likert') };
    expect(gradeAttempt(onlyLikert, planAttempt(onlyLikert, 's'), {}, 70).totals).toEqual({
      points: 0,
      maxPoints: 0,
      percent: 100,
      passed: true,
    });
  });

  it('grades by id, so the shuffled order a learner saw never changes the score', () => {
    const answers: [string, string][] = [
      ['q:pick-one', 'b'],
      ['q:pick-many', 'facts'],
      ['q:judge', 'false'],
      ['q:habit', '3'],
    ];
    const steps: [string, string][] = ['listen', 'acknowledge', 'summarize', 'fix'].map((id, i) => [
      `q:steps:${id}`,
      String(i + 1),
    ]);
    const scores = ['one', 'two', 'three', 'four'].map((seed) => {
      const p = planAttempt(quiz, seed);
      const parsed = parseResponses(p, [...answers, ...steps]);
      if (!parsed.ok) throw new Error('unexpected errors');
      return gradeAttempt(quiz, p, parsed.responses, 70)
        .questions.map((q) => `${q.questionId}:${q.points}`)
        .sort();
    });
    expect(new Set(scores.map(String)).size).toBe(1);
    expect(scores[0]).toEqual(['habit:0', 'judge:1', 'pick-many:0', 'pick-one:1', 'steps:0']);
  });

  it('throws when the plan names a question the quiz no longer has', () => {
    const shrunk: Quiz = { ...quiz, questions: quiz.questions.filter((q) => q.id !== 'judge') };
    expect(() => gradeAttempt(shrunk, plan, {}, 70)).toThrow('has no question "judge"');
  });
});

describe('every real quiz', () => {
  const files = readdirSync('content/quizzes').filter((f) => f.endsWith('.yaml'));

  it.each(files)('%s scores 100%% when every answer is right, whatever the draw', (name) => {
    const real = load(`content/quizzes/${name}`);
    for (const seed of ['a', 'b', 'c']) {
      const p = planAttempt(real, seed);
      const parsed = parseResponses(p, perfectEntries(real, p));
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(gradeAttempt(real, p, parsed.responses, 100).totals.percent).toBe(100);
    }
  });
});

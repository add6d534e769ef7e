// Item analysis on a hand-computed example: ten attempts scoring 10%, 20%, ... 100% (ids a01..a10), so the
// upper 27% is a08-a10 and the lower 27% is a01-a03 (round(2.7) = 3 attempts each).
import { describe, expect, it } from 'vitest';
import { analyseQuiz, flagsFor, groupSize, type AttemptData } from '../../src/lib/insight/item-analysis.ts';
import type { Response } from '../../src/lib/quiz/index.ts';
import { quizSchema } from '../../src/schemas/quiz.ts';

const option = (id: string, correct = false) => ({ id, text: `Option ${id}`, correct, feedback: 'Why.' });
const quiz = quizSchema.parse({
  title: 'Worked example',
  module: 'alpha',
  questions: [
    {
      id: 'single',
      type: 'single',
      prompt: 'Pick one',
      explanation: 'E',
      options: [option('a', true), option('b'), option('c')],
    },
    { id: 'tf', type: 'truefalse', prompt: 'True?', explanation: 'E', options: [option('true'), option('false', true)] },
    {
      id: 'multi',
      type: 'multiple',
      prompt: 'All that apply',
      explanation: 'E',
      options: [option('a', true), option('b', true), option('c')],
    },
    {
      id: 'order',
      type: 'ordering',
      prompt: 'In order',
      explanation: 'E',
      items: ['x', 'y', 'z'].map((id) => ({ id, text: `Item ${id}`, feedback: 'Why.' })),
    },
    { id: 'habit', type: 'likert', prompt: 'How often?', explanation: 'E' },
  ],
});

const ids = Array.from({ length: 10 }, (_, i) => `a${String(i + 1).padStart(2, '0')}`);
const choice = (type: 'single' | 'truefalse' | 'multiple', optionIds: string[]): Response => ({ type, optionIds });

// What each attempt answered. `single`: right in a03, a05, a06, a09, a10. `tf`: right only in a09 and a10.
// `multi`: asked in a01-a05 only (as with drawCount), right in a02 and a05. `order`: wrong only in a01.
const single = ['b', 'c', 'a', 'b', 'a', 'a', 'b', 'c', 'a', 'a'];
const multi: string[][] = [['a'], ['a', 'b'], ['a', 'b', 'c'], ['c'], ['a', 'b']];
const attempts: AttemptData[] = ids
  .map((id, i) => {
    const responses: AttemptData['responses'] = new Map([
      ['single', { correct: single[i] === 'a', answer: choice('single', [single[i]!]) }],
      ['tf', { correct: i >= 8, answer: choice('truefalse', [i >= 8 ? 'false' : 'true']) }],
      ['order', { correct: i > 0, answer: { type: 'ordering', itemIds: i === 0 ? ['y', 'x', 'z'] : ['x', 'y', 'z'] } }],
      ['habit', { correct: null, answer: { type: 'likert', value: ((i % 5) + 1) as 1 | 2 | 3 | 4 | 5 } }],
    ]);
    const m = multi[i];
    if (m) responses.set('multi', { correct: m.join() === 'a,b', answer: choice('multiple', m) });
    // Listed out of order on purpose: the analysis ranks by score itself.
    return { id, score: (i + 1) * 10, responses };
  })
  .reverse();

const result = analyseQuiz(quiz, attempts);
const stat = (id: string) => result.questions.find((q) => q.questionId === id)!;
const picks = (id: string) => Object.fromEntries(stat(id).options.map((o) => [o.id, o.picks]));

describe('groupSize', () => {
  it('takes 27% of the attempts, rounded, at least one, and none below two attempts', () => {
    expect([0, 1, 2, 3, 4, 10, 11, 100].map(groupSize)).toEqual([0, 0, 1, 1, 1, 3, 3, 27]);
  });
});

describe('analyseQuiz on the worked example', () => {
  it('counts attempts and the group size', () => {
    expect(result).toMatchObject({ attempts: 10, groupSize: 3, smallSample: false });
  });

  it('pins the discrimination index: upper 2 of 3 right, lower 1 of 3, so D = 1/3', () => {
    const q = stat('single');
    expect(q).toMatchObject({
      answered: 10,
      correct: 5,
      shareCorrect: 0.5,
      upper: { answered: 3, correct: 2 },
      lower: { answered: 3, correct: 1 },
    });
    expect(q.discrimination).toBeCloseTo(1 / 3, 10);
    expect(picks('single')).toEqual({ a: 5, b: 3, c: 2 });
    expect(q.options.map((o) => o.share)).toEqual([0.5, 0.3, 0.2]);
    expect(q.flags).toEqual([]);
  });

  it('flags a hard question whose wrong option beats the key', () => {
    const q = stat('tf');
    expect(q.shareCorrect).toBe(0.2);
    expect(q.discrimination).toBeCloseTo(2 / 3, 10);
    expect(picks('tf')).toEqual({ true: 8, false: 2 });
    expect(q.flags).toEqual(['too-hard', 'distractor-beats-key']);
  });

  it('counts every ticked option of a multiple question, and has no index when the upper group never saw it', () => {
    const q = stat('multi');
    expect(q).toMatchObject({ answered: 5, correct: 2, shareCorrect: 0.4, smallSample: true, discrimination: null });
    expect(q.upper).toEqual({ answered: 0, correct: 0 });
    expect(picks('multi')).toEqual({ a: 4, b: 3, c: 2 });
    expect(q.flags).toEqual([]);
  });

  it('counts ordering items put in their right place and flags 90% correct as too easy', () => {
    const q = stat('order');
    expect(q.shareCorrect).toBe(0.9);
    expect(picks('order')).toEqual({ x: 9, y: 9, z: 10 });
    expect(q.discrimination).toBeCloseTo(1 / 3, 10);
    expect(q.flags).toEqual(['too-easy']);
  });

  it('reports the spread of likert answers without grading them', () => {
    const q = stat('habit');
    expect(q).toMatchObject({ answered: 10, shareCorrect: null, discrimination: null, flags: [] });
    expect(q.options.map((o) => [o.text, o.picks])).toEqual([
      ['Never', 2],
      ['Rarely', 2],
      ['Sometimes', 2],
      ['Often', 2],
      ['Always', 2],
    ]);
  });
});

describe('edge cases', () => {
  it('has no shares, index or flags before anyone answers, and notes the small sample', () => {
    const empty = analyseQuiz(quiz, []);
    expect(empty).toMatchObject({ attempts: 0, groupSize: 0, smallSample: true });
    expect(empty.questions[0]).toMatchObject({ answered: 0, shareCorrect: null, discrimination: null, flags: [] });
  });

  it('ignores answers whose shape no longer fits the question (its type was changed)', () => {
    const changed: AttemptData = {
      id: 'x',
      score: 50,
      responses: new Map([['order', { correct: true, answer: choice('single', ['a']) }]]),
    };
    expect(analyseQuiz(quiz, [changed]).questions.find((q) => q.questionId === 'order')?.answered).toBe(0);
  });

  it('flags a multiple question when a wrong option beats the least-picked right one', () => {
    const options = [
      { id: 'a', text: 'A', correct: true, picks: 6, share: 0.6 },
      { id: 'b', text: 'B', correct: true, picks: 3, share: 0.3 },
      { id: 'c', text: 'C', correct: false, picks: 4, share: 0.4 },
    ];
    const quiet = { discrimination: 0.2, smallSample: false };
    expect(flagsFor({ type: 'multiple', shareCorrect: 0.3, options, ...quiet })).toEqual(['too-hard', 'distractor-beats-key']);
    expect(flagsFor({ type: 'multiple', shareCorrect: 0.31, options: options.slice(0, 2), ...quiet })).toEqual([]);
  });

  it('flags a negative discrimination index once the sample is big enough to mean something', () => {
    const options = [
      { id: 'a', text: 'A', correct: true, picks: 6, share: 0.6 },
      { id: 'b', text: 'B', correct: false, picks: 4, share: 0.4 },
    ];
    const stat = { type: 'single' as const, shareCorrect: 0.6, options };
    expect(flagsFor({ ...stat, discrimination: -0.25, smallSample: false })).toEqual(['backwards']);
    expect(flagsFor({ ...stat, discrimination: -0.25, smallSample: true })).toEqual([]);
    expect(flagsFor({ ...stat, discrimination: 0, smallSample: false })).toEqual([]);
    expect(flagsFor({ ...stat, discrimination: null, smallSample: false })).toEqual([]);
  });
});

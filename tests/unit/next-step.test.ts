// The next unfinished thing: what "Continue" on the home page and the step after the last lesson point at.
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/lib/content/catalog.ts';
import {
  continueStep,
  hasBegun,
  nextAfterLesson,
  nextInModule,
  stepFromKey,
  stepHref,
  stepKey,
} from '../../src/lib/progress/next-step.ts';
import type { LearnerFacts, LessonRecord } from '../../src/lib/progress/rules.ts';

const mod = (order: number, quiz?: string) => ({
  title: `Module ${order}`,
  summary: 'A module for testing next steps.',
  objectives: ['Do the thing that is measured here.'],
  order,
  audience: 'Everyone',
  estimatedMinutes: 30,
  draft: false,
  ...(quiz ? { quiz: { id: quiz, passMark: 70 } } : {}),
});
const lesson = (order: number) => ({
  id: '',
  data: {
    title: `Lesson ${order}`,
    summary: 'A lesson for testing next steps.',
    objectives: ['Do the thing that is measured here.'],
    estimatedMinutes: 5,
    order,
    skills: [],
    draft: false,
  },
  version: 'v1',
  reflections: new Map<string, string>(),
});
const catalog = buildCatalog(
  [
    { id: 'a', data: mod(1, 'a-quiz') },
    { id: 'b', data: mod(2) },
    { id: 'c', data: mod(3) },
  ],
  [
    { ...lesson(1), id: 'a/one' },
    { ...lesson(2), id: 'a/two' },
    { ...lesson(1), id: 'b/only' },
    { ...lesson(1), id: 'c/only' },
  ],
  [{ id: 'a-talk', module: 'a' }],
  { includeDrafts: false },
);
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 9, minutes));
const done = (moduleId: string, lessonId: string, minute: number): LessonRecord => ({
  moduleId,
  lessonId,
  firstOpenedAt: at(minute),
  lastOpenedAt: at(minute),
  completedAt: at(minute),
});
const facts = (lessons: LessonRecord[], quizzes: string[] = [], runs: string[] = []): LearnerFacts => ({
  lessons,
  passedQuizzes: new Set(quizzes),
  finishedScenarios: new Set(runs),
});
const describeStep = (s: ReturnType<typeof continueStep>) =>
  !s
    ? 'none'
    : s.kind === 'lesson'
      ? `lesson ${s.lesson.key}`
      : s.kind === 'quiz'
        ? `quiz ${s.quizId}`
        : `role-play ${s.scenarioId}`;
const a = catalog.find((m) => m.id === 'a')!;

describe('the next step in a module', () => {
  it('goes through the lessons, then the quiz, then the role-plays', () => {
    expect(describeStep(nextInModule(a, facts([])))).toBe('lesson a/one');
    const read = [done('a', 'one', 1), done('a', 'two', 2)];
    expect(describeStep(nextInModule(a, facts(read)))).toBe('quiz a-quiz');
    expect(describeStep(nextInModule(a, facts(read, ['a-quiz'])))).toBe('role-play a-talk');
    expect(nextInModule(a, facts(read, ['a-quiz'], ['a-talk']))).toBeUndefined();
  });
});

describe('the step after completing a lesson', () => {
  it('is the next unread lesson after it, then one skipped before it, then the quiz', () => {
    // The page records the completion first, so the facts already hold the lesson just completed.
    expect(describeStep(nextAfterLesson(a, facts([done('a', 'one', 1)]), 'one'))).toBe('lesson a/two');
    // "two" read already: completing "one" passes it over and goes on to the quiz.
    expect(describeStep(nextAfterLesson(a, facts([done('a', 'two', 1), done('a', 'one', 2)]), 'one'))).toBe('quiz a-quiz');
    // Completing "two" with "one" skipped goes back to it.
    expect(describeStep(nextAfterLesson(a, facts([done('a', 'two', 1)]), 'two'))).toBe('lesson a/one');
    const allRead = facts([done('a', 'one', 1), done('a', 'two', 2)], ['a-quiz']);
    expect(describeStep(nextAfterLesson(a, allRead, 'two'))).toBe('role-play a-talk');
  });
});

describe('continue', () => {
  it('points at the quiz when every lesson is read and only the quiz is left, never back to the start', () => {
    const read = facts([done('a', 'one', 1), done('a', 'two', 2)]);
    expect(describeStep(continueStep(catalog, read))).toBe('quiz a-quiz');
    expect(hasBegun(read)).toBe(true);
  });

  it('resumes an open lesson first, then the module touched last', () => {
    const open: LessonRecord = { ...done('b', 'only', 5), completedAt: null };
    expect(describeStep(continueStep(catalog, facts([done('a', 'one', 1), open])))).toBe('lesson b/only');
    expect(describeStep(continueStep(catalog, facts([done('a', 'one', 1), done('c', 'only', 9)])))).toBe('lesson a/two');
  });

  it('moves on to assigned work, then any module, once the module touched last is complete', () => {
    const finishedB = facts([done('b', 'only', 1)]);
    expect(describeStep(continueStep(catalog, finishedB, ['c']))).toBe('lesson c/only');
    expect(describeStep(continueStep(catalog, finishedB))).toBe('lesson a/one');
    expect(describeStep(continueStep(catalog, facts([])))).toBe('lesson a/one');
    expect(hasBegun(facts([]))).toBe(false);
  });

  it('has nothing left once every module is complete', () => {
    const all = facts(
      [done('a', 'one', 1), done('a', 'two', 2), done('b', 'only', 3), done('c', 'only', 4)],
      ['a-quiz'],
      ['a-talk'],
    );
    expect(continueStep(catalog, all)).toBeUndefined();
  });
});

describe('a step in a URL', () => {
  it('round-trips through its key and refuses keys of other modules', () => {
    const quiz = nextInModule(a, facts([done('a', 'one', 1), done('a', 'two', 2)]))!;
    expect(stepKey(quiz)).toBe('quiz:a');
    expect(stepFromKey(a, stepKey(quiz))).toEqual(quiz);
    expect(stepHref(quiz)).toBe('/quizzes/a-quiz?from=%2Fmodules%2Fa');
    const first = nextInModule(a, facts([]))!;
    expect(stepFromKey(a, stepKey(first))).toEqual(first);
    expect(stepFromKey(a, 'role-play:a-talk')).toEqual({ kind: 'role-play', moduleId: 'a', scenarioId: 'a-talk' });
    expect(stepFromKey(a, 'lesson:b/only')).toBeUndefined();
    expect(stepFromKey(a, 'role-play:elsewhere')).toBeUndefined();
    expect(stepFromKey(a, stepKey(undefined))).toBe('done');
    expect(stepFromKey(a, null)).toBeUndefined();
  });
});

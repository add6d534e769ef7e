import { describe, expect, it } from 'vitest';
import { buildCatalog, findLesson } from '../../src/lib/content/catalog.ts';
import {
  moduleProgress,
  overallProgress,
  resumePoint,
  type LearnerFacts,
  type LessonRecord,
} from '../../src/lib/progress/rules.ts';
import type { LessonData } from '../../src/schemas/lesson.ts';
import type { ModuleData } from '../../src/schemas/module.ts';

const mod = (order: number, extra: Partial<ModuleData> = {}): ModuleData => ({
  title: `Module ${order}`,
  summary: 'A module for testing progress rules.',
  objectives: ['Do the thing that is measured here.'],
  order,
  audience: 'Everyone',
  estimatedMinutes: 30,
  draft: false,
  ...extra,
});
const lesson = (order: number, extra: Partial<LessonData> = {}): LessonData => ({
  title: `Lesson ${order}`,
  summary: 'A lesson for testing progress rules.',
  objectives: ['Do the thing that is measured here.'],
  estimatedMinutes: 5,
  order,
  skills: [],
  draft: false,
  ...extra,
});
const entry = (id: string, data: LessonData) => ({ id, data, version: 'v1', reflections: new Map<string, string>() });

const modules = [
  { id: 'b', data: mod(2) },
  { id: 'a', data: mod(1, { quiz: { id: 'a-quiz', passMark: 70 } }) },
  { id: 'd', data: mod(3, { draft: true }) },
];
const lessons = [
  entry('a/two', lesson(2)),
  entry('a/one', lesson(1)),
  entry('a/hidden', lesson(3, { draft: true })),
  entry('b/only', lesson(1)),
  entry('d/x', lesson(1)),
];
const scenarios = [{ id: 'a-talk', module: 'a' }];
const learnerCatalog = buildCatalog(modules, lessons, scenarios, { includeDrafts: false });
const trainerCatalog = buildCatalog(modules, lessons, scenarios, { includeDrafts: true });

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 9, minutes));
const rec = (moduleId: string, lessonId: string, opened: number, completed?: number): LessonRecord => ({
  moduleId,
  lessonId,
  firstOpenedAt: at(opened),
  lastOpenedAt: at(completed ?? opened),
  completedAt: completed === undefined ? null : at(completed),
});
const facts = (lessons: LessonRecord[], quizzes: string[] = [], runs: string[] = []): LearnerFacts => ({
  lessons,
  passedQuizzes: new Set(quizzes),
  finishedScenarios: new Set(runs),
});

describe('catalog', () => {
  it('orders modules and lessons and hides drafts from learners', () => {
    expect(learnerCatalog.map((m) => [m.id, m.lessons.map((l) => l.id)])).toEqual([
      ['a', ['one', 'two']],
      ['b', ['only']],
    ]);
    expect(trainerCatalog.map((m) => [m.id, m.lessons.map((l) => l.id)])).toEqual([
      ['a', ['one', 'two', 'hidden']],
      ['b', ['only']],
      ['d', ['x']],
    ]);
  });
  it('finds a lesson with its neighbours', () => {
    const found = findLesson(learnerCatalog, 'a', 'two');
    expect([found?.previous?.id, found?.next?.id, found?.position]).toEqual(['one', undefined, 2]);
    expect(findLesson(learnerCatalog, 'a', 'hidden')).toBeUndefined();
  });
});

describe('module progress', () => {
  const a = learnerCatalog[0]!;
  it('counts lessons, the quiz and each scenario as requirements', () => {
    expect(moduleProgress(a, facts([]))).toMatchObject({ status: 'not-started', done: 0, total: 4, percent: 0 });
    const p = moduleProgress(a, facts([rec('a', 'one', 0, 5), rec('a', 'two', 6)]));
    expect(p).toMatchObject({ status: 'in-progress', done: 1, total: 4, percent: 25, quizPassed: false });
    expect(p.lessonStatus.get('two')).toBe('in-progress');
    expect(p.nextLesson?.id).toBe('two');
  });
  it('is complete only when lessons, quiz and role-play are all done', () => {
    const lessonsDone = [rec('a', 'one', 0, 5), rec('a', 'two', 6, 9)];
    expect(moduleProgress(a, facts(lessonsDone, ['a-quiz'])).status).toBe('in-progress');
    expect(moduleProgress(a, facts(lessonsDone, ['a-quiz'], ['a-talk']))).toMatchObject({ status: 'completed', percent: 100 });
  });
  it('ignores records of draft or removed lessons', () => {
    expect(moduleProgress(a, facts([rec('a', 'hidden', 0, 1), rec('a', 'gone', 0, 1)]))).toMatchObject({ done: 0 });
  });
  it('rounds down so 100% always means done', () => {
    const b3 = buildCatalog(
      [{ id: 'c', data: mod(1) }],
      [entry('c/1', lesson(1)), entry('c/2', lesson(2)), entry('c/3', lesson(3))],
      [],
      { includeDrafts: false },
    )[0]!;
    expect(moduleProgress(b3, facts([rec('c', '1', 0, 1), rec('c', '2', 0, 1)])).percent).toBe(66);
  });
});

describe('resume point and overall progress', () => {
  it('resumes the most recently opened unfinished lesson', () => {
    expect(resumePoint(learnerCatalog, facts([rec('a', 'one', 0), rec('b', 'only', 10)]))?.key).toBe('b/only');
  });
  it('after finishing a lesson, resumes with the next one in that module', () => {
    expect(resumePoint(learnerCatalog, facts([rec('a', 'one', 0, 20)]))?.key).toBe('a/two');
  });
  it('has no resume point for a new learner', () => {
    expect(resumePoint(learnerCatalog, facts([]))).toBeUndefined();
  });
  it('totals every requirement', () => {
    const o = overallProgress(learnerCatalog, facts([rec('a', 'one', 0, 1), rec('b', 'only', 0, 1)]));
    expect(o).toMatchObject({ done: 2, total: 5, percent: 40, completedModules: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fixtureCourse } from '../helpers/course-fixture.ts';
import { buildCatalog } from '../../src/lib/content/catalog.ts';
import { moduleProgress, type LessonRecord } from '../../src/lib/progress/rules.ts';
import { buildMatrix, moduleStatus, summarise, type TeamFacts } from '../../src/lib/insight/matrix.ts';

const course = fixtureCourse();
const { id: _i, lessons: _l, scenarioIds: _s, ...moduleData } = course[0]!;
const { key: _k, moduleId: _m, id: _j, version: _v, reflections: _r, ...lessonData } = course[0]!.lessons[0]!;
const now = new Date(Date.UTC(2026, 10, 20, 12));
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const people = ['ann', 'bob', 'cy'].map((id) => ({ id, displayName: id.toUpperCase(), email: `${id}@example.com` }));
const empty: TeamFacts = { lessons: [], passedQuizzes: [], finishedScenarios: [], assignments: [] };

describe('module status from aggregated counts', () => {
  it('agrees with the progress rules for any records (property)', () => {
    const lessonIds = ['one', 'two', 'three', 'draft', 'removed'];
    const arbModule = fc.record({
      lessons: fc.integer({ min: 0, max: 3 }),
      quiz: fc.boolean(),
      scenarios: fc.integer({ min: 0, max: 2 }),
    });
    const arbFacts = fc.record({
      records: fc.uniqueArray(fc.record({ lessonId: fc.constantFrom(...lessonIds), done: fc.boolean() }), {
        selector: (r) => r.lessonId,
      }),
      quizPassed: fc.boolean(),
      finished: fc.subarray(['s0', 's1']),
    });
    fc.assert(
      fc.property(arbModule, arbFacts, (shape, f) => {
        const [module] = buildCatalog(
          [{ id: 'm', data: { ...moduleData, quiz: shape.quiz ? { id: 'q', passMark: 50 } : undefined } }],
          lessonIds.slice(0, shape.lessons).map((id, i) => ({
            id: `m/${id}`,
            data: { ...lessonData, order: i + 1 },
            version: 'v',
            reflections: new Map(),
          })),
          ['s0', 's1'].slice(0, shape.scenarios).map((id) => ({ id, module: 'm' })),
          { includeDrafts: false },
        );
        const at = new Date(0);
        const lessons: LessonRecord[] = f.records.map((r) => ({
          moduleId: 'm',
          lessonId: r.lessonId,
          firstOpenedAt: at,
          lastOpenedAt: at,
          completedAt: r.done ? at : null,
        }));
        const expected = moduleProgress(module!, {
          lessons,
          passedQuizzes: new Set(f.quizPassed ? ['q'] : []),
          finishedScenarios: new Set(f.finished),
        });
        // What the grouped SQL returns: every row of the module, and completed rows of published lessons.
        const published = new Set(module!.lessons.map((l) => l.id));
        const got = moduleStatus(module!, {
          opened: lessons.length,
          completedLessons: lessons.filter((l) => l.completedAt && published.has(l.lessonId)).length,
          quizPassed: f.quizPassed,
          scenariosFinished: module!.scenarioIds.filter((id) => f.finished.includes(id)).length,
        });
        expect(got).toEqual({ progress: expected.status, done: expected.done, total: expected.total, percent: expected.percent });
      }),
      { numRuns: 300 },
    );
  });
});

describe('the matrix', () => {
  it('marks a module overdue only when its due date has passed and it is not complete', () => {
    const facts: TeamFacts = {
      lessons: [
        { userId: 'ann', moduleId: 'respect', opened: 1, completed: 1 },
        { userId: 'bob', moduleId: 'listen', opened: 2, completed: 1 },
      ],
      passedQuizzes: [],
      finishedScenarios: [],
      assignments: [
        { userId: 'ann', moduleId: 'respect', dueAt: daysAgo(3) }, // complete: never overdue
        { userId: 'ann', moduleId: 'listen', dueAt: daysAgo(-3) }, // due later: not started
        { userId: 'bob', moduleId: 'listen', dueAt: daysAgo(1) }, // in progress and late
        { userId: 'cy', moduleId: 'respect', dueAt: daysAgo(1) }, // not started and late
      ],
    };
    const m = buildMatrix(course, people, facts, now);
    expect(m.modules.map((x) => x.id)).toEqual(['listen', 'respect']);
    expect(m.rows.map((r) => r.cells.map((c) => c.status))).toEqual([
      ['not-started', 'completed'],
      ['overdue', 'not-started'],
      ['not-started', 'overdue'],
    ]);
    expect(m.rows[1]!.cells[0]).toMatchObject({ progress: 'in-progress', done: 1, total: 4, percent: 25, dueAt: daysAgo(1) });
  });

  it('counts a passed quiz and finished role-play only for their own module and person', () => {
    const facts: TeamFacts = {
      ...empty,
      lessons: [{ userId: 'ann', moduleId: 'listen', opened: 2, completed: 2 }],
      passedQuizzes: [
        { userId: 'ann', quizId: 'listen-quiz' },
        { userId: 'bob', quizId: 'listen-quiz' },
      ],
      finishedScenarios: [{ userId: 'ann', scenarioId: 'listen-talk' }],
    };
    const m = buildMatrix(course, people, facts, now);
    expect(m.rows[0]!.cells[0]).toMatchObject({ status: 'completed', done: 4, percent: 100 });
    expect(m.rows[1]!.cells[0]).toMatchObject({ status: 'in-progress', done: 1 });
    expect(m.rows[2]!.cells.map((c) => c.status)).toEqual(['not-started', 'not-started']);
  });

  it('summarises completion per module and overall, rounding down', () => {
    const facts: TeamFacts = {
      ...empty,
      lessons: [
        { userId: 'ann', moduleId: 'respect', opened: 1, completed: 1 },
        { userId: 'bob', moduleId: 'respect', opened: 1, completed: 1 },
        { userId: 'cy', moduleId: 'listen', opened: 1, completed: 0 },
      ],
      assignments: [{ userId: 'ann', moduleId: 'listen', dueAt: daysAgo(1) }],
    };
    const s = summarise(buildMatrix(course, people, facts, now));
    expect(s).toMatchObject({ people: 3, cells: 6, completed: 2, completionRate: 33 });
    expect(s.counts).toEqual({ 'not-started': 2, 'in-progress': 1, completed: 2, overdue: 1 });
    expect(s.modules.map((x) => [x.moduleId, x.completionRate, x.counts.overdue])).toEqual([
      ['listen', 0, 1],
      ['respect', 66, 0],
    ]);
  });

  it('gives an empty team a zero rate instead of dividing by zero', () => {
    expect(summarise(buildMatrix(course, [], empty, now))).toMatchObject({ people: 0, cells: 0, completionRate: 0 });
  });
});

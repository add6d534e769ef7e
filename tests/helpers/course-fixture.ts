// A small published course for dashboard tests: two modules, one with a quiz and a role-play, plus a
// draft lesson and a draft module that progress must ignore.
import { buildCatalog, type CatalogModule } from '../../src/lib/content/catalog.ts';
import type { LessonData } from '../../src/schemas/lesson.ts';
import type { ModuleData } from '../../src/schemas/module.ts';

const mod = (order: number, title: string, extra: Partial<ModuleData> = {}): ModuleData => ({
  title,
  summary: 'A module for testing the dashboard.',
  objectives: ['Do the thing that is measured here.'],
  order,
  audience: 'Everyone',
  estimatedMinutes: 30,
  draft: false,
  ...extra,
});
const lesson = (order: number, draft = false): LessonData => ({
  title: `Lesson ${order}`,
  summary: 'A lesson for testing the dashboard.',
  objectives: ['Do the thing that is measured here.'],
  estimatedMinutes: 5,
  order,
  skills: [],
  draft,
});
const entry = (id: string, data: LessonData) => ({ id, data, version: 'v1', reflections: new Map<string, string>() });

/** listen: lessons l1, l2 (+ a draft), quiz listen-quiz (pass mark 70), role-play listen-talk. respect: lesson r1 only. */
export function fixtureCourse(): CatalogModule[] {
  return buildCatalog(
    [
      { id: 'listen', data: mod(1, 'Listening', { quiz: { id: 'listen-quiz', passMark: 70 } }) },
      { id: 'respect', data: mod(2, 'Respect') },
      { id: 'hidden', data: mod(3, 'Hidden', { draft: true }) },
    ],
    [
      entry('listen/l1', lesson(1)),
      entry('listen/l2', lesson(2)),
      entry('listen/draft', lesson(3, true)),
      entry('respect/r1', lesson(1)),
      entry('hidden/h1', lesson(1)),
    ],
    [{ id: 'listen-talk', module: 'listen' }],
    { includeDrafts: false },
  );
}

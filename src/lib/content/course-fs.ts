/**
 * The published course read straight from content/ on disk, with everything scripts outside Astro need
 * to act as learners would: modules in order with their lessons (and each lesson's content version, as
 * src/data/catalog.ts derives it), knowledge checks and role-plays, and every quiz, scenario and practice
 * prompt parsed.
 * Used by the demo activity seeded on first run and by the benchmarks. Node only; expects content that
 * passes `npm run content:check` (it throws on anything that does not parse).
 */
import { createHash } from 'node:crypto';
import { loadContent } from './load-fs.ts';
import { quizSchema, type Quiz } from '../../schemas/quiz.ts';
import { scenarioSchema, type Scenario } from '../../schemas/scenario.ts';
import { moduleSchema } from '../../schemas/module.ts';
import { lessonSchema } from '../../schemas/lesson.ts';
import { practicePromptSchema, type PracticePrompt } from '../../schemas/practice.ts';

export function loadCourseFromDisk(root: string) {
  const source = loadContent(root);
  const modules = source.modules
    .map((m) => ({ id: m.id, ...moduleSchema.parse(m.data) }))
    .filter((m) => !m.draft)
    .sort((a, b) => a.order - b.order);
  const lessons = source.lessons.map((l) => {
    const data = lessonSchema.parse(l.data);
    // The content version as src/data/catalog.ts derives it (Astro's loader hands it the body trimmed).
    const version = createHash('sha256').update(l.body.trim()).update(JSON.stringify(data)).digest('hex').slice(0, 16);
    return { id: l.id.slice(l.moduleId.length + 1), moduleId: l.moduleId, version, ...data };
  });
  const quizzes = new Map<string, Quiz & { id: string }>(
    source.quizzes.map((q) => [q.id, { id: q.id, ...quizSchema.parse(q.data) }]),
  );
  const scenarios = new Map<string, Scenario & { id: string }>(
    source.scenarios.map((s) => [s.id, { id: s.id, ...scenarioSchema.parse(s.data) }]),
  );
  const practice = new Map<string, PracticePrompt & { id: string }>(
    (source.practice ?? [])
      .map((p) => ({ id: p.id, ...practicePromptSchema.parse(p.data) }))
      .filter((p) => !p.draft)
      .map((p) => [p.id, p]),
  );
  return {
    modules: modules.map((m) => ({
      ...m,
      lessons: lessons
        .filter((l) => l.moduleId === m.id && !l.draft)
        .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id)),
      checks: [...quizzes.values()].filter((q) => q.module === m.id && q.id !== m.quiz?.id).map((q) => q.id),
      scenarioIds: [...scenarios.values()].filter((s) => s.module === m.id).map((s) => s.id),
    })),
    quizzes,
    scenarios,
    /** Published reply-practice prompts, by id. */
    practice,
  };
}

export type DiskCourse = ReturnType<typeof loadCourseFromDisk>;

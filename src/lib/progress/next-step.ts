/**
 * The next unfinished thing for a learner: what "Continue" on the home page and the step after a
 * completed lesson point at. Within a module the order is its lessons, then its end-of-module quiz, then
 * its role-plays, the order the module page lists them; a module's quiz is a step even when every lesson
 * is done, so "Continue" never falls back to "start the first module" while work is left.
 */
import { lessonHref, type CatalogLesson, type CatalogModule } from '../content/catalog.ts';
import { moduleProgress, type LearnerFacts } from './rules.ts';

export type NextStep =
  | { kind: 'lesson'; moduleId: string; lesson: CatalogLesson }
  | { kind: 'quiz'; moduleId: string; quizId: string }
  | { kind: 'role-play'; moduleId: string; scenarioId: string };

/** The first unfinished requirement of one module, or undefined when it is complete. */
export function nextInModule(module: CatalogModule, facts: LearnerFacts): NextStep | undefined {
  const progress = moduleProgress(module, facts);
  if (progress.nextLesson) return { kind: 'lesson', moduleId: module.id, lesson: progress.nextLesson };
  if (module.quiz && !progress.quizPassed) return { kind: 'quiz', moduleId: module.id, quizId: module.quiz.id };
  const scenarioId = module.scenarioIds.find((id) => !facts.finishedScenarios.has(id));
  return scenarioId ? { kind: 'role-play', moduleId: module.id, scenarioId } : undefined;
}

/**
 * The step after completing `lessonId` (already recorded in `facts`): the next unfinished lesson after it,
 * else one skipped before it, else the quiz, then the role-plays. A lesson read already is passed over.
 */
export function nextAfterLesson(module: CatalogModule, facts: LearnerFacts, lessonId: string): NextStep | undefined {
  const progress = moduleProgress(module, facts);
  const at = module.lessons.findIndex((l) => l.id === lessonId);
  const unfinished = (l: CatalogLesson) => progress.lessonStatus.get(l.id) !== 'completed';
  const lesson = module.lessons.slice(at + 1).find(unfinished) ?? module.lessons.slice(0, Math.max(at, 0)).find(unfinished);
  if (lesson) return { kind: 'lesson', moduleId: module.id, lesson };
  return nextInModule(module, facts);
}

/**
 * Where "Continue" goes, first match wins: the lesson opened most recently and not completed; the next
 * step of the module touched last; of the assigned modules (most urgent first); of any module begun; of the
 * first module not begun. Undefined once every module is complete.
 */
export function continueStep(
  catalog: CatalogModule[],
  facts: LearnerFacts,
  assignedModuleIds: string[] = [],
): NextStep | undefined {
  const lessons = new Map(catalog.flatMap((m) => m.lessons.map((l) => [`${m.id}/${l.id}`, l] as const)));
  const recent = [...facts.lessons]
    .filter((r) => lessons.has(`${r.moduleId}/${r.lessonId}`))
    .sort((a, b) => b.lastOpenedAt.getTime() - a.lastOpenedAt.getTime());
  const open = recent.find((r) => !r.completedAt);
  if (open) return { kind: 'lesson', moduleId: open.moduleId, lesson: lessons.get(`${open.moduleId}/${open.lessonId}`)! };
  const byId = (id: string | undefined) => catalog.find((m) => m.id === id);
  const candidates = [
    byId(recent[0]?.moduleId),
    ...assignedModuleIds.map(byId),
    ...catalog.filter((m) => moduleProgress(m, facts).status === 'in-progress'),
    ...catalog,
  ];
  for (const module of candidates) {
    const step = module && nextInModule(module, facts);
    if (step) return step;
  }
  return undefined;
}

/** Whether the learner has begun anything at all (the home card says "Continue" rather than "Start"). */
export function hasBegun(facts: LearnerFacts): boolean {
  return facts.lessons.length > 0 || facts.passedQuizzes.size > 0 || facts.finishedScenarios.size > 0;
}

/** A step as a compact URL value (`quiz`, `role-play:<id>`, `lesson:<id>`), for a redirect to carry. */
export function stepKey(step: NextStep | undefined): string {
  if (!step) return 'done';
  if (step.kind === 'lesson') return `lesson:${step.moduleId}/${step.lesson.id}`;
  return step.kind === 'quiz' ? `quiz:${step.moduleId}` : `role-play:${step.scenarioId}`;
}

/** The step a key names in this module, checked against the catalog; `done` for a completed module. */
export function stepFromKey(module: CatalogModule, key: string | null): NextStep | 'done' | undefined {
  if (key === 'done') return 'done';
  if (key === `quiz:${module.id}` && module.quiz) return { kind: 'quiz', moduleId: module.id, quizId: module.quiz.id };
  if (key?.startsWith('role-play:')) {
    const scenarioId = key.slice('role-play:'.length);
    if (module.scenarioIds.includes(scenarioId)) return { kind: 'role-play', moduleId: module.id, scenarioId };
  }
  const lesson = module.lessons.find((l) => key === `lesson:${module.id}/${l.id}`);
  return lesson ? { kind: 'lesson', moduleId: module.id, lesson } : undefined;
}

/** Where a step is taken. A quiz comes back to its module page afterwards. */
export function stepHref(step: NextStep): string {
  if (step.kind === 'lesson') return lessonHref(step.lesson);
  if (step.kind === 'quiz') return `/quizzes/${step.quizId}?from=${encodeURIComponent(`/modules/${step.moduleId}`)}`;
  return `/scenarios/${step.scenarioId}`;
}

/**
 * How progress is derived. A module is complete when every one of its requirements is done:
 * each (published) lesson completed, its end-of-module quiz passed (if it has one) and each of its
 * role-play scenarios finished. Nothing here is stored: it is computed from the recorded facts, so
 * adding a lesson to a module re-opens it honestly instead of leaving a stale "complete" flag.
 * See docs/decisions/002-progress-model.md.
 */
import type { CatalogLesson, CatalogModule } from '../content/catalog.ts';

export interface LessonRecord {
  moduleId: string;
  lessonId: string;
  firstOpenedAt: Date;
  lastOpenedAt: Date;
  completedAt: Date | null;
}

export interface LearnerFacts {
  lessons: LessonRecord[];
  /** Quiz ids the learner has passed at least once. */
  passedQuizzes: ReadonlySet<string>;
  /** Scenario ids the learner has finished at least once. */
  finishedScenarios: ReadonlySet<string>;
}

export type Status = 'not-started' | 'in-progress' | 'completed';

export interface ModuleProgress {
  moduleId: string;
  status: Status;
  done: number;
  total: number;
  /** 0-100, rounded down so that 100 means truly complete. */
  percent: number;
  lessonStatus: Map<string, Status>;
  quizPassed: boolean | null;
  scenariosFinished: number;
  /** The first lesson not yet completed, for "continue". */
  nextLesson: CatalogLesson | undefined;
}

export function lessonStatus(record: LessonRecord | undefined): Status {
  if (!record) return 'not-started';
  return record.completedAt ? 'completed' : 'in-progress';
}

export function moduleProgress(module: CatalogModule, facts: LearnerFacts): ModuleProgress {
  const records = new Map(facts.lessons.filter((r) => r.moduleId === module.id).map((r) => [r.lessonId, r]));
  const statuses = new Map(module.lessons.map((l) => [l.id, lessonStatus(records.get(l.id))]));
  const lessonsDone = [...statuses.values()].filter((s) => s === 'completed').length;
  const quizPassed = module.quiz ? facts.passedQuizzes.has(module.quiz.id) : null;
  const scenariosFinished = module.scenarioIds.filter((id) => facts.finishedScenarios.has(id)).length;
  const total = module.lessons.length + (module.quiz ? 1 : 0) + module.scenarioIds.length;
  const done = lessonsDone + (quizPassed ? 1 : 0) + scenariosFinished;
  const touched = records.size > 0 || done > 0;
  return {
    moduleId: module.id,
    status: total > 0 && done === total ? 'completed' : touched ? 'in-progress' : 'not-started',
    done,
    total,
    percent: total === 0 ? 0 : Math.floor((done / total) * 100),
    lessonStatus: statuses,
    quizPassed,
    scenariosFinished,
    nextLesson: module.lessons.find((l) => statuses.get(l.id) !== 'completed'),
  };
}

/** Where "continue where you left off" goes: the most recently opened lesson that is not complete,
 * else the next unfinished lesson of the most recently touched module. */
export function resumePoint(catalog: CatalogModule[], facts: LearnerFacts): CatalogLesson | undefined {
  const visible = new Map(catalog.flatMap((m) => m.lessons.map((l) => [`${m.id}/${l.id}`, l] as const)));
  const recent = [...facts.lessons]
    .filter((r) => visible.has(`${r.moduleId}/${r.lessonId}`))
    .sort((a, b) => b.lastOpenedAt.getTime() - a.lastOpenedAt.getTime());
  const open = recent.find((r) => !r.completedAt);
  if (open) return visible.get(`${open.moduleId}/${open.lessonId}`);
  const last = recent[0];
  if (!last) return undefined;
  const module = catalog.find((m) => m.id === last.moduleId);
  return module ? moduleProgress(module, facts).nextLesson : undefined;
}

export interface OverallProgress {
  done: number;
  total: number;
  percent: number;
  completedModules: number;
  modules: ModuleProgress[];
}

export function overallProgress(catalog: CatalogModule[], facts: LearnerFacts): OverallProgress {
  const modules = catalog.map((m) => moduleProgress(m, facts));
  const done = modules.reduce((n, m) => n + m.done, 0);
  const total = modules.reduce((n, m) => n + m.total, 0);
  return {
    done,
    total,
    percent: total === 0 ? 0 : Math.floor((done / total) * 100),
    completedModules: modules.filter((m) => m.status === 'completed').length,
    modules,
  };
}

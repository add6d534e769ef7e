/**
 * The course catalog as plain data: modules in order, each with its lessons in order, drafts hidden
 * unless the viewer may preview them. Built from content entries by src/data/catalog.ts.
 */
import type { LessonData } from '../../schemas/lesson.ts';
import type { ModuleData } from '../../schemas/module.ts';

export interface CatalogLesson extends LessonData {
  /** `<module-id>/<lesson-id>`, unique across the course. */
  key: string;
  moduleId: string;
  /** The lesson id within its module (its file name), used in URLs. */
  id: string;
  /** Changes whenever the lesson's file changes; stored with a completion. */
  version: string;
  /** Reflection prompts in the lesson body, by reflection id. */
  reflections: Map<string, string>;
}

export interface CatalogModule extends ModuleData {
  id: string;
  lessons: CatalogLesson[];
  /** Scenarios that belong to this module, by id. */
  scenarioIds: string[];
}

export interface ModuleEntry {
  id: string;
  data: ModuleData;
}
export interface LessonEntry {
  /** `<module-id>/<lesson-id>` */
  id: string;
  data: LessonData;
  version: string;
  reflections: Map<string, string>;
}

export function buildCatalog(
  modules: ModuleEntry[],
  lessons: LessonEntry[],
  scenarios: { id: string; module: string }[],
  { includeDrafts }: { includeDrafts: boolean },
): CatalogModule[] {
  const visible = <T extends { draft: boolean }>(d: T) => includeDrafts || !d.draft;
  return modules
    .filter((m) => visible(m.data))
    .map((m) => ({
      ...m.data,
      id: m.id,
      lessons: lessons
        .filter((l) => l.id.startsWith(`${m.id}/`) && visible(l.data))
        .map((l) => ({
          ...l.data,
          key: l.id,
          moduleId: m.id,
          id: l.id.slice(m.id.length + 1),
          version: l.version,
          reflections: l.reflections,
        }))
        .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id)),
      scenarioIds: scenarios
        .filter((s) => s.module === m.id)
        .map((s) => s.id)
        .sort(),
    }))
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

export function findLesson(catalog: CatalogModule[], moduleId: string, lessonId: string) {
  const module = catalog.find((m) => m.id === moduleId);
  const index = module?.lessons.findIndex((l) => l.id === lessonId) ?? -1;
  if (!module || index < 0) return undefined;
  return {
    module,
    lesson: module.lessons[index]!,
    previous: module.lessons[index - 1],
    next: module.lessons[index + 1],
    position: index + 1,
  };
}

export function lessonHref(lesson: { moduleId: string; id: string }): string {
  return `/modules/${lesson.moduleId}/${lesson.id}`;
}

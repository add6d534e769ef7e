/**
 * When a module was completed: the moment its last requirement was met (the latest of its lessons'
 * completions, the first pass of its quiz and the first finish of each role-play). Pure, by the same rule
 * as the progress model (docs/decisions/002-progress-model.md): null while any requirement is missing.
 */
import type { CatalogModule } from '../content/catalog.ts';

export interface CompletionTimes {
  /** `<module>/<lesson>` to when the lesson was completed. */
  lessons: ReadonlyMap<string, Date>;
  /** Quiz id to the first passing submission. */
  quizzes: ReadonlyMap<string, Date>;
  /** Scenario id to the first finished run. */
  scenarios: ReadonlyMap<string, Date>;
}

export const NO_TIMES: CompletionTimes = { lessons: new Map(), quizzes: new Map(), scenarios: new Map() };

export function moduleCompletedAt(module: CatalogModule, times: CompletionTimes): Date | null {
  const moments = [
    ...module.lessons.map((l) => times.lessons.get(`${module.id}/${l.id}`)),
    ...(module.quiz ? [times.quizzes.get(module.quiz.id)] : []),
    ...module.scenarioIds.map((id) => times.scenarios.get(id)),
  ];
  if (moments.length === 0 || moments.some((m) => !m)) return null;
  return new Date(Math.max(...moments.map((m) => m!.getTime())));
}

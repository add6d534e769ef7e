/**
 * When a learner has completed a learning path. A path's module counts when each of its lessons is
 * completed, its end-of-module quiz passed and each of its role-plays played to an ending, the same
 * requirements as src/lib/progress/rules.ts. For a renewal only work done since the recertification
 * window opened counts for quizzes and role-plays; lessons keep their first completion (decision 002),
 * so reading is never asked twice. See docs/decisions/014-certificates.md.
 */
import type { CatalogModule } from '../content/catalog.ts';
import type { PathData } from '../../schemas/path.ts';

export interface LearningPath extends PathData {
  id: string;
  /** Changes whenever the path's file changes; stored on every certificate it grants. */
  version: string;
}

/** Facts with their dates, so that a renewal can ask "since when". */
export interface DatedFacts {
  /** `<module-id>/<lesson-id>` of every completed lesson. */
  completedLessons: ReadonlySet<string>;
  quizPasses: { quizId: string; at: Date }[];
  scenarioEndings: { scenarioId: string; at: Date }[];
}

export interface PathCompletion {
  complete: boolean;
  /** Required modules not yet done, in path order. */
  missing: string[];
  /** Elective modules done, and how many the path asks for (0 without electives). */
  electivesDone: string[];
  electivesNeeded: number;
}

function doneSince<T extends { at: Date }>(items: T[], match: (t: T) => boolean, since: Date | null): boolean {
  return items.some((t) => match(t) && (!since || t.at.getTime() >= since.getTime()));
}

/** Whether one module's requirements are met (quizzes and role-plays only since `since`, if given). */
export function moduleDone(module: CatalogModule, facts: DatedFacts, since: Date | null = null): boolean {
  const lessons = module.lessons.every((l) => facts.completedLessons.has(`${module.id}/${l.id}`));
  const quiz = !module.quiz || doneSince(facts.quizPasses, (p) => p.quizId === module.quiz!.id, since);
  const scenarios = module.scenarioIds.every((id) => doneSince(facts.scenarioEndings, (e) => e.scenarioId === id, since));
  const total = module.lessons.length + (module.quiz ? 1 : 0) + module.scenarioIds.length;
  return total > 0 && lessons && quiz && scenarios;
}

/** How far a learner is through a path. A module missing from the catalog (a draft) is never done. */
export function pathCompletion(
  path: LearningPath,
  catalog: CatalogModule[],
  facts: DatedFacts,
  since: Date | null = null,
): PathCompletion {
  const done = (id: string) => {
    const module = catalog.find((m) => m.id === id);
    return !!module && moduleDone(module, facts, since);
  };
  const missing = path.modules.filter((id) => !done(id));
  const electivesDone = (path.electives?.from ?? []).filter(done);
  const electivesNeeded = path.electives?.choose ?? 0;
  return {
    complete: missing.length === 0 && electivesDone.length >= electivesNeeded,
    missing,
    electivesDone,
    electivesNeeded,
  };
}

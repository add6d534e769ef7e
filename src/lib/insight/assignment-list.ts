/**
 * The manager's list of assignments: each with the person's progress and due status, grouped by the
 * person's current team, most urgent first within a team.
 */
import type { CatalogModule } from '../content/catalog.ts';
import { moduleProgress, type LearnerFacts } from '../progress/rules.ts';
import { dueStatus, sortByUrgency, type DueStatus } from './due.ts';
import { moduleCompletedAt, NO_TIMES, type CompletionTimes } from './completion.ts';

export interface AssignmentInput {
  id: string;
  userId: string;
  moduleId: string;
  dueAt: Date;
  lastRemindedAt?: Date | null;
  person: { displayName: string; teamName: string | null };
}

export interface ListedAssignment {
  id: string;
  personName: string;
  moduleId: string;
  /** The module's title, or its id when it is no longer published. */
  title: string;
  published: boolean;
  dueAt: Date;
  due: DueStatus;
  done: number;
  total: number;
  /** When the module was completed, once it is (from `times`); null before, or when times were not given. */
  completedAt: Date | null;
  lastRemindedAt: Date | null;
  /** For sorting: person, then module. */
  label: string;
}

export interface TeamGroup {
  /** The team's name, or null for people without a team (admins only see those). */
  teamName: string | null;
  assignments: ListedAssignment[];
}

const EMPTY: LearnerFacts = { lessons: [], passedQuizzes: new Set(), finishedScenarios: new Set() };

export function listAssignments(
  rows: readonly AssignmentInput[],
  catalog: readonly CatalogModule[],
  facts: ReadonlyMap<string, LearnerFacts>,
  now: Date,
  times: ReadonlyMap<string, CompletionTimes> = new Map(),
): TeamGroup[] {
  const modules = new Map(catalog.map((m) => [m.id, m]));
  const groups = new Map<string | null, ListedAssignment[]>();
  for (const row of rows) {
    const module = modules.get(row.moduleId);
    const progress = module ? moduleProgress(module, facts.get(row.userId) ?? EMPTY) : undefined;
    const title = module?.title ?? row.moduleId;
    const listed: ListedAssignment = {
      id: row.id,
      personName: row.person.displayName,
      moduleId: row.moduleId,
      title,
      published: !!module,
      dueAt: row.dueAt,
      due: dueStatus(row.dueAt, progress?.status ?? 'not-started', now),
      done: progress?.done ?? 0,
      total: progress?.total ?? 0,
      completedAt:
        module && progress?.status === 'completed' ? moduleCompletedAt(module, times.get(row.userId) ?? NO_TIMES) : null,
      lastRemindedAt: row.lastRemindedAt ?? null,
      label: `${row.person.displayName}\u0000${title}`,
    };
    const key = row.person.teamName;
    groups.set(key, [...(groups.get(key) ?? []), listed]);
  }
  return [...groups]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([teamName, assignments]) => ({ teamName, assignments: sortByUrgency(assignments) }));
}

/**
 * Current work and history: finished assignments leave the current list for the history, most recently
 * completed first. Teams with nothing left in a list drop out of it.
 */
export function splitHistory(groups: readonly TeamGroup[]): { current: TeamGroup[]; history: TeamGroup[] } {
  const pick = (done: boolean) =>
    groups
      .map((g) => ({ ...g, assignments: g.assignments.filter((a) => (a.due === 'done') === done) }))
      .filter((g) => g.assignments.length > 0);
  const history = pick(true).map((g) => ({
    ...g,
    assignments: [...g.assignments].sort((a, b) => (b.completedAt?.getTime() ?? 0) - (a.completedAt?.getTime() ?? 0)),
  }));
  return { current: pick(false), history };
}

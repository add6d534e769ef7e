/**
 * The manager's list of assignments: each with the person's progress and due status, grouped by the
 * person's current team, most urgent first within a team.
 */
import type { CatalogModule } from '../content/catalog.ts';
import { moduleProgress, type LearnerFacts } from '../progress/rules.ts';
import { dueStatus, sortByUrgency, type DueStatus } from './due.ts';

export interface AssignmentInput {
  id: string;
  userId: string;
  moduleId: string;
  dueAt: Date;
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
      label: `${row.person.displayName}\u0000${title}`,
    };
    const key = row.person.teamName;
    groups.set(key, [...(groups.get(key) ?? []), listed]);
  }
  return [...groups]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([teamName, assignments]) => ({ teamName, assignments: sortByUrgency(assignments) }));
}

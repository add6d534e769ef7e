/**
 * A team at a glance, for the home page of someone who manages it: what needs them now (overdue work),
 * what is coming (work due in the next seven days) and how far the team has got (completion). Pure: it
 * reads the same matrix as the team dashboard, so the two never disagree.
 */
import type { Matrix, MatrixSummary } from './matrix.ts';

/** "Due this week" means due within this long from now and not yet overdue or completed. */
export const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export interface TeamGlance {
  people: number;
  /** Assigned modules past their due date and not completed (people x modules). */
  overdue: number;
  /** Assigned modules due in the next seven days and not completed. */
  dueThisWeek: number;
  /** As on the dashboard: completed cells out of people x modules, rounded down. */
  completionRate: number;
}

export function teamGlance(matrix: Matrix, summary: MatrixSummary, now: Date): TeamGlance {
  let dueThisWeek = 0;
  for (const row of matrix.rows)
    for (const cell of row.cells) {
      if (cell.status === 'completed' || cell.status === 'overdue' || !cell.dueAt) continue;
      if (cell.dueAt.getTime() - now.getTime() <= WEEK_MS) dueThisWeek++;
    }
  return { people: summary.people, overdue: summary.counts.overdue, dueThisWeek, completionRate: summary.completionRate };
}

/** Teams that need attention first: most overdue, then most due this week, then by name. */
export function byAttention<T extends { name: string; glance: TeamGlance }>(teams: readonly T[]): T[] {
  return [...teams].sort(
    (a, b) => b.glance.overdue - a.glance.overdue || b.glance.dueThisWeek - a.glance.dueThisWeek || a.name.localeCompare(b.name),
  );
}

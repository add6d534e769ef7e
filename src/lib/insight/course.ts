/** What the dashboard needs to know about the course, from the catalog and the scenario files. */
import type { CatalogModule } from '../content/catalog.ts';
import { bestPossible } from '../scenario/index.ts';
import type { Scenario } from '../../schemas/scenario.ts';
import type { BestBySkill } from './team-stats.ts';

export interface CourseFacts {
  /** Published modules: progress is measured against what learners can see, whoever is looking. */
  modules: CatalogModule[];
  /** Per scenario, the most points a run can earn in each skill. */
  best: BestBySkill;
}

export function courseFacts(publishedCatalog: CatalogModule[], scenarios: (Scenario & { id: string })[]): CourseFacts {
  return {
    modules: publishedCatalog,
    best: new Map(scenarios.map((s) => [s.id, bestPossible(s).perSkill])),
  };
}

/** Short date for tables and CSV: YYYY-MM-DD (UTC). */
export function day(date: Date | null | undefined): string {
  return date ? date.toISOString().slice(0, 10) : '';
}

/** Date and time for tables: YYYY-MM-DD HH:MM UTC. */
export function dateTime(date: Date | null | undefined): string {
  return date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
}

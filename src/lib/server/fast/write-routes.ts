/**
 * What the write fast path (src/lib/server/fast/write-fast-path.ts) may take on: for each role, the quiz
 * and role-play addresses its members have been let into by the Astro page, with the content that
 * page loaded. The Astro page is where the rules live (the permission to learn, drafts visible only to
 * those who preview content, the module's pass mark); it records its answer here after applying them,
 * and the fast path serves only what is recorded. Whether a role may post to an address depends on the
 * role alone, so one entry per (role, address) is exact.
 *
 * Like the lesson shells (src/lib/server/fast/lesson-shells.ts) the store is process-wide (./process-wide.ts), because
 * the Astro bundle and the server wrapper load separate copies of this module; it is bounded by the course
 * (quizzes and scenarios x roles), since only addresses of real content are ever recorded.
 */
import { processWide } from '../db/process-wide.ts';
import type { Role } from '../db/schema.ts';
import type { QuizWithId } from '../learning/quiz-attempts.ts';
import type { ScenarioWithId } from '../learning/scenario-runs.ts';

export type WriteRoute =
  { kind: 'quiz'; quiz: QuizWithId; passMark: number | null } | { kind: 'scenario'; scenario: ScenarioWithId };

interface Routes {
  byRole: Map<string, WriteRoute>;
  paths: Set<string>;
}

function routes(): Routes {
  return processWide<Routes>('writeRoutes', () => ({ byRole: new Map(), paths: new Set() }));
}

const keyOf = (role: Role, path: string) => `${role} ${path}`;

/** Records that members of `role` may post to `path` (the page's canonical address, no query). */
export function keepWriteRoute(role: Role, path: string, route: WriteRoute): void {
  const store = routes();
  store.byRole.set(keyOf(role, path), route);
  store.paths.add(path);
}

/** Whether any role may post to `path` on the fast path: lets every other request skip it for free. */
export function hasWriteRoute(path: string): boolean {
  return routes().paths.has(path);
}

export function findWriteRoute(role: Role, path: string): WriteRoute | undefined {
  return routes().byRole.get(keyOf(role, path));
}

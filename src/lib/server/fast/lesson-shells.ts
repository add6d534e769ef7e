/**
 * The process-wide store of lesson shells (src/lib/lesson-shell.ts): one per (role, lesson), filled
 * in by the Astro page the first time someone of that role opens the lesson, read by the fast path.
 *
 * The store is process-wide (./process-wide.ts) because its two users load separate copies of this
 * module: the Astro bundle (dist/server) and the server wrapper (scripts/serve.ts) that runs it. Keys are
 * canonical lesson paths only, so the store is bounded by the course (lessons x roles), whatever
 * URLs clients send.
 */
import { checkShell } from '../../lesson-shell.ts';
import { processWide } from '../db/process-wide.ts';
import type { LessonKey } from '../learning/lesson-state.ts';

export interface StoredShell {
  html: string;
  /** Response headers of the page, without Set-Cookie and the framing ones (the filled body differs in length). */
  headers: [string, string][];
  key: LessonKey;
}

interface Store {
  shells: Map<string, StoredShell>;
  paths: Set<string>;
}

function store(): Store {
  return processWide<Store>('lessonShells', () => ({ shells: new Map(), paths: new Set() }));
}

const PER_RESPONSE = new Set(['set-cookie', 'content-length', 'transfer-encoding', 'date', 'connection', 'keep-alive']);

const keyOf = (role: string, path: string) => `${role} ${path}`;

/** Whether any shell is stored for this path: lets the fast path skip every other URL for free. */
export function hasShellFor(path: string): boolean {
  return store().paths.has(path);
}

export function findShell(role: string, path: string): StoredShell | undefined {
  return store().shells.get(keyOf(role, path));
}

/** Keeps the first shell rendered for `role` at its canonical `path`; refuses one with unknown markers. */
export function keepShell(role: string, path: string, shell: StoredShell): void {
  const s = store();
  if (s.shells.has(keyOf(role, path))) return;
  const problems = checkShell(shell.html);
  if (problems.length) throw new Error(`Lesson shell for ${path} is malformed: ${problems.join('; ')}`);
  const headers = shell.headers.filter(([name]) => !PER_RESPONSE.has(name.toLowerCase()));
  s.shells.set(keyOf(role, path), { ...shell, headers });
  s.paths.add(path);
}

/** Empties the store (tests). */
export function forgetShells(): void {
  store().shells.clear();
  store().paths.clear();
}

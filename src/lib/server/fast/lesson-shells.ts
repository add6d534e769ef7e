/**
 * The store of lesson shells (src/lib/lesson-shell.ts) in this process: one per (role, lesson),
 * kept by the middleware the first time someone of that role opens the lesson's plain address, and
 * used for everyone of the role after. It holds renderings only: whether a viewer may see a lesson
 * is decided on every request by the route's loader (src/data/routes.ts). Keys are canonical lesson
 * paths found by that loader, so the store is bounded by the course (lessons x roles).
 */
import { checkShell } from '../../lesson-shell.ts';
import type { LessonKey } from '../learning/lesson-state.ts';

export interface StoredShell {
  html: string;
  /** Response headers of the page, without Set-Cookie and the framing ones (the filled body differs in length). */
  headers: [string, string][];
  key: LessonKey;
}

const shells = new Map<string, StoredShell>();

const PER_RESPONSE = new Set(['set-cookie', 'content-length', 'transfer-encoding', 'date', 'connection', 'keep-alive']);

const keyOf = (role: string, path: string) => `${role} ${path}`;

export function findShell(role: string, path: string): StoredShell | undefined {
  return shells.get(keyOf(role, path));
}

/** Keeps the first shell rendered for `role` at its canonical `path`; refuses one with unknown markers. */
export function keepShell(role: string, path: string, shell: StoredShell): void {
  if (shells.has(keyOf(role, path))) return;
  const problems = checkShell(shell.html);
  if (problems.length) throw new Error(`Lesson shell for ${path} is malformed: ${problems.join('; ')}`);
  const headers = shell.headers.filter(([name]) => !PER_RESPONSE.has(name.toLowerCase()));
  shells.set(keyOf(role, path), { ...shell, headers });
}

/** Empties the store (tests). */
export function forgetShells(): void {
  shells.clear();
}

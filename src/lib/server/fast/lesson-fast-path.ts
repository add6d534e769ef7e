/**
 * The fast path of lesson pages. For a plain GET of a lesson whose shell is stored for the reader's
 * role, it checks the session and fills the shell with the learner's values without entering Astro.
 * Anything else (no shell yet, a query string, a session that is invalid, expired or due for its
 * activity write, any error) returns null and the request goes to Astro as usual, which applies the
 * full rules, renders, and stores the shell for next time.
 */
import { fillShell } from '../../lesson-shell.ts';
import type { Db } from '../db/db.ts';
import type { Reader } from '../db/fast-read.ts';
import { findShell, hasShellFor } from './lesson-shells.ts';
import { accessKey } from '../../auth/permissions.ts';
import { lessonState, noteOpened } from '../learning/lesson-state.ts';
import { quietSession } from '../auth/fast-session.ts';
import type { SessionPolicy } from '../auth/session.ts';

export interface FastPathDeps {
  reader: Reader;
  db: Db;
  policy: SessionPolicy;
  now?: () => Date;
}

export interface FastResponse {
  status: number;
  headers: [string, string][];
  body: string;
}

export function lessonFastPath({ reader, db, policy, now = () => new Date() }: FastPathDeps) {
  return async function serve(method: string, url: string, cookieHeader: string | undefined): Promise<FastResponse | null> {
    if (method !== 'GET' || !hasShellFor(url)) return null;
    const at = now();
    // Ending a session or writing its activity belongs to the full path (it also sets the cookie).
    const user = await quietSession(reader, policy, cookieHeader, at);
    if (!user) return null;
    const shell = findShell(accessKey(user), url);
    if (!shell) return null;
    const state = await lessonState(reader, user, shell.key);
    await noteOpened(db, user.id, shell.key, state.lastOpenedAt, at);
    return { status: 200, headers: shell.headers, body: fillShell(shell.html, state.fill) };
  };
}

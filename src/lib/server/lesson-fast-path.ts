/**
 * The fast path of lesson pages. For a plain GET of a lesson whose shell is stored for the reader's
 * role, it checks the session and fills the shell with the learner's values without entering Astro.
 * Anything else (no shell yet, a query string, a session that is invalid, expired or due for its
 * activity write, any error) returns null and the request goes to Astro as usual, which applies the
 * full rules, renders, and stores the shell for next time.
 */
import { fillShell } from '../lesson-shell.ts';
import type { Db } from './db.ts';
import type { Reader } from './fast-read.ts';
import { findShell, hasShellFor } from './lesson-shells.ts';
import { lessonState, noteOpened } from './lesson-state.ts';
import { readSession, SESSION_COOKIE, sessionVerdict, type SessionPolicy } from './session.ts';
import { parseToken } from './token.ts';

export interface FastPathDeps {
  reader: Reader;
  db: Db;
  policy: SessionPolicy;
  now?: () => Date;
}

export interface FastResponse {
  status: 200;
  headers: [string, string][];
  body: string;
}

/** The session token in a Cookie header, if any. */
export function sessionCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function lessonFastPath({ reader, db, policy, now = () => new Date() }: FastPathDeps) {
  return async function serve(method: string, url: string, cookieHeader: string | undefined): Promise<FastResponse | null> {
    if (method !== 'GET' || !hasShellFor(url)) return null;
    const token = parseToken(sessionCookie(cookieHeader));
    if (!token) return null;
    const found = await readSession(reader, token.id);
    if (!found) return null;
    const at = now();
    const verdict = sessionVerdict(token.secret, found.row, policy, at);
    // Ending a session or writing its activity belongs to the full path (it also sets the cookie).
    if (verdict.kind !== 'valid' || verdict.touch) return null;
    const shell = findShell(found.user.role, url);
    if (!shell) return null;
    const { user } = found;
    const state = await lessonState(reader, user, shell.key);
    await noteOpened(db, user.id, shell.key, state.lastOpenedAt, at);
    return { status: 200, headers: shell.headers, body: fillShell(shell.html, state.fill) };
  };
}

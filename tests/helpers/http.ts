// A minimal HTTP client for the real server: same-origin form posts and a session cookie made
// straight in the database (no need to click through sign-in for every test).
import type { Db } from '../../src/lib/server/db/db.ts';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';

export async function cookieFor(db: Db, email: string): Promise<string> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new Error(`no user ${email}`);
  const { token } = await createSession(db, user.id);
  return `${SESSION_COOKIE}=${token}`;
}

export interface PostOptions {
  cookie?: string;
  origin?: string | null;
  headers?: Record<string, string>;
}

/** Posts a urlencoded form as a browser on the same origin would (Origin header set, no redirects followed). */
export function postForm(base: string, path: string, fields: Record<string, string> | FormData, opts: PostOptions = {}) {
  const body = fields instanceof FormData ? fields : new URLSearchParams(fields);
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.origin !== null) headers.origin = opts.origin ?? base;
  if (opts.cookie) headers.cookie = opts.cookie;
  return fetch(`${base}${path}`, { method: 'POST', body, headers, redirect: 'manual' });
}

export function get(base: string, path: string, cookie?: string) {
  return fetch(`${base}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
}

/** The session cookie value a response sets, if any. */
export function setCookie(res: Response): string | undefined {
  return res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
}

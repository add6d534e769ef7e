/**
 * The session check of the fast paths (lesson pages, and the quiz and role-play writes): the same
 * lookup and the same rules as validateSession(), but it only ever accepts. A session that is
 * invalid, expired or due for its activity write gets null, and the request goes to Astro, which
 * ends or refreshes the session and sets the cookie as usual.
 */
import type { Reader } from '../db/fast-read.ts';
import { readSession, SESSION_COOKIE, sessionVerdict, type SessionPolicy, type SessionUser } from './session.ts';
import { parseToken } from './token.ts';

/** The session token in a Cookie header, if any. */
export function sessionCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The signed-in user when the session is valid and needs no write; otherwise null. */
export async function quietSession(
  reader: Pick<Reader, 'all'>,
  policy: SessionPolicy,
  cookieHeader: string | undefined,
  now: Date,
): Promise<SessionUser | null> {
  const token = parseToken(sessionCookie(cookieHeader));
  if (!token) return null;
  const found = await readSession(reader, token.id);
  if (!found) return null;
  const verdict = sessionVerdict(token.secret, found.row, policy, now);
  return verdict.kind === 'valid' && !verdict.touch ? found.user : null;
}

/**
 * Runs before every on-demand page: refuses cross-site state changes, resolves the session into
 * `locals.user`, and adds security headers. Authorisation itself happens in each page through
 * src/lib/server/auth/guard.ts, so that every route states what it needs.
 */
import { defineMiddleware } from 'astro:middleware';
import { db } from './lib/server/db/db.ts';
import { clearSessionCookie, sessionPolicy, setSessionCookie } from './lib/server/auth/cookies.ts';
import { SESSION_COOKIE, validateSession } from './lib/server/auth/session.ts';
import { securityHeaders } from './lib/server/http/headers.ts';
import { methodNotAllowed } from './lib/server/http/request.ts';
import { startDigestScheduler } from './lib/server/mail/digest-scheduler.ts';
import { getCatalog } from './data/catalog.ts';
import { fillShell } from './lib/lesson-shell.ts';
import { reader } from './lib/server/db/fast-read.ts';
import { keepShell } from './lib/server/fast/lesson-shells.ts';
import { accessKey } from './lib/auth/permissions.ts';
import { lessonState, noteOpened } from './lib/server/learning/lesson-state.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const onRequest = defineMiddleware(async (context, next) => {
  context.locals.user = null;
  context.locals.sessionId = null;
  context.locals.shell = null;
  if (context.isPrerendered) return next();
  // Reminder digests: one scheduler per server process, started by its first request (never at build time).
  startDigestScheduler({ db, catalog: () => getCatalog(false) });

  const { request } = context;
  if (!SAFE_METHODS.has(request.method)) {
    // Browsers send Sec-Fetch-Site; anything but same-origin on a state change is a cross-site request.
    const site = request.headers.get('sec-fetch-site');
    if (site !== null && site !== 'same-origin') {
      return new Response('Cross-site requests are not allowed.', { status: 403, headers: securityHeaders() });
    }
  }

  const token = context.cookies.get(SESSION_COOKIE)?.value;
  if (token) {
    const session = await validateSession(await db(), token, sessionPolicy(), new Date(), await reader());
    if (session) {
      context.locals.user = session.user;
      context.locals.sessionId = session.id;
      if (session.refreshed) setSessionCookie(context.cookies, context.url, token, session.expiresAt);
    } else {
      clearSessionCookie(context.cookies, context.url);
    }
  }

  let response = await next();
  // A form post to a page that only displays (it never read the body, and rendered as for a GET) is
  // answered 405 rather than with the page, so that a mistaken post is not taken as done.
  if (!SAFE_METHODS.has(request.method) && !request.bodyUsed && response.status === 200) {
    response = methodNotAllowed();
  }
  for (const [name, value] of Object.entries(securityHeaders())) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  // Personal pages must never be stored by shared caches.
  if (context.locals.user && !response.headers.has('cache-control')) response.headers.set('cache-control', 'private, no-store');

  // A lesson page renders as a shell: keep it for the fast path (plain URL only, since query
  // parameters add notices), then fill in this learner's values.
  // (Re-read through the type: TypeScript still sees the null assigned above, not the page's value.)
  const shell = context.locals.shell as App.Locals['shell'];
  const user = context.locals.user as App.Locals['user'];
  if (!shell || !user || response.status !== 200) return response;
  const html = await response.text();
  if (context.url.pathname === shell.path && context.url.search === '') {
    keepShell(accessKey(user), shell.path, { html, headers: [...response.headers], key: shell });
  }
  const database = await db();
  const state = await lessonState(await reader(), user, shell);
  await noteOpened(database, user.id, shell, state.lastOpenedAt);
  // The filled page is longer than the shell: the shell's Content-Length must not travel with it.
  response.headers.delete('content-length');
  return new Response(fillShell(html, state.fill), { status: 200, headers: response.headers });
});

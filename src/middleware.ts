/**
 * Runs before every on-demand page, in three steps:
 * 1. `edge`: refuses what needs no session to refuse (a body over its route's limit, a cross-site
 *    state change) and adds the security headers to every answer;
 * 2. `session`: resolves the session cookie into `locals.user`;
 * 3. `lessonShells`: serves lesson pages from per-role shells (docs/decisions/009-one-module-graph.md).
 * Authorisation itself happens in each page through src/lib/server/auth/guard.ts (and, for the
 * learning routes, the loaders in src/data/routes.ts), so that every route states what it needs.
 */
import { defineMiddleware, sequence } from 'astro:middleware';
import { db } from './lib/server/db/db.ts';
import { config } from './lib/server/config.ts';
import { clearSessionCookie, sessionPolicy, setSessionCookie } from './lib/server/auth/cookies.ts';
import { SESSION_COOKIE, validateSession } from './lib/server/auth/session.ts';
import { securityHeaders } from './lib/server/http/headers.ts';
import { DRAIN_AT_MOST, noteBodyLimit, TOO_LARGE } from './lib/server/http/limits.ts';
import { acceptsCrossSitePosts, isHttps, isSameOrigin, originSettings } from './lib/server/http/origin.ts';
import { methodNotAllowed } from './lib/server/http/request.ts';
import { errorBody, SCIM_CONTENT_TYPE, ScimError } from './lib/scim/protocol.ts';
import { startDigestScheduler } from './lib/server/mail/digest-scheduler.ts';
import { startXapiSender } from './lib/server/xapi/worker.ts';
import { getCatalog } from './data/catalog.ts';
import { lessonRoute } from './data/routes.ts';
import { getPaths } from './data/paths.ts';
import { accessKey, can } from './lib/auth/permissions.ts';
import { fillShell } from './lib/lesson-shell.ts';
import { reader } from './lib/server/db/fast-read.ts';
import { isPreviewToken, PREVIEW_HEADER } from './lib/studio/preview-links.ts';
import { findShell, keepShell } from './lib/server/fast/lesson-shells.ts';
import { lessonState, noteOpened } from './lib/server/learning/lesson-state.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function refusal(message: string, status: number, extra: Record<string, string> = {}): Response {
  return new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...extra } });
}

/** Sec-Fetch-Site, when the browser sends it, must say same-origin. */
function sameSiteFetch(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  return site === null || site === 'same-origin';
}

/**
 * A body a little over its limit is drained unread after the answer, so that a client still sending
 * receives the 413 (closing at once would reset its connection first); one announced far beyond every
 * limit is not worth draining, and the connection closes.
 */
function closeIfHuge(request: Request): Record<string, string> {
  return Number(request.headers.get('content-length')) > DRAIN_AT_MOST ? { connection: 'close' } : {};
}

/** The SCIM service's route (src/pages/scim/v2/[...path].ts). */
const SCIM_ROUTE = '/scim/v2/[...path]';

/**
 * SCIM clients (Entra ID, Okta) send JSON with a bearer token and no Origin. A browser cannot add an
 * Authorization header to a cross-site request without a CORS preflight, which we never grant, and the
 * SCIM route accepts nothing but the token (cookies count for nothing there), so such a request cannot
 * be forged by another site: it skips the origin check. Anything else there is checked as usual.
 */
function scimBearer(request: Request, routePattern: string | undefined): boolean {
  return routePattern === SCIM_ROUTE && /^Bearer\s/i.test(request.headers.get('authorization') ?? '');
}

function tooLarge(request: Request, routePattern: string | undefined): Response {
  if (routePattern !== SCIM_ROUTE) return refusal(TOO_LARGE, 413, closeIfHuge(request));
  const error = new ScimError(413, 'The request body is too large (at most 1 MB); send fewer members per request.');
  return new Response(JSON.stringify(errorBody(error)), {
    status: 413,
    headers: { 'content-type': SCIM_CONTENT_TYPE, ...closeIfHuge(request) },
  });
}

/**
 * A studio preview server (PREVIEW_TOKEN set) serves drafts to the studio's preview route alone: a request
 * without the secret is refused, and so is any change (a preview records nothing; decision 022).
 */
function previewRefusal(request: Request): Response | null {
  const token = config().PREVIEW_TOKEN;
  if (!token) return null;
  if (!isPreviewToken(request.headers.get(PREVIEW_HEADER), token))
    return refusal('This is a studio preview. Open it through /studio/preview.', 403);
  if (!SAFE_METHODS.has(request.method))
    return refusal('A preview shows drafts; nothing done in it is recorded.', 405, { allow: 'GET, HEAD' });
  return null;
}

const edge = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next();
  const { request } = context;
  const settings = originSettings();
  let response: Response;
  const preview = previewRefusal(request);
  if (preview) {
    response = preview;
  } else if (SAFE_METHODS.has(request.method)) {
    response = await next();
  } else if (Number(request.headers.get('content-length') ?? 0) > noteBodyLimit(request, context.routePattern)) {
    response = tooLarge(request, context.routePattern);
  } else if (scimBearer(request, context.routePattern)) {
    response = await next();
  } else if (!acceptsCrossSitePosts(context.routePattern) && (!isSameOrigin(request, settings) || !sameSiteFetch(request))) {
    // Browsers send Origin on every post and Sec-Fetch-Site when they know it: anything but this
    // site's own origin on a state change is a cross-site request (CSRF).
    response = refusal('Cross-site requests are not allowed.', 403);
  } else {
    response = await next();
    // A form post to a page that only displays (it never read the body, and rendered as for a GET) is
    // answered 405 rather than with the page, so that a mistaken post is not taken as done.
    if (!request.bodyUsed && response.status === 200) response = methodNotAllowed();
  }
  for (const [name, value] of Object.entries(securityHeaders({ https: isHttps(request, settings) }))) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  // Personal pages must never be stored by shared caches.
  if (context.locals.user && !response.headers.has('cache-control')) response.headers.set('cache-control', 'private, no-store');
  return response;
});

const session = defineMiddleware(async (context, next) => {
  context.locals.user = null;
  context.locals.sessionId = null;
  context.locals.shell = null;
  if (context.isPrerendered) return next();
  // Reminder digests and xAPI statements (docs/xapi.md): one scheduler and one sender per server process,
  // started by its first request (never at build time); none in a studio preview, whose catalog holds drafts.
  if (!config().PREVIEW_TOKEN) {
    startDigestScheduler({ db, catalog: () => getCatalog(false), paths: getPaths });
    startXapiSender(db);
  }
  const token = context.cookies.get(SESSION_COOKIE)?.value;
  if (token) {
    const found = await validateSession(await db(), token, sessionPolicy(), new Date(), await reader());
    if (found) {
      context.locals.user = found.user;
      context.locals.sessionId = found.id;
      if (found.refreshed) setSessionCookie(context.cookies, context.request, token, found.expiresAt);
    } else {
      clearSessionCookie(context.cookies, context.request);
    }
  }
  return next();
});

/**
 * A lesson page is the same for everyone of a role but for a few values (name, completion, saved
 * reflections, feedback), so it renders once per role as a shell with markers for them
 * (src/lib/lesson-shell.ts); each view fills in the viewer's values. The route's loader decides on
 * every request what the viewer may see, as the page does; only the rendering is kept.
 */
const lessonShells = defineMiddleware(async (context, next) => {
  const user = context.locals.user;
  if (!['GET', 'HEAD'].includes(context.request.method) || context.routePattern !== lessonRoute.pattern) return next();
  if (!user || !can(user, lessonRoute.permission)) return next();
  const found = await lessonRoute.load(user, context.params);
  if (!found) return next();
  const key = { moduleId: found.module.id, lessonId: found.lesson.id };
  // Query parameters add notices to the page, so only the plain address is kept.
  const keep = config().FAST_PATHS && context.url.pathname === found.path && context.url.search === '';
  // One shell per kind of viewer: what the frame shows (navigation, the role badge) depends on the role and
  // on whether they manage a team (accessKey), never on who they are.
  const viewer = { role: user.role, manages: user.manages };
  let shell = keep ? findShell(accessKey(viewer), found.path) : undefined;
  // Says which way the page was made, for operators and the equivalence tests; nothing personal.
  const timing = `shell;desc=${shell ? 'stored' : 'rendered'}`;
  if (!shell) {
    // The page sees the role only: nothing it renders can belong to one person.
    context.locals.shell = { viewer, found };
    context.locals.user = null;
    const response = await next();
    context.locals.user = user;
    context.locals.shell = null;
    if (response.status !== 200) return response;
    shell = { html: await response.text(), headers: [...response.headers], key };
    if (keep) keepShell(accessKey(viewer), found.path, shell);
  }
  const state = await lessonState(await reader(), user, key);
  await noteOpened(await db(), user.id, key, state.lastOpenedAt);
  // The filled page is longer than the shell: the shell's Content-Length must not travel with it.
  const headers = new Headers(shell.headers);
  headers.delete('content-length');
  headers.set('server-timing', timing);
  return new Response(fillShell(shell.html, state.fill), { status: 200, headers });
});

export const onRequest = sequence(edge, session, lessonShells);

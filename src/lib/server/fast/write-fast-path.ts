/**
 * The fast path of the two writes a learner makes most: submitting a quiz and taking a step in a
 * role-play. It answers a form post whose outcome is a redirect (a quiz stored, a step recorded, a
 * stale or finished step) without entering Astro, and hands everything else to Astro with the body
 * it read: a first post before the page has recorded its route, another intent (start, restart), a
 * session that is invalid or due for its activity write, a request that fails the cross-site checks,
 * answers that are missing or invalid, a duplicate, any error. Those outcomes wrote nothing, or only
 * what Astro's second try finds already done (both writes are idempotent), so the learner's record is
 * the same whichever path served them.
 *
 * The rules that decide who may post where stay in the Astro pages: they record each (role, address)
 * they let in (src/lib/server/fast/write-routes.ts), and the fast path serves only those. The decisions
 * themselves are the very functions the pages call, choose() and submitAttempt(), on the same store.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Reader } from '../db/fast-read.ts';
import { quietSession } from '../auth/fast-session.ts';
import type { FastResponse } from './lesson-fast-path.ts';
import { resultPath, submitAttempt } from '../learning/quiz-attempts.ts';
import { choose, stepLocation } from '../learning/scenario-runs.ts';
import type { SessionPolicy } from '../auth/session.ts';
import type { Store } from '../db/store.ts';
import { findWriteRoute, hasWriteRoute, type WriteRoute } from './write-routes.ts';
import { securityHeaders } from '../http/headers.ts';

export interface WriteFastPathDeps {
  reader: Reader;
  store: Store;
  policy: SessionPolicy;
  now?: () => Date;
}

export interface WriteRequest {
  method: string;
  /** Path and query, as on the request line. */
  url: string;
  headers: IncomingHttpHeaders;
  /** Whether the connection is TLS (the origin's scheme). */
  encrypted: boolean;
}

/** The largest form body read on the fast path; a larger one (never a real quiz) goes to Astro unread. */
export const MAX_FAST_BODY = 64 * 1024;

const FORM = 'application/x-www-form-urlencoded';

/**
 * Whether a post may be taken on the fast path before its body is read: an address some role may post
 * to, a url-encoded form of a known, small length, and nothing the cross-site checks would refuse
 * (Astro's checkOrigin compares Origin with the scheme and Host the request came in on; the middleware
 * refuses any Sec-Fetch-Site but same-origin). A refusal is Astro's to give, with its own message.
 */
export function takesWrite({ method, url, headers, encrypted }: WriteRequest): boolean {
  if (method !== 'POST' || !hasWriteRoute(pathOf(url))) return false;
  if (!headers['content-type']?.toLowerCase().includes(FORM)) return false;
  const length = Number(headers['content-length'] ?? NaN);
  if (!Number.isInteger(length) || length > MAX_FAST_BODY) return false;
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  return headers.host !== undefined && headers.origin === `${encrypted ? 'https' : 'http'}://${headers.host}`;
}

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** A trimmed form field, as src/lib/server/http/request.ts reads them. */
function field(form: URLSearchParams, name: string): string {
  return form.get(name)?.trim() ?? '';
}

export function writeFastPath({ reader, store, policy, now = () => new Date() }: WriteFastPathDeps) {
  return async function serve(request: WriteRequest, body: Buffer): Promise<FastResponse | null> {
    if (!takesWrite(request)) return null;
    const at = now();
    const user = await quietSession(reader, policy, request.headers.cookie, at);
    if (!user) return null;
    const path = pathOf(request.url);
    const route = findWriteRoute(user.role, path);
    if (!route) return null;
    // The same parser as Request.formData() for this content type.
    const form = new URLSearchParams(body.toString('utf8'));
    const query = new URLSearchParams(request.url.slice(path.length));
    const location = await decide(route, path, query, form, user.id, at);
    return location === null ? null : redirect(location);
  };

  async function decide(
    route: WriteRoute,
    path: string,
    query: URLSearchParams,
    form: URLSearchParams,
    userId: string,
    at: Date,
  ): Promise<string | null> {
    if (route.kind === 'quiz') {
      const attemptId = form.get('attemptId');
      if (attemptId === null) return null;
      const submitted = await submitAttempt(store, userId, route.quiz, attemptId, [...form], route.passMark, at);
      return submitted.ok && !submitted.duplicate ? resultPath(route.quiz.id, attemptId, query.get('from')) : null;
    }
    if (field(form, 'intent') !== 'choose') return null;
    const runId = field(form, 'runId');
    const step = { nodeId: field(form, 'nodeId'), choiceId: field(form, 'choiceId') };
    const result = await choose(store, userId, route.scenario, runId, step, at);
    return stepLocation(path, runId, result);
  }
}

/** A 303 with the headers the Astro middleware gives a signed-in redirect. */
function redirect(location: string): FastResponse {
  const headers: [string, string][] = [
    ['location', location],
    ...Object.entries(securityHeaders()),
    ['cache-control', 'private, no-store'],
  ];
  return { status: 303, headers, body: '' };
}

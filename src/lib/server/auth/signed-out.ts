/**
 * Where a request without a valid session is sent: sign-in, with the way back. When the request still
 * carried a session cookie, the session has ended (timed out, or ended by a password change, a reset or a
 * deactivation), and the sign-in page says so (`ended=1`). When that request was a form post, its body
 * never reached the page: the way back is the page the form was on (from Referer, same site only), marked
 * `kept=1` so that answers the browser kept (src/scripts/keep-drafts.ts) are filled in again there.
 */
import { MAX_NEXT_LENGTH } from '../http/request.ts';
import { SESSION_COOKIE } from './session.ts';

export interface SignedOutRequest {
  method: string;
  /** The requested URL. */
  url: URL;
  cookieHeader: string | null;
  referer: string | null;
}

/** Whether the request carried a session cookie (any value: the middleware found it not valid). */
export function hadSession(cookieHeader: string | null): boolean {
  return (cookieHeader ?? '').split(';').some((c) => c.trim().startsWith(`${SESSION_COOKIE}=`));
}

function formPage(req: SignedOutRequest): string {
  if (req.referer) {
    try {
      const from = new URL(req.referer);
      if (from.origin === req.url.origin) return from.pathname + from.search;
    } catch {
      // Not a URL: fall back to the address posted to.
    }
  }
  return req.url.pathname + req.url.search;
}

function withParam(path: string, name: string): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set(name, '1');
  return url.pathname + url.search;
}

export function signInPath(req: SignedOutRequest): string {
  const ended = hadSession(req.cookieHeader);
  const post = req.method !== 'GET' && req.method !== 'HEAD';
  const back = post && ended ? withParam(formPage(req), 'kept') : req.url.pathname + req.url.search;
  // A crafted URL too long to carry back loses its query (or all of it) rather than becoming a Location
  // header too big for proxies and clients.
  const next = [back, req.url.pathname, '/'].find((p) => p.length <= MAX_NEXT_LENGTH) ?? '/';
  return `/sign-in?next=${encodeURIComponent(next)}${ended ? '&ended=1' : ''}`;
}

/** The session cookie: HttpOnly, SameSite=Lax, Path=/, Secure except on a plain-HTTP localhost. */
import type { AstroCookies } from 'astro';
import { config } from '../config.ts';
import { originSettings, requestOrigin } from '../http/origin.ts';
import { SESSION_COOKIE, type SessionPolicy } from './session.ts';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function sessionPolicy(): SessionPolicy {
  const c = config();
  return { idleMs: c.SESSION_IDLE_HOURS * 3600_000, maxAgeMs: c.SESSION_MAX_DAYS * 86400_000 };
}

/**
 * Whether cookies get `Secure`, judged on the public origin: behind a TLS proxy the request itself
 * arrives over plain HTTP. Also used by the single sign-on cookie (../sso/cookie.ts).
 */
export function secure(request: Request): boolean {
  const setting = config().COOKIE_SECURE;
  if (setting !== 'auto') return setting === 'true';
  const origin = new URL(requestOrigin(request, originSettings()));
  return origin.protocol === 'https:' || !LOCAL_HOSTS.has(origin.hostname);
}

export function setSessionCookie(cookies: AstroCookies, request: Request, token: string, expiresAt: Date): void {
  cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: secure(request), path: '/', expires: expiresAt });
}

export function clearSessionCookie(cookies: AstroCookies, request: Request): void {
  cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure: secure(request), path: '/', maxAge: 0 });
}

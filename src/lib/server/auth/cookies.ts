/** The session cookie: HttpOnly, SameSite=Lax, Path=/, Secure except on a plain-HTTP localhost. */
import type { AstroCookies } from 'astro';
import { config } from '../config.ts';
import { SESSION_COOKIE, type SessionPolicy } from './session.ts';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function sessionPolicy(): SessionPolicy {
  const c = config();
  return { idleMs: c.SESSION_IDLE_HOURS * 3600_000, maxAgeMs: c.SESSION_MAX_DAYS * 86400_000 };
}

function secure(url: URL): boolean {
  const setting = config().COOKIE_SECURE;
  if (setting !== 'auto') return setting === 'true';
  return url.protocol === 'https:' || !LOCAL_HOSTS.has(url.hostname);
}

export function setSessionCookie(cookies: AstroCookies, url: URL, token: string, expiresAt: Date): void {
  cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: secure(url), path: '/', expires: expiresAt });
}

export function clearSessionCookie(cookies: AstroCookies, url: URL): void {
  cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure: secure(url), path: '/', maxAge: 0 });
}

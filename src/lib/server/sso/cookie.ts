/**
 * The cookie that ties a browser to its sign-in in progress: the `sso_logins` id only (the checks stay
 * in the database). SameSite=Lax, because the provider sends the browser back with a top-level GET.
 */
import type { AstroCookies } from 'astro';
import { secure } from '../auth/cookies.ts';
import { LOGIN_TTL_MS } from './oidc.ts';

export const SSO_COOKIE = 'rapport_sso';
const PATH = '/sign-in/oidc';

export function setLoginCookie(cookies: AstroCookies, request: Request, loginId: string): void {
  cookies.set(SSO_COOKIE, loginId, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secure(request),
    path: PATH,
    maxAge: LOGIN_TTL_MS / 1000,
  });
}

export function clearLoginCookie(cookies: AstroCookies, request: Request): void {
  cookies.set(SSO_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure: secure(request), path: PATH, maxAge: 0 });
}

/** Where the provider sends the browser back: on the public origin, as registered at the provider. */
export function redirectUri(publicOrigin: string, providerId: string): string {
  return `${publicOrigin}${PATH}/${providerId}/callback`;
}

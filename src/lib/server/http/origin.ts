/**
 * Where a request was addressed, as the person's browser saw it, and whether a state change came
 * from there. One comparison for every route (src/middleware.ts), replacing Astro's checkOrigin,
 * which compares with the URL the Node adapter builds from the socket: behind a TLS-terminating
 * proxy that URL is http:// while the browser's Origin is https://, so every form post was refused
 * (docs/decisions/009-one-module-graph.md).
 */
import { config } from '../config.ts';

export interface OriginSettings {
  /** PUBLIC_ORIGIN, already reduced to scheme, host and port. */
  publicOrigin?: string;
  /** TRUST_PROXY: believe X-Forwarded-Proto and X-Forwarded-Host from our own proxy. */
  trustProxy: boolean;
}

/** The first value of a header that a chain of proxies may have appended to. */
function first(value: string | null): string | undefined {
  return value?.split(',')[0]?.trim() || undefined;
}

/** `scheme://host[:port]`, lower case, default ports dropped; null for anything that is not an http(s) origin. */
export function normaliseOrigin(value: string | null | undefined): string | null {
  if (!value || value === 'null') return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return null;
    return url.origin;
  } catch {
    return null;
  }
}

/**
 * The origin this request was addressed to: PUBLIC_ORIGIN when set; otherwise, behind a trusted
 * proxy, the forwarded scheme and host; otherwise the scheme and Host it arrived with.
 */
export function requestOrigin(request: Request, settings: OriginSettings): string {
  if (settings.publicOrigin) return settings.publicOrigin;
  const url = new URL(request.url);
  if (settings.trustProxy) {
    const proto = first(request.headers.get('x-forwarded-proto'));
    const host = first(request.headers.get('x-forwarded-host')) ?? request.headers.get('host') ?? url.host;
    const forwarded = normaliseOrigin(`${proto === 'https' ? 'https' : url.protocol.slice(0, -1)}://${host}`);
    if (forwarded) return forwarded;
  }
  return url.origin;
}

/** Whether an unsafe request came from the origin it was addressed to (compared normalised). */
export function isSameOrigin(request: Request, settings: OriginSettings): boolean {
  const origin = normaliseOrigin(request.headers.get('origin'));
  return origin !== null && origin === normaliseOrigin(requestOrigin(request, settings));
}

/** Whether the site is served over https, as the person sees it. */
export function isHttps(request: Request, settings: OriginSettings): boolean {
  return requestOrigin(request, settings).startsWith('https:');
}

/** The settings from the configuration (PUBLIC_ORIGIN, TRUST_PROXY). */
export function originSettings(): OriginSettings {
  const c = config();
  return { publicOrigin: c.PUBLIC_ORIGIN, trustProxy: c.TRUST_PROXY };
}

/**
 * The only routes that take posts from other sites: the SAML bindings, where the IdP's page posts the
 * signed response (or logout message) to us by design. Everything they act on is signed by the IdP and
 * checked (src/lib/server/sso/saml.ts); they set a session but read none (docs/decisions/019-saml.md).
 */
const CROSS_SITE_POSTS = new Set(['/sign-in/saml/[provider]/acs', '/sign-in/saml/[provider]/slo']);

export function acceptsCrossSitePosts(routePattern: string | undefined): boolean {
  return routePattern !== undefined && CROSS_SITE_POSTS.has(routePattern);
}

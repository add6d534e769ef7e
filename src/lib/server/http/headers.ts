/**
 * Security headers for every response: pages get them from the middleware, static files from the
 * server entry (scripts/serve.ts), which reads them from the build (src/integrations/static-headers.ts).
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Astro emits scoped styles as stylesheets; inline style attributes are used for progress widths.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

/**
 * Sent only on https, where browsers honour it: a year, without `preload` or `includeSubDomains`,
 * which would bind hosts beyond this one that we do not run.
 */
export const HSTS = 'max-age=31536000';

export function securityHeaders(options: { https?: boolean } = {}): Record<string, string> {
  return {
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
    ...(options.https ? { 'strict-transport-security': HSTS } : {}),
  };
}

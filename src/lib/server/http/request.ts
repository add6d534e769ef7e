/** Small helpers for reading requests safely in pages and endpoints. */
import { config } from '../config.ts';

/** The client's address for throttling; X-Forwarded-For is trusted only when TRUST_PROXY is set. */
export function clientAddress(request: Request, direct: () => string): string {
  if (config().TRUST_PROXY) {
    const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return direct();
  } catch {
    return 'unknown';
  }
}

/** Reads a form body; returns null (instead of throwing) for a body that is not a form. */
export async function readForm(request: Request): Promise<FormData | null> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.includes('application/x-www-form-urlencoded') && !type.includes('multipart/form-data')) return null;
  try {
    return await request.formData();
  } catch {
    return null;
  }
}

/** A form field as a trimmed string ('' when absent or a file). */
export function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** A form field exactly as sent (passwords must not be trimmed). */
export function rawField(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/**
 * The longest way back we carry in a redirect. Real pages are far shorter; a crafted URL beyond this
 * would make a Location header too big for proxies' header buffers (nginx: 4-8 KB) and for fetch (16 KB).
 */
export const MAX_NEXT_LENGTH = 1000;

/** Only same-site relative paths may be used as a post-sign-in destination (no open redirects). */
export function safeNext(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.length > MAX_NEXT_LENGTH) return '/';
  return value;
}

/** The answer to a method a route does not take: 405, saying which ones it does. */
export function methodNotAllowed(): Response {
  return new Response('This address does not accept form posts. Open it again to carry on.', {
    status: 405,
    headers: { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' },
  });
}

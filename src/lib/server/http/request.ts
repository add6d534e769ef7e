/** Small helpers for reading requests safely in pages and endpoints. */
import { config } from '../config.ts';
import { bodyLimitOf, MAX_FORM_FIELDS, TOO_LARGE } from './limits.ts';

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

/**
 * Reads a form body. Returns null (instead of throwing) for a body that is not a form, and a ready
 * 413 answer for a form with more than MAX_FORM_FIELDS fields or more bytes than its route takes
 * (src/lib/server/http/limits.ts): the page returns it as it is (`if (form instanceof Response)
 * return form;`), so no page ever loops over such a form.
 */
export async function readForm(request: Request): Promise<FormData | Response | null> {
  const type = request.headers.get('content-type') ?? '';
  const boundary = formBoundary(type);
  if (boundary === null) return null;
  try {
    const bytes = await readBytes(request, bodyLimitOf(request));
    if (bytes === null) return tooLarge();
    // Counted on the raw bytes before anything is parsed: refusing a flood then costs one scan,
    // not the building of tens of thousands of entries.
    if (countParts(bytes, boundary) > MAX_FORM_FIELDS) return tooManyFields();
    return await new Response(new Uint8Array(bytes), { headers: { 'content-type': type } }).formData();
  } catch {
    return null;
  }
}

/**
 * Reads a JSON body (SCIM's), held to its route's limit like a form: the value, 'too-large', or
 * 'malformed' for a body that is not JSON.
 */
export async function readJson(request: Request): Promise<{ value: unknown } | 'too-large' | 'malformed'> {
  const bytes = await readBytes(request, bodyLimitOf(request));
  if (bytes === null) return 'too-large';
  try {
    return { value: JSON.parse(bytes.toString('utf8')) as unknown };
  } catch {
    return 'malformed';
  }
}

/**
 * The body, counted while it arrives, or null past `limit`. An announced length over the limit never
 * gets here (the middleware answers 413 first); this holds a body sent without one to the same limit.
 */
async function readBytes(request: Request, limit: number): Promise<Buffer | null> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > limit) {
      // Stop reading and leave the rest unread: the answer closes the connection. (Cancelling the stream
      // instead races the web stream of a body still being produced, which then fails unhandled.)
      reader.releaseLock();
      return null;
    }
    chunks.push(value);
  }
}

function tooLarge(): Response {
  return new Response(TOO_LARGE, { status: 413, headers: { 'content-type': 'text/plain; charset=utf-8', connection: 'close' } });
}

/** '' for a url-encoded form, the delimiter of a multipart one, null for any other body. */
function formBoundary(type: string): string | null {
  if (type.includes('application/x-www-form-urlencoded')) return '';
  if (!type.includes('multipart/form-data')) return null;
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
  return boundary ? `--${boundary[1] ?? boundary[2]}` : null;
}

/**
 * At least as many as the fields the body holds: separators plus one for a url-encoded body (empty
 * parts count too), delimiters less the closing one for a multipart body.
 */
function countParts(bytes: Buffer, boundary: string): number {
  const needle = boundary === '' ? '&' : boundary;
  let count = boundary === '' ? 1 : 0;
  for (
    let at = bytes.indexOf(needle);
    at !== -1 && count <= MAX_FORM_FIELDS + 1;
    at = bytes.indexOf(needle, at + needle.length)
  ) {
    count++;
  }
  return boundary === '' ? count : count - 1;
}

/** What a user is told when a form has more fields than any of our forms has (413). */
export const tooManyFieldsMessage = `That form has more than ${MAX_FORM_FIELDS} fields, more than any page here sends. Reload the page and send it again.`;

export function tooManyFields(): Response {
  return new Response(tooManyFieldsMessage, { status: 413, headers: { 'content-type': 'text/plain; charset=utf-8' } });
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

/**
 * Where a same-origin path is resolved to check it. Only the path is ever returned, so the verdict
 * must not depend on the origin; a reserved name (RFC 2606) is one no crafted absolute URL can match,
 * and unlike the request's own Host it is not the client's to choose.
 */
const CHECK_ORIGIN = 'http://rapport.invalid';

/**
 * A way back (after sign-in `next`, the journal's `returnTo`, a quiz's `from`) if it is a path on
 * this site, else `fallback`. The value is read with the same URL parser a browser uses on a
 * Location header, and taken only when the parser reads it back exactly as written: that refuses
 * other origins, `//host` and `/\host`, and anything the parser would silently change (a tab or
 * newline it drops, a backslash it turns into a slash, a dot segment that uncovers `//host`, characters
 * a header cannot carry). Never throws, so a crafted value can never become a server error.
 */
export function safeNext(value: string | null | undefined, fallback = '/'): string {
  if (!value || !value.startsWith('/') || value.length > MAX_NEXT_LENGTH) return fallback;
  try {
    const url = new URL(value, CHECK_ORIGIN);
    if (url.origin !== CHECK_ORIGIN || `${url.pathname}${url.search}${url.hash}` !== value) return fallback;
    return value;
  } catch {
    return fallback;
  }
}

/** The answer to a method a route does not take: 405, saying which ones it does. */
export function methodNotAllowed(): Response {
  return new Response('This address does not accept form posts. Open it again to carry on.', {
    status: 405,
    headers: { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' },
  });
}

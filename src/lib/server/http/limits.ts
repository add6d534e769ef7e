/**
 * How much a request may send, declared once. The middleware refuses an announced body over its
 * route's limit with 413 before reading it; the form reader (./request.ts) counts the bytes of a body
 * sent without a length and stops at the same limit; the Node adapter's own limit (astro.config.mjs)
 * is the largest of these, as a backstop for anything that reads a body another way.
 */

/** Every form in the app: quiz answers, role-play steps, sign-in, journal, feedback (the largest real one is under 8 KiB). */
export const FORM_BODY_LIMIT = 64 * 1024;

/** The people CSV import takes a file of up to 1 MB (people-actions.ts), plus multipart framing. */
export const IMPORT_BODY_LIMIT = 1_000_000 + 64 * 1024;

/** A SCIM request (src/pages/scim/v2/[...path].ts). */
export const SCIM_BODY_LIMIT = 1_000_000;

/** A studio editor posts a whole file: the longest lesson or quiz is far under this (docs/decisions/022-authoring-studio.md). */
export const STUDIO_BODY_LIMIT = 512 * 1024;

/** The lesson editor also uploads an image of up to 2 MB (src/lib/server/studio/images.ts) with the lesson text. */
export const STUDIO_UPLOAD_BODY_LIMIT = 2 * 1024 * 1024 + STUDIO_BODY_LIMIT;

/**
 * A posted SAML response: a signed assertion with its certificate and every group (Entra ID sends up to
 * 150), base64 and form-encoded; real ones are 10-40 KB.
 */
export const SAML_BODY_LIMIT = 256 * 1024;

/** Routes that take more than a form, by Astro route pattern. */
const LARGER: Record<string, number> = {
  '/admin/people': IMPORT_BODY_LIMIT,
  // SCIM requests are JSON: a group PATCH adding many members at once is the largest (docs/scim.md).
  '/scim/v2/[...path]': SCIM_BODY_LIMIT,
  '/studio/check': STUDIO_BODY_LIMIT,
  '/studio/modules/[module]': STUDIO_BODY_LIMIT,
  '/studio/quizzes/[quiz]': STUDIO_BODY_LIMIT,
  '/studio/scenarios/[scenario]': STUDIO_BODY_LIMIT,
  '/studio/modules/[module]/[lesson]': STUDIO_UPLOAD_BODY_LIMIT,
  '/sign-in/saml/[provider]/acs': SAML_BODY_LIMIT,
  '/sign-in/saml/[provider]/slo': SAML_BODY_LIMIT,
};

/** Bodies up to this size are read and discarded after a 413, so that their sender gets the answer. */
export const DRAIN_AT_MOST = 4 * 1024 * 1024;

/** The most any route accepts: the adapter's backstop. */
export const MAX_BODY_LIMIT = Math.max(FORM_BODY_LIMIT, ...Object.values(LARGER));

/**
 * The most fields one form post may have. Our largest real form is the assignments page with a
 * checkbox per person; a thousand covers a large organisation's worth of ticked people. Above it, a
 * post is refused with 413 before any page loops over its fields, because every loop over a form
 * (reading answers, showing them again) costs time in proportion to its length, and one request with
 * tens of thousands of repeated fields must not be able to hold the server (issue #14, item 1).
 */
export const MAX_FORM_FIELDS = 1000;

/** The body limit of a route (Astro's `routePattern`). */
export function bodyLimit(routePattern: string | undefined): number {
  return (routePattern && LARGER[routePattern]) || FORM_BODY_LIMIT;
}

const routed = new WeakMap<Request, number>();

/** Records the limit of the route a request was routed to (the middleware does), and returns it. */
export function noteBodyLimit(request: Request, routePattern: string | undefined): number {
  const limit = bodyLimit(routePattern);
  routed.set(request, limit);
  return limit;
}

/** The limit the form reader holds a body to: its route's, or the form limit. */
export function bodyLimitOf(request: Request): number {
  return routed.get(request) ?? FORM_BODY_LIMIT;
}

export const TOO_LARGE = 'That request is too large. Reload the page and send the form again; for an import, split the file.';

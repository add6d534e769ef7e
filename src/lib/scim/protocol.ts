/**
 * The SCIM 2.0 wire format shared by every resource (RFC 7644): schema URNs, the error message with
 * its `scimType`, list responses and pagination. Plain TypeScript, no I/O (docs/decisions/020-scim.md).
 */

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

/** The `scimType` values of RFC 7644 section 3.12 that we answer with. */
export type ScimType =
  'invalidFilter' | 'tooMany' | 'uniqueness' | 'mutability' | 'invalidSyntax' | 'invalidPath' | 'noTarget' | 'invalidValue';

/** A refusal to send back as a SCIM error; thrown by the parsers, caught by the endpoint. */
export class ScimError extends Error {
  override name = 'ScimError';
  readonly status: number;
  readonly scimType: ScimType | undefined;
  constructor(status: number, detail: string, scimType?: ScimType) {
    super(detail);
    this.status = status;
    this.scimType = scimType;
  }
}

export function errorBody(error: ScimError): Record<string, unknown> {
  return {
    schemas: [ERROR_SCHEMA],
    status: String(error.status),
    ...(error.scimType ? { scimType: error.scimType } : {}),
    detail: error.message,
  };
}

/** The most resources one page returns; a client asking for more gets this many (RFC 7644 3.4.2.4). */
export const MAX_PAGE = 200;

export interface Page {
  /** 1-based index of the first result. */
  startIndex: number;
  count: number;
}

/** startIndex below 1 counts as 1 and a negative count as 0, as RFC 7644 3.4.2.4 says. */
export function readPage(query: URLSearchParams): Page {
  const start = Number.parseInt(query.get('startIndex') ?? '1', 10);
  const count = Number.parseInt(query.get('count') ?? String(MAX_PAGE), 10);
  return {
    startIndex: Number.isFinite(start) && start >= 1 ? start : 1,
    count: Number.isFinite(count) ? Math.min(Math.max(count, 0), MAX_PAGE) : MAX_PAGE,
  };
}

export function listResponse(all: Record<string, unknown>[], page: Page): Record<string, unknown> {
  const shown = all.slice(page.startIndex - 1, page.startIndex - 1 + page.count);
  return {
    schemas: [LIST_SCHEMA],
    totalResults: all.length,
    startIndex: page.startIndex,
    itemsPerPage: shown.length,
    Resources: shown,
  };
}

/**
 * Keeps what `attributes` asks for, or drops what `excludedAttributes` names (top-level names only,
 * compared case-insensitively); `id`, `schemas` and `meta` always stay (RFC 7643 section 7, "always").
 */
export function project(resource: Record<string, unknown>, query: URLSearchParams): Record<string, unknown> {
  const names = (key: string) =>
    (query.get(key) ?? '')
      .split(',')
      .map((n) =>
        n
          .trim()
          .replace(/^urn:.*:/, '')
          .split('.')[0]!
          .toLowerCase(),
      )
      .filter(Boolean);
  const only = names('attributes');
  const excluded = names('excludedAttributes');
  const always = new Set(['id', 'schemas', 'meta']);
  return Object.fromEntries(
    Object.entries(resource).filter(([key]) => {
      const k = key.toLowerCase();
      if (always.has(k)) return true;
      if (only.length > 0) return only.includes(k);
      return !excluded.includes(k);
    }),
  );
}

/** Booleans as Entra sends them too: `"False"` and `"True"` strings (any case). */
export function readBoolean(value: unknown, field: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  throw new ScimError(400, `${field} must be true or false (got ${JSON.stringify(value)}).`, 'invalidValue');
}

/** A string attribute, or null for null and ""; anything else is refused. */
export function readString(value: unknown, field: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new ScimError(400, `${field} must be a string (got ${JSON.stringify(value)}).`, 'invalidValue');
}

/** Attribute names are case-insensitive and may carry their schema URN (RFC 7644 3.10). */
export function attributeName(path: string): string {
  const trimmed = path.trim();
  for (const urn of [USER_SCHEMA, GROUP_SCHEMA, ENTERPRISE_SCHEMA]) {
    if (trimmed.toLowerCase().startsWith(`${urn.toLowerCase()}:`)) return trimmed.slice(urn.length + 1).toLowerCase();
  }
  return trimmed.toLowerCase();
}

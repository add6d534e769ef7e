/**
 * The SCIM 2.0 service at /scim/v2 (RFC 7644), behind one catch-all route: authenticates the bearer
 * token, counts it against its rate, records the use, and dispatches by resource and method. Every
 * answer, errors included, is application/scim+json (docs/decisions/020-scim.md).
 */
import type { Db } from '../db/db.ts';
import { readJson } from '../http/request.ts';
import { admitScimRequest, authenticateScim, noteScimUse } from './tokens.ts';
import { createScimUser, findScimUser, findScimUsers, updateScimUser, userResource } from './users.ts';
import { deleteScimUser } from './deprovision.ts';
import { createScimGroup, deleteScimGroup, findScimGroup, findScimGroups, groupResource, updateScimGroup } from './groups.ts';
import { parseFilter } from '../../scim/filter.ts';
import { patchUser, readUserResource } from '../../scim/user.ts';
import { patchGroup, readGroupResource } from '../../scim/group.ts';
import { resourceTypes, schemas, serviceProviderConfig } from '../../scim/discovery.ts';
import { errorBody, listResponse, project, readPage, SCIM_CONTENT_TYPE, ScimError } from '../../scim/protocol.ts';
import type { ScimSettings } from '../../sso/providers.ts';

export interface ScimContext {
  db: Db;
  request: Request;
  /** The path after /scim/v2/, split: `['Users', '<id>']`. */
  segments: string[];
  /** Absolute URL of /scim/v2 as clients see it, for `meta.location`. */
  base: string;
  settings: ScimSettings;
  perMinute: number;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': SCIM_CONTENT_TYPE, 'cache-control': 'no-store', ...headers },
  });
}

function fail(error: ScimError, headers: Record<string, string> = {}): Response {
  // The rest of a body too large was left unread: the connection cannot carry another request.
  const close: Record<string, string> = error.status === 413 ? { connection: 'close' } : {};
  return json(error.status, errorBody(error), { ...close, ...headers });
}

export async function handleScim(c: ScimContext): Promise<Response> {
  const token = await authenticateScim(c.db, c.request.headers.get('authorization'));
  if (!token)
    return fail(new ScimError(401, 'A valid bearer token is required: create one at /admin/scim-tokens.'), {
      'www-authenticate': 'Bearer realm="scim"',
    });
  const wait = await admitScimRequest(c.db, token.id, c.perMinute);
  if (wait > 0)
    return fail(new ScimError(429, `Too many requests for this token; retry in ${wait} s.`), { 'retry-after': String(wait) });
  const url = new URL(c.request.url);
  // Decoded leniently (URLSearchParams never throws) so the log reads `filter=userName eq "..."`.
  const query = [...url.searchParams].map(([k, v]) => `${k}=${v}`).join('&');
  await noteScimUse(c.db, token, `${c.request.method} /${c.segments.join('/')}${query ? `?${query}` : ''}`);
  try {
    return await route(c, url.searchParams);
  } catch (error) {
    if (error instanceof ScimError) return fail(error);
    // Two requests creating the same person or group at once: the checks passed for both, the index did not.
    if (uniqueViolation(error))
      return fail(new ScimError(409, 'That userName, email or group name was just taken.', 'uniqueness'));
    throw error;
  }
}

function uniqueViolation(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) if (/UNIQUE constraint failed/.test(e.message)) return true;
  return false;
}

async function body(c: ScimContext): Promise<unknown> {
  const read = await readJson(c.request);
  if (read === 'too-large')
    throw new ScimError(413, 'The request body is too large (at most 1 MB); send fewer members per request.');
  if (read === 'malformed') throw new ScimError(400, 'The request body is not valid JSON.', 'invalidSyntax');
  return read.value;
}

function notAllowed(allow: string): Response {
  return json(405, errorBody(new ScimError(405, `Use ${allow} here.`)), { allow });
}

async function route(c: ScimContext, query: URLSearchParams): Promise<Response> {
  const [resource, id, ...rest] = c.segments;
  const method = c.request.method;
  if (rest.length > 0) throw new ScimError(404, `No such endpoint: /${c.segments.join('/')}.`);
  const read = method === 'GET' || method === 'HEAD';
  switch (resource) {
    case 'ServiceProviderConfig':
      if (id) throw new ScimError(404, `No such endpoint: /${c.segments.join('/')}.`);
      return read ? json(200, serviceProviderConfig(c.base)) : notAllowed('GET');
    case 'ResourceTypes':
    case 'Schemas': {
      if (!read) return notAllowed('GET');
      const all: Record<string, unknown>[] = resource === 'Schemas' ? schemas(c.base) : resourceTypes(c.base);
      if (!id) return json(200, listResponse(all, { startIndex: 1, count: all.length }));
      const one = all.find((r) => r.id === id);
      if (!one) throw new ScimError(404, `No ${resource === 'Schemas' ? 'schema' : 'resource type'} ${id}.`);
      return json(200, one);
    }
    case 'Users':
      return id ? userById(c, id, query) : users(c, query);
    case 'Groups':
      return id ? groupById(c, id, query) : groups(c, query);
    default:
      throw new ScimError(404, `No such endpoint: /${c.segments.join('/')}. Use /Users, /Groups or the discovery endpoints.`);
  }
}

async function users(c: ScimContext, query: URLSearchParams): Promise<Response> {
  if (c.request.method === 'POST') {
    const id = await createScimUser(c.db, readUserResource(await body(c)));
    const resource = userResource((await findScimUser(c.db, id))!, c.base);
    return json(201, resource, { location: `${c.base}/Users/${id}` });
  }
  if (c.request.method !== 'GET' && c.request.method !== 'HEAD') return notAllowed('GET, POST');
  const found = await findScimUsers(c.db, parseFilter(query.get('filter')));
  return json(
    200,
    listResponse(
      found.map((u) => project(userResource(u, c.base), query)),
      readPage(query),
    ),
  );
}

async function userById(c: ScimContext, id: string, query: URLSearchParams): Promise<Response> {
  const user = await findScimUser(c.db, id);
  if (!user) throw new ScimError(404, `No user ${id}.`);
  switch (c.request.method) {
    case 'GET':
    case 'HEAD':
      return json(200, project(userResource(user, c.base), query));
    case 'PUT':
      await updateScimUser(c.db, user, readUserResource(await body(c), user.state.active));
      break;
    case 'PATCH':
      await updateScimUser(c.db, user, patchUser(user.state, await body(c)));
      break;
    case 'DELETE':
      await deleteScimUser(c.db, user);
      return json(204, null);
    default:
      return notAllowed('GET, PUT, PATCH, DELETE');
  }
  return json(200, userResource((await findScimUser(c.db, id))!, c.base));
}

async function groups(c: ScimContext, query: URLSearchParams): Promise<Response> {
  if (c.request.method === 'POST') {
    const id = await createScimGroup(c.db, readGroupResource(await body(c)), c.settings);
    return json(201, groupResource((await findScimGroup(c.db, id))!, c.base), { location: `${c.base}/Groups/${id}` });
  }
  if (c.request.method !== 'GET' && c.request.method !== 'HEAD') return notAllowed('GET, POST');
  const found = await findScimGroups(c.db, parseFilter(query.get('filter')));
  return json(
    200,
    listResponse(
      found.map((g) => project(groupResource(g, c.base), query)),
      readPage(query),
    ),
  );
}

async function groupById(c: ScimContext, id: string, query: URLSearchParams): Promise<Response> {
  const group = await findScimGroup(c.db, id);
  if (!group) throw new ScimError(404, `No group ${id}.`);
  switch (c.request.method) {
    case 'GET':
    case 'HEAD':
      return json(200, project(groupResource(group, c.base), query));
    case 'PUT':
      await updateScimGroup(c.db, group, { ...readGroupResource(await body(c)), add: [], remove: [] });
      break;
    case 'PATCH':
      await updateScimGroup(c.db, group, patchGroup(await body(c)));
      // Entra expects 204 or 200; the resource tells Okta what it now holds.
      break;
    case 'DELETE':
      await deleteScimGroup(c.db, group);
      return json(204, null);
    default:
      return notAllowed('GET, PUT, PATCH, DELETE');
  }
  return json(200, project(groupResource((await findScimGroup(c.db, id))!, c.base), query));
}

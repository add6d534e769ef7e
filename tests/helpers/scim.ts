// A SCIM client for the real built server, as a directory calls it: JSON with a bearer token and no
// Origin or cookie; and the token made the way an admin makes one, on /admin/scim-tokens.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Db } from '../../src/lib/server/db/db.ts';
import { cookieFor, postForm } from './http.ts';

export const SCIM_TYPE = /^application\/scim\+json/;

/** Creates a token on the admin page and reads it from the answer, which is the only place it appears. */
export async function tokenFromAdminPage(origin: string, db: Db, label: string): Promise<string> {
  const admin = await cookieFor(db, 'admin@example.com');
  const res = await postForm(origin, '/admin/scim-tokens', { intent: 'create', label }, { cookie: admin });
  const html = await res.text();
  expect(res.status, html.slice(0, 300)).toBe(200);
  const value = /id="new-token"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? /value="([^"]+)"[^>]*id="new-token"/.exec(html)?.[1];
  if (!value) throw new Error('the admin page showed no token');
  return value;
}

export interface ScimAnswer {
  status: number;
  type: string | null;
  headers: Headers;
  body: Record<string, unknown> & { Resources?: Record<string, unknown>[] };
}

/** One SCIM request; `body` a value to send as JSON, or a string sent as it is. */
export async function scim(origin: string, token: string, method: string, path: string, body?: unknown): Promise<ScimAnswer> {
  const res = await fetch(`${origin}/scim/v2${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/scim+json',
      ...(body === undefined ? {} : { 'content-type': 'application/scim+json; charset=utf-8' }),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), headers: res.headers, body: text ? JSON.parse(text) : {} };
}

/** Checks a SCIM error message (RFC 7644 3.12). */
export function expectScimError(answer: ScimAnswer, status: number, scimType?: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.type).toMatch(SCIM_TYPE);
  expect(answer.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
  expect(answer.body.status).toBe(String(status));
  expect(typeof answer.body.detail).toBe('string');
  if (scimType) expect(answer.body.scimType).toBe(scimType);
}

/** Checks a User resource's shape (RFC 7643 4.1 and 3.1). */
export function expectUser(resource: Record<string, unknown>, origin: string) {
  expect(resource.schemas).toContain('urn:ietf:params:scim:schemas:core:2.0:User');
  expect(typeof resource.id).toBe('string');
  expect(typeof resource.userName).toBe('string');
  expect(typeof resource.active).toBe('boolean');
  const meta = resource.meta as Record<string, string>;
  expect(meta.resourceType).toBe('User');
  expect(meta.location).toBe(`${origin}/scim/v2/Users/${String(resource.id)}`);
  expect(Number.isNaN(Date.parse(meta.created!))).toBe(false);
  expect(Number.isNaN(Date.parse(meta.lastModified!))).toBe(false);
}

/** Checks a ListResponse (RFC 7644 3.4.2). */
export function expectList(answer: ScimAnswer, totalResults: number) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  expect(answer.type).toMatch(SCIM_TYPE);
  expect(answer.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:ListResponse']);
  expect(answer.body.totalResults).toBe(totalResults);
  expect(answer.body.itemsPerPage).toBe(answer.body.Resources!.length);
  expect(typeof answer.body.startIndex).toBe('number');
}

/** A providers file with one (unused) provider and the SCIM manager groups; returns its path. */
export function scimConfigFile(managerGroups: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-scim-'));
  const file = join(dir, 'sso.json');
  const provider = {
    id: 'entra',
    label: 'Microsoft',
    issuer: 'https://login.example.test/v2.0',
    clientId: 'c',
    clientSecret: 's',
  };
  writeFileSync(file, JSON.stringify({ providers: [provider], scim: { managerGroups } }));
  return file;
}

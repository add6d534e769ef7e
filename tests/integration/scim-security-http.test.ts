// The SCIM service's edges on the real built server: bearer tokens (missing, wrong, revoked), the
// per-token rate limit, malformed and oversized bodies, the origin check, the audit of every use,
// and deprovisioning: a deactivated person's live session is refused on the next request, on a page
// and on a lesson page served from a stored shell (the middleware's fast path).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startServer, type TestServer } from '../helpers/server.ts';
import { cookieFor, get, postForm } from '../helpers/http.ts';
import { expectScimError, scim, SCIM_TYPE, tokenFromAdminPage } from '../helpers/scim.ts';
import { scimTokens, sessions } from '../../src/lib/server/db/schema.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';
import { insertCertificate } from '../helpers/certificate.ts';

const PER_MINUTE = 25;
const LESSON = '/modules/empathy/what-empathy-looks-like';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
let s: TestServer;
let token: string;
let admin: string;

beforeAll(async () => {
  // FAST_PATHS explicitly on, for the stored lesson shell below: npm test also runs this suite with it off.
  s = await startServer({ env: { SCIM_REQUESTS_PER_MINUTE: String(PER_MINUTE), FAST_PATHS: 'true' } });
  token = await tokenFromAdminPage(s.origin, s.db, 'Directory');
  admin = await cookieFor(s.db, 'admin@example.com');
});
afterAll(() => s?.stop());

describe('bearer tokens', () => {
  it('refuses a request without a token, with a wrong one, or with a session cookie only: 401 as a SCIM error', async () => {
    const bare = await fetch(`${s.origin}/scim/v2/Users`, { headers: { cookie: admin } });
    expect(bare.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expectScimError(
      { status: bare.status, type: bare.headers.get('content-type'), headers: bare.headers, body: await bare.json() },
      401,
    );
    const [id] = token.split('.');
    for (const wrong of [`${id}.${'a'.repeat(24)}`, 'not-a-token', `${token}x`])
      expectScimError(await scim(s.origin, wrong, 'GET', '/Users'), 401);
  });

  it('stores only a hash, shows the last use, and refuses a revoked token', async () => {
    const second = await tokenFromAdminPage(s.origin, s.db, 'To revoke');
    const [id, secret] = second.split('.');
    const [row] = await s.db.select().from(scimTokens).where(eq(scimTokens.id, id!));
    expect(row!.lastUsedAt).toBeNull();
    expect(Buffer.from(row!.secretHash).toString('utf8')).not.toContain(secret);
    expect((await scim(s.origin, second, 'GET', '/ServiceProviderConfig')).status).toBe(200);
    const page = await (await get(s.origin, '/admin/scim-tokens', admin)).text();
    expect(page).toContain('To revoke');
    expect(page).not.toContain(secret);
    expect((await s.db.select().from(scimTokens).where(eq(scimTokens.id, id!)))[0]!.lastUsedAt).not.toBeNull();
    const revoked = await postForm(s.origin, '/admin/scim-tokens', { intent: 'revoke', tokenId: id! }, { cookie: admin });
    expect(revoked.status).toBe(200);
    expectScimError(await scim(s.origin, second, 'GET', '/Users'), 401);
    expect(await (await get(s.origin, '/admin/scim-tokens', admin)).text()).toMatch(/Revoked/);
  });

  it('audits every use in the identity log and its CSV', async () => {
    await scim(s.origin, token, 'GET', '/Users?filter=userName%20eq%20%22audit%40example.com%22');
    const csv = await (await get(s.origin, '/admin/identity-events.csv', admin)).text();
    expect(csv).toContain('token-use');
    // CSV doubles the quotes inside a cell.
    expect(csv).toContain('"GET /Users?filter=userName eq ""audit@example.com"" (token ""Directory"")"');
    expect(csv).toContain('token-create');
    expect(csv).toContain('token-revoke');
  });
});

describe('requests', () => {
  it('serves the discovery endpoints', async () => {
    const config = await scim(s.origin, token, 'GET', '/ServiceProviderConfig');
    expect(config.type).toMatch(SCIM_TYPE);
    expect(config.body).toMatchObject({ patch: { supported: true }, filter: { supported: true }, bulk: { supported: false } });
    const types = await scim(s.origin, token, 'GET', '/ResourceTypes');
    expect(types.body.Resources!.map((r) => r.id)).toEqual(['User', 'Group']);
    const user = await scim(s.origin, token, 'GET', '/Schemas/urn:ietf:params:scim:schemas:core:2.0:User');
    expect(user.body.id).toBe('urn:ietf:params:scim:schemas:core:2.0:User');
    expectScimError(await scim(s.origin, token, 'GET', '/Elsewhere'), 404);
  });

  it('answers malformed JSON with 400 invalidSyntax, and an unsupported filter with 400 invalidFilter', async () => {
    expectScimError(await scim(s.origin, token, 'POST', '/Users', '{"userName": '), 400, 'invalidSyntax');
    expectScimError(await scim(s.origin, token, 'GET', '/Users?filter=userName%20co%20%22a%22'), 400, 'invalidFilter');
    // Broken percent-encoding and an escape JSON does not know: refused, not a server error.
    // (The Node adapter itself answers a URL that cannot be decoded, in plain text.)
    const broken = await fetch(`${s.origin}/scim/v2/Users?filter=%E0%A4%A`, { headers: { authorization: `Bearer ${token}` } });
    expect(broken.status).toBe(400);
    expectScimError(await scim(s.origin, token, 'GET', '/Users?filter=userName%20eq%20%22%5Cx%22'), 400, 'invalidFilter');
  });

  it('refuses a body over 1 MB with 413, announced or not', async () => {
    const huge = JSON.stringify({ userName: 'x@example.com', padding: 'x'.repeat(1_100_000) });
    expectScimError(await scim(s.origin, token, 'POST', '/Users', huge), 413);
    const streamed = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(huge));
        controller.close();
      },
    });
    const res = await fetch(`${s.origin}/scim/v2/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      body: streamed,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('creates a person once when the same create arrives several times at once: the rest are 409', async () => {
    const user = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'twice@example.com', active: true };
    // Its own token, so that the burst leaves the others' rate alone.
    const burst = await tokenFromAdminPage(s.origin, s.db, 'Burst');
    const answers = await Promise.all(Array.from({ length: 12 }, () => scim(s.origin, burst, 'POST', '/Users', user)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status !== 201 && status !== 409)).toEqual([]);
    for (const refused of answers.filter((a) => a.status === 409)) expectScimError(refused, 409, 'uniqueness');
  });

  it('checks the origin of everything that is not a bearer request', async () => {
    const forged = await postForm(
      s.origin,
      '/scim/v2/Users',
      { userName: 'x' },
      { cookie: admin, origin: 'https://evil.example' },
    );
    expect(forged.status).toBe(403);
  });

  it('limits each token to its rate: 429 with Retry-After, other tokens unaffected', async () => {
    const busy = await tokenFromAdminPage(s.origin, s.db, 'Busy');
    const statuses: number[] = [];
    for (let i = 0; i < PER_MINUTE + 2; i++) statuses.push((await scim(s.origin, busy, 'GET', '/ServiceProviderConfig')).status);
    expect(statuses.slice(0, PER_MINUTE)).toEqual(Array(PER_MINUTE).fill(200));
    const limited = await scim(s.origin, busy, 'GET', '/ServiceProviderConfig');
    expectScimError(limited, 429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await scim(s.origin, token, 'GET', '/ServiceProviderConfig')).status).toBe(200);
  });
});

describe('deprovisioning a person who is signed in', () => {
  it('refuses their session on the next request, on a page and on a lesson shell; reactivation lets them sign in again', async () => {
    const lena = await findUserByEmail(s.db, 'learner@example.com');
    const linked = await scim(s.origin, token, 'POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'learner@example.com',
      displayName: 'Lena Fischer',
      active: true,
    });
    expect(linked.body.id, JSON.stringify(linked.body)).toBe(lena!.id);
    const cookie = await cookieFor(s.db, 'learner@example.com');
    expect((await get(s.origin, '/', cookie)).status).toBe(200);
    await get(s.origin, LESSON, cookie);
    const shell = await get(s.origin, LESSON, cookie);
    expect(shell.status).toBe(200);
    expect(shell.headers.get('server-timing')).toBe('shell;desc=stored');

    const off = await scim(s.origin, token, 'PATCH', `/Users/${lena!.id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(off.body.active).toBe(false);
    expect(await s.db.select().from(sessions).where(eq(sessions.userId, lena!.id))).toHaveLength(0);
    for (const path of ['/', LESSON]) {
      const refused = await get(s.origin, path, cookie);
      expect(refused.status, path).toBe(303);
      expect(refused.headers.get('location')).toMatch(/^\/sign-in/);
    }

    // Her record stays: her drill-down and her team's certificates export still show her.
    await insertCertificate(s.db, lena!.id);
    const drillDown = await get(s.origin, `/team/people/${lena!.id}`, admin);
    expect(drillDown.status).toBe(200);
    expect(await drillDown.text()).toContain('Lena Fischer');
    const csv = await (await get(s.origin, `/team/${lena!.teamId}/export/certificates.csv`, admin)).text();
    expect(csv).toContain('Lena Fischer');
    expect(csv).toContain('learner@example.com,Customer Care Standards');

    await scim(s.origin, token, 'PATCH', `/Users/${lena!.id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', value: { active: true } }],
    });
    expect((await get(s.origin, '/', cookie)).status).toBe(303);
    expect((await get(s.origin, LESSON, await cookieFor(s.db, 'learner@example.com'))).status).toBe(200);
  });
});

// Authentication and request security over HTTP against the built server: cookie flags, secrets
// hashed at rest, sign-in throttling, invite links, user enumeration, cross-site posts, long redirects.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { cookieFor, get, postForm, setCookie } from '../helpers/http.ts';
import { count } from '../helpers/learners.ts';
import { fillRoute, paramsOf, routeFiles } from '../helpers/routes.ts';
import { acceptsCrossSitePosts } from '../../src/lib/server/http/origin.ts';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/seed.ts';
import { createUser, findUserByEmail, setActive } from '../../src/lib/server/people/users.ts';
import { invitePerson, issueInvite } from '../../src/lib/server/people/invites.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s?.stop());

const signIn = (email: string, password: string, headers: Record<string, string> = {}) =>
  postForm(s.origin, '/sign-in', { email, password }, { headers });

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Lax, path-wide and expiring when set by sign-in and by an accepted invite', async () => {
    const invite = await invitePerson(
      s.db,
      { email: 'flags@example.com', displayName: 'Flags', role: 'learner', teamId: null },
      null,
      72,
    );
    if (!invite.ok) throw new Error(invite.message);
    const accepted = await postForm(s.origin, `/invite/${invite.token}`, {
      password: 'willow harbor seven',
      confirm: 'willow harbor seven',
    });
    const signedIn = await signIn('learner@example.com', DEMO_PASSWORD);
    for (const res of [signedIn, accepted]) {
      expect(res.status).toBe(303);
      const cookie = setCookie(res)!;
      expect(cookie).toMatch(/^rapport_session=[a-z2-9]{24}\.[a-z2-9]{24};/);
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      expect(cookie).toMatch(/; Path=\//);
      const expires = Date.parse(cookie.match(/Expires=([^;]+)/)?.[1] ?? '');
      expect(expires).toBeGreaterThan(Date.now());
    }
  });

  it('is cleared by signing out, and the old token no longer works', async () => {
    const cookie = await cookieFor(s.db, 'learner@example.com');
    const out = await postForm(s.origin, '/sign-out', {}, { cookie });
    expect(setCookie(out)).toMatch(/^rapport_session=; .*Max-Age=0/);
    expect((await get(s.origin, '/', cookie)).status).toBe(303);
  });
});

describe('session secrets at rest', () => {
  it('stores only a SHA-256 of the secret: the token appears nowhere in the table or the database files', async () => {
    const res = await signIn('trainer@example.com', DEMO_PASSWORD);
    const token = setCookie(res)!.split(';')[0]!.split('=')[1]!;
    const [id, secret] = token.split('.') as [string, string];
    const rows = await s.db.$client.execute({ sql: 'select * from sessions where id = ?', args: [id] });
    expect(rows.rows).toHaveLength(1);
    const stored = Buffer.from(rows.rows[0]!.secret_hash as ArrayBuffer);
    expect(stored.equals(createHash('sha256').update(secret).digest())).toBe(true);
    const everything = await s.db.$client.execute('select * from sessions');
    expect(JSON.stringify(everything.rows)).not.toContain(secret);
    const file = s.dbUrl.slice('file:'.length);
    for (const path of [file, `${file}-wal`].filter(existsSync)) expect(readFileSync(path).includes(secret)).toBe(false);
  });
});

describe('sign-in throttling over HTTP', () => {
  it('answers repeated failures with 429 and a Retry-After, even for the right password', async () => {
    await createUser(s.db, {
      email: 'throttled@example.com',
      displayName: 'Throttled',
      role: 'learner',
      password: DEMO_PASSWORD,
    });
    for (let i = 0; i < 5; i++) expect((await signIn('throttled@example.com', 'wrong password')).status).toBe(401);
    const blocked = await signIn('throttled@example.com', DEMO_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.text()).toContain('Too many attempts.');
    expect(setCookie(blocked)).toBeUndefined();
  });
});

describe('no user enumeration', () => {
  it('answers an unknown email, a wrong password, an invited and a deactivated person identically', async () => {
    await invitePerson(s.db, { email: 'pending@example.com', displayName: 'Pending', role: 'learner', teamId: null }, null, 72);
    const gone = await createUser(s.db, {
      email: 'gone@example.com',
      displayName: 'Gone',
      role: 'learner',
      password: DEMO_PASSWORD,
    });
    await setActive(s.db, gone.id, false);
    const cases = [
      ['nobody@example.com', DEMO_PASSWORD],
      ['marcus.bell@example.com', 'wrong password'],
      ['pending@example.com', DEMO_PASSWORD],
      ['gone@example.com', DEMO_PASSWORD],
    ] as const;
    const answers = [];
    for (const [email, password] of cases) {
      const res = await signIn(email, password);
      // The form echoes the email back; everything else must be byte-for-byte the same.
      answers.push({ status: res.status, cookie: setCookie(res), body: (await res.text()).replaceAll(email, 'EMAIL') });
    }
    expect(answers[0]!.status).toBe(401);
    for (const a of answers.slice(1)) expect(a).toEqual(answers[0]);
  });
});

describe('invite links', () => {
  it('work once: two tabs accepting at the same moment set one password', async () => {
    const admin = await cookieFor(s.db, 'admin@example.com');
    const created = await postForm(
      s.origin,
      '/admin/people',
      { intent: 'invite', email: 'once@example.com', name: 'Once Only', role: 'learner' },
      { cookie: admin },
    );
    const path = new URL((await created.text()).match(/value="(http:\/\/[^"]+\/invite\/[^"]+)"/)![1]!).pathname;
    expect((await get(s.origin, path)).status).toBe(200);
    const accept = (password: string) => postForm(s.origin, path, { password, confirm: password });
    const results = await Promise.all([accept('willow harbor seven'), accept('amber canyon ninety')]);
    expect(results.map((r) => r.status).sort()).toEqual([303, 410]);
    const again = await get(s.origin, path);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('already been used');
    expect((await accept('quiet meadow eleven')).status).toBe(410);
  });

  it('expire: an old link is refused and sets no password', async () => {
    const pending = await invitePerson(
      s.db,
      { email: 'late@example.com', displayName: 'Late', role: 'learner', teamId: null },
      null,
      72,
    );
    if (!pending.ok) throw new Error(pending.message);
    const old = await issueInvite(s.db, pending.userId, null, 72, new Date(Date.now() - 73 * 3600_000));
    const page = await get(s.origin, `/invite/${old.token}`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('expired');
    const post = await postForm(s.origin, `/invite/${old.token}`, {
      password: 'willow harbor seven',
      confirm: 'willow harbor seven',
    });
    expect(post.status).toBe(410);
    expect((await findUserByEmail(s.db, 'late@example.com'))!.passwordHash).toBeNull();
  });

  it('stop working when the admin issues a new one', async () => {
    const first = await invitePerson(
      s.db,
      { email: 'again@example.com', displayName: 'Again', role: 'learner', teamId: null },
      null,
      72,
    );
    const second = await invitePerson(
      s.db,
      { email: 'again@example.com', displayName: 'Again', role: 'learner', teamId: null },
      null,
      72,
    );
    if (!first.ok || !second.ok) throw new Error('invite failed');
    expect((await get(s.origin, `/invite/${first.token}`)).status).toBe(410);
    expect((await get(s.origin, `/invite/${second.token}`)).status).toBe(200);
  });
});

describe('cross-site posts', () => {
  const REAL: Record<string, string> = {
    module: 'empathy',
    lesson: 'what-empathy-looks-like',
    quiz: 'empathy-check-1',
    scenario: 'the-day-after-the-repair',
  };
  // The SAML bindings are the one declared exception (an IdP's page posts to them; decision 019): they act
  // on IdP-signed messages only, which tests/integration/sso-saml-http.test.ts covers.
  const exempt = routeFiles().filter((r) => acceptsCrossSitePosts(r.pattern));
  const paths = routeFiles()
    .filter((r) => !acceptsCrossSitePosts(r.pattern))
    .map((r) => fillRoute(r.pattern, Object.fromEntries(paramsOf(r.pattern).map((p) => [p, REAL[p] ?? 'x']))));

  it('are accepted by the SAML endpoints only', () => {
    expect(exempt.map((r) => r.pattern)).toEqual(['/sign-in/saml/[provider]/acs', '/sign-in/saml/[provider]/slo']);
  });
  const attacks: [string, { origin?: string | null; headers?: Record<string, string> }][] = [
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['no Origin at all', { origin: null }],
    ['Sec-Fetch-Site: cross-site', { headers: { 'sec-fetch-site': 'cross-site' } }],
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', { headers: { 'sec-fetch-site': 'same-site' } }],
  ];

  it.each(attacks)('are refused on every route when they carry %s', async (_, attack) => {
    const cookie = await cookieFor(s.db, 'admin@example.com');
    const refused = [];
    for (const path of paths) {
      const res = await postForm(
        s.origin,
        path,
        { intent: 'complete', email: 'csrf@example.com', name: 'Csrf' },
        { cookie, ...attack },
      );
      if (res.status !== 403) refused.push(`${path}: ${res.status}`);
    }
    expect(refused).toEqual([]);
    // Nothing happened: no completion, no invited person, and the session survived its "sign out".
    expect(
      await count(
        s.db,
        "select count(*) as n from lesson_progress lp join users u on u.id = lp.user_id where u.email = 'admin@example.com'",
      ),
    ).toBe(0);
    expect(await findUserByEmail(s.db, 'csrf@example.com')).toBeUndefined();
    expect((await get(s.origin, '/', cookie)).status).toBe(200);
  });

  it('are refused as text/plain too (the one body type a page can send cross-site without asking)', async () => {
    const cookie = await cookieFor(s.db, 'admin@example.com');
    const res = await fetch(`${s.origin}/sign-out`, {
      method: 'POST',
      body: 'intent=x',
      headers: { cookie, origin: 'https://evil.example', 'content-type': 'text/plain' },
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
  });
});

describe('redirects to sign-in', () => {
  it('keep the way back for real pages but drop an oversized one (found by fuzzing)', async () => {
    expect((await get(s.origin, '/modules/empathy?from=%2F')).headers.get('location')).toBe(
      '/sign-in?next=%2Fmodules%2Fempathy%3Ffrom%3D%252F',
    );
    const res = await get(s.origin, `/modules/empathy?junk=${'%F0%9F%98%80'.repeat(400)}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in?next=%2Fmodules%2Fempathy');
  });
});

// Single sign-on through the real built server against a real OpenID Provider (oidc-provider) started
// here: the happy path, account linking and creation, refusals, tampering and group mapping.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startServer, type TestServer } from '../helpers/server.ts';
import { CLIENT, startIdp, type TestIdp } from '../helpers/oidc-idp.ts';
import { cookieFor, postForm, setCookie } from '../helpers/http.ts';
import { SsoBrowser as Browser } from '../helpers/sso-browser.ts';
import { identityEvents, ssoLogins, teams, users, userIdentities } from '../../src/lib/server/db/schema.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/seed.ts';

let idp: TestIdp;
let s: TestServer;
let dir: string;

beforeAll(async () => {
  idp = await startIdp();
  dir = mkdtempSync(join(tmpdir(), 'rapport-sso-'));
  const file = join(dir, 'sso.json');
  const provider = {
    id: 'acme',
    label: 'Acme ID',
    issuer: idp.issuer,
    clientId: CLIENT.id,
    clientSecret: CLIENT.secret,
    allowedDomains: ['acme.test'],
    groups: { roles: { 'rapport-trainers': 'trainer', 'rapport-admins': 'admin' }, teams: { support: 'Customer Support' } },
    allowInsecureHttp: true,
  };
  writeFileSync(file, JSON.stringify({ providers: [provider], passwordSignIn: false }));
  s = await startServer({ env: { SSO_CONFIG: file } });
  idp.register([`${s.origin}/sign-in/oidc/acme/callback`], [`${s.origin}/sign-in`]);
  idp.people.set('sub-new', { email: 'Nadia@Acme.test', email_verified: true, name: 'Nadia Haddad', groups: [] });
  idp.people.set('sub-lena', { email: 'learner@example.com', email_verified: true, name: 'Lena F.' });
  idp.people.set('sub-out', { email: 'sam@elsewhere.test', email_verified: true, name: 'Sam' });
  idp.people.set('sub-unverified', { email: 'admin@example.com', email_verified: false, name: 'Not the admin' });
});
afterAll(async () => {
  await s?.stop();
  await idp?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Clicks "Sign in with Acme ID" and goes through the provider as `subject`, stopping before the callback:
 * returns the callback URL the provider sent the browser to. `tamper` may rewrite the authorization URL.
 */
async function throughProvider(browser: Browser, subject: string, tamper: (url: URL) => void = () => {}): Promise<string> {
  idp.signInAs(subject);
  const start = await browser.get(`${s.origin}/sign-in/oidc/acme?next=/modules`);
  expect(start.status).toBe(303);
  const authorization = new URL(start.headers.get('location')!);
  expect(authorization.origin).toBe(idp.issuer);
  expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
  tamper(authorization);
  let url = authorization.href;
  for (let hop = 0; hop < 10; hop++) {
    if (url.startsWith(s.origin)) return url;
    const res = await browser.get(url);
    const location = res.headers.get('location');
    if (!location) throw new Error(`the provider stopped at ${url} with ${res.status}: ${(await res.text()).slice(0, 300)}`);
    url = new URL(location, url).href;
  }
  throw new Error('too many redirects at the provider');
}

const host = () => new URL(s.origin).host;
const sessionOf = (browser: Browser) => browser.cookie(host(), 'rapport_session');

/** Why the last refused callback was refused, as the audit log says. */
async function lastRefusal(): Promise<string> {
  const rows = await s.db.select().from(identityEvents).where(eq(identityEvents.kind, 'refuse'));
  return rows.sort((a, b) => a.at.getTime() - b.at.getTime()).at(-1)?.detail ?? '';
}

async function events(email: string) {
  const rows = await s.db.select().from(identityEvents).where(eq(identityEvents.email, email));
  return rows.map((r) => `${r.kind}${r.detail ? `: ${r.detail}` : ''}`);
}

describe('single sign-on with OpenID Connect', () => {
  it('shows a button per provider on the sign-in page', async () => {
    const page = await (await fetch(`${s.origin}/sign-in`)).text();
    expect(page).toContain('href="/sign-in/oidc/acme?next=%2F"');
    expect(page).toContain('Sign in with Acme ID');
  });

  it('creates an account just in time for an allowed domain and signs the person in', async () => {
    const browser = new Browser();
    const callback = await throughProvider(browser, 'sub-new');
    const res = await browser.get(callback);
    expect(res.status, await res.text()).toBe(303);
    expect(res.headers.get('location')).toBe('/modules');
    expect(sessionOf(browser)).toBeTruthy();
    const home = await browser.get(`${s.origin}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Nadia Haddad');
    const nadia = await findUserByEmail(s.db, 'nadia@acme.test');
    expect(nadia).toMatchObject({ role: 'learner', active: true, passwordHash: null });
    expect(await events('nadia@acme.test')).toEqual(['create: account created at first sign-in (allowed domain)', 'sign-in']);
  });

  it('links an existing account by verified email, then finds it by subject', async () => {
    const lena = (await findUserByEmail(s.db, 'learner@example.com'))!;
    const browser = new Browser();
    expect((await browser.get(await throughProvider(browser, 'sub-lena'))).status).toBe(303);
    const [link] = await s.db.select().from(userIdentities).where(eq(userIdentities.subject, 'sub-lena'));
    expect(link).toMatchObject({ providerId: 'acme', userId: lena.id });
    // Her address changes at the provider: the link by subject still finds her.
    idp.people.set('sub-lena', { email: 'lena.fischer@example.com', email_verified: true, name: 'Lena F.' });
    const again = new Browser();
    expect((await again.get(await throughProvider(again, 'sub-lena'))).status).toBe(303);
    expect(await events('learner@example.com')).toEqual(['link: linked by verified email', 'sign-in']);
  });

  it('refuses a domain that is not allowed, saying whom to ask, and creates nobody', async () => {
    const browser = new Browser();
    const res = await browser.get(await throughProvider(browser, 'sub-out'));
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Ask your Rapport admin to invite you');
    expect(sessionOf(browser)).toBeUndefined();
    expect(await findUserByEmail(s.db, 'sam@elsewhere.test')).toBeUndefined();
    expect(await events('sam@elsewhere.test')).toEqual(['refuse: domain']);
  });

  it('does not link on an unverified email', async () => {
    const browser = new Browser();
    const res = await browser.get(await throughProvider(browser, 'sub-unverified'));
    expect(res.status).toBe(403);
    expect(sessionOf(browser)).toBeUndefined();
    const rows = await s.db.select().from(userIdentities).where(eq(userIdentities.subject, 'sub-unverified'));
    expect(rows).toEqual([]);
  });

  it('refuses a callback whose state is not the one this browser started with', async () => {
    const browser = new Browser();
    const callback = new URL(await throughProvider(browser, 'sub-new'));
    callback.searchParams.set('state', 'forged-state');
    const res = await browser.get(callback.href);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Start again from the sign-in page');
    expect(sessionOf(browser)).toBeUndefined();
    expect(await lastRefusal()).toMatch(/"state"/);
  });

  it('refuses a replayed code, with the old login cookie or a new one', async () => {
    const browser = new Browser();
    const callback = await throughProvider(browser, 'sub-new');
    const loginCookie = browser.cookie(host(), 'rapport_sso')!;
    expect((await browser.get(callback)).status).toBe(303);
    const attacker = new Browser();
    await attacker.get(`${s.origin}/sign-in`);
    attacker.setCookie(host(), 'rapport_sso', loginCookie);
    const replay = await attacker.get(callback);
    expect(replay.status).toBe(400);
    expect(sessionOf(attacker)).toBeUndefined();
    expect(await lastRefusal()).toBe('sign-in already completed or unknown');
    // A fresh sign-in of the attacker's own, with the stolen code put in its callback: the provider
    // refuses a code used before (and one not made for this PKCE verifier).
    const own = new URL(await throughProvider(attacker, 'sub-out'));
    own.searchParams.set('code', new URL(callback).searchParams.get('code')!);
    expect((await attacker.get(own.href)).status).toBe(400);
    expect(sessionOf(attacker)).toBeUndefined();
    expect(await lastRefusal()).toMatch(/invalid_grant/);
  });

  it('refuses a sign-in finished too late, and sweeps abandoned ones at the next start', async () => {
    const browser = new Browser();
    const callback = await throughProvider(browser, 'sub-new');
    const past = new Date(Date.now() - 1000);
    await s.db
      .update(ssoLogins)
      .set({ expiresAt: past })
      .where(eq(ssoLogins.id, browser.cookie(host(), 'rapport_sso')!));
    expect((await browser.get(callback)).status).toBe(400);
    expect(await lastRefusal()).toBe('sign-in started too long ago');
    await s.db.insert(ssoLogins).values({
      id: 'abandoned',
      providerId: 'acme',
      state: 's',
      nonce: 'n',
      codeVerifier: 'v',
      next: '/',
      expiresAt: past,
    });
    await new Browser().get(`${s.origin}/sign-in/oidc/acme`);
    expect(await s.db.select().from(ssoLogins).where(eq(ssoLogins.id, 'abandoned'))).toEqual([]);
  });

  it('refuses an ID token whose nonce is not the one sent', async () => {
    const browser = new Browser();
    const callback = await throughProvider(browser, 'sub-new', (url) => url.searchParams.set('nonce', 'attacker-nonce'));
    const res = await browser.get(callback);
    expect(res.status).toBe(400);
    expect(sessionOf(browser)).toBeUndefined();
    expect(await lastRefusal()).toMatch(/claim nonce/);
  });

  it('refuses a code made for another client of the same provider (another audience)', async () => {
    const browser = new Browser();
    const callback = await throughProvider(browser, 'sub-new', (url) => url.searchParams.set('client_id', 'other-app'));
    const res = await browser.get(callback);
    expect(res.status).toBe(400);
    expect(sessionOf(browser)).toBeUndefined();
    expect(await lastRefusal()).toMatch(/invalid_grant/);
  });

  it('refuses an ID token that had already expired when it arrived (the provider clock two hours behind)', async () => {
    const browser = new Browser();
    idp.skewClock(-2 * 3600_000);
    try {
      const callback = await throughProvider(browser, 'sub-new');
      const res = await browser.get(callback);
      expect(res.status).toBe(400);
    } finally {
      idp.skewClock(0);
    }
    expect(sessionOf(browser)).toBeUndefined();
    expect(await lastRefusal()).toMatch(/claim exp/);
  });

  it('applies the group mapping at each sign-in and logs each change', async () => {
    idp.people.set('sub-new', {
      email: 'nadia@acme.test',
      email_verified: true,
      name: 'Nadia Haddad',
      groups: ['support', 'rapport-trainers'],
    });
    const first = new Browser();
    expect((await first.get(await throughProvider(first, 'sub-new'))).status).toBe(303);
    const [support] = await s.db.select().from(teams).where(eq(teams.name, 'Customer Support'));
    expect(await findUserByEmail(s.db, 'nadia@acme.test')).toMatchObject({ role: 'trainer', teamId: support!.id });
    // She leaves the trainers' group at the provider: her next sign-in takes the role away.
    idp.people.set('sub-new', { email: 'nadia@acme.test', email_verified: true, name: 'Nadia Haddad', groups: ['support'] });
    const second = new Browser();
    expect((await second.get(await throughProvider(second, 'sub-new'))).status).toBe(303);
    expect(await findUserByEmail(s.db, 'nadia@acme.test')).toMatchObject({ role: 'learner', teamId: support!.id });
    const changes = (await events('nadia@acme.test')).filter((e) => e.startsWith('role') || e.startsWith('team'));
    expect(changes).toEqual([
      'role: learner -> trainer (group rapport-trainers)',
      'team: -> Customer Support (group support)',
      'role: trainer -> learner (no mapped group)',
    ]);
  });

  it('keeps password sign-in for admins only when it is turned off', async () => {
    const learner = await postForm(s.origin, '/sign-in', { email: 'manager@example.com', password: DEMO_PASSWORD });
    expect(learner.status).toBe(403);
    expect(await learner.text()).toContain('Passwords are kept for admins only');
    expect(setCookie(learner)).toBeUndefined();
    const admin = await postForm(s.origin, '/sign-in', { email: 'admin@example.com', password: DEMO_PASSWORD });
    expect(admin.status).toBe(303);
    expect(setCookie(admin)).toBeTruthy();
    expect(await s.db.select().from(users).where(eq(users.email, 'admin@example.com'))).toHaveLength(1);
    expect(await events('admin@example.com')).toContain('sign-in: password');
  });

  it('shows admins the audit log, where roles and teams came from, and all of it as CSV', async () => {
    const admin = await cookieFor(s.db, 'admin@example.com');
    const nadia = (await findUserByEmail(s.db, 'nadia@acme.test'))!;
    // An admin's own change is logged as the admin's, next to the mapping's.
    const changed = await postForm(
      s.origin,
      '/admin/people',
      { intent: 'update', userId: nadia.id, role: 'trainer', teamId: nadia.teamId! },
      { cookie: admin },
    );
    expect(changed.status).toBe(200);
    const page = await fetch(`${s.origin}/admin/identity-events`, { headers: { cookie: admin } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('learner -&gt; trainer (by admin Ada Okafor)');
    expect(html).toContain('-&gt; Customer Support (group support)');
    expect(html).toContain('sam@elsewhere.test');
    const csv = await fetch(`${s.origin}/admin/identity-events.csv`, { headers: { cookie: admin } });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await csv.text()).split('\r\n');
    // (text() drops the byte-order mark the export starts with.)
    expect(lines[0]).toBe('time (UTC),event,person,email,provider,detail');
    expect(lines).toContainEqual(expect.stringMatching(/,create,Nadia Haddad,nadia@acme\.test,acme,account created/));
    expect(lines).toContainEqual(expect.stringMatching(/,refuse,,sam@elsewhere\.test,acme,domain$/));
    const learner = await fetch(`${s.origin}/admin/identity-events.csv`, {
      headers: { cookie: await cookieFor(s.db, 'learner@example.com') },
    });
    expect(learner.status).toBe(403);
  });

  it("shows admins the provider's state and tests its connection by discovery", async () => {
    const admin = await cookieFor(s.db, 'admin@example.com');
    const html = await (await fetch(`${s.origin}/admin/identity`, { headers: { cookie: admin } })).text();
    expect(html).toContain('Acme ID');
    expect(html).toContain(`${s.origin}/sign-in/oidc/acme/callback`);
    expect(html).toMatch(/Last successful sign-in<\/dt>\s*<dd>[^<]*\(Nadia Haddad\)/);
    const test = await (
      await postForm(s.origin, '/admin/identity', { intent: 'test', provider: 'acme' }, { cookie: admin })
    ).text();
    expect(test).toContain('The connection works.');
    expect(test).toContain(`issuer ${idp.issuer}`);
    expect(test).toContain('Single logout: offered.');
  });

  it('signs out at the provider too (RP-initiated logout), and back to our sign-in page', async () => {
    const browser = new Browser();
    expect((await browser.get(await throughProvider(browser, 'sub-new'))).status).toBe(303);
    const session = sessionOf(browser)!;
    const out = await browser.post(`${s.origin}/sign-out`, {});
    expect(out.status).toBe(303);
    const endSession = new URL(out.headers.get('location')!);
    expect(endSession.origin).toBe(idp.issuer);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${s.origin}/sign-in`);
    expect(endSession.searchParams.get('id_token_hint')).toBeTruthy();
    // Our session is over before the provider is even asked.
    expect((await fetch(`${s.origin}/`, { headers: { cookie: `rapport_session=${session}` }, redirect: 'manual' })).status).toBe(
      303,
    );
    // The provider asks to confirm, then sends the browser back to our sign-in page.
    const confirm = await (await browser.get(endSession.href)).text();
    const action = /action="([^"]+)"/.exec(confirm)![1]!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm)![1]!;
    const done = await browser.post(new URL(action, idp.issuer).href, { xsrf, logout: 'yes' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${s.origin}/sign-in`);
    // A password session has no provider to sign out of.
    const admin = await postForm(s.origin, '/sign-in', { email: 'admin@example.com', password: DEMO_PASSWORD });
    const plain = await postForm(s.origin, '/sign-out', {}, { cookie: setCookie(admin)!.split(';')[0] });
    expect(plain.headers.get('location')).toBe('/sign-in');
  });
});

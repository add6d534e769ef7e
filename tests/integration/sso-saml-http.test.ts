// SAML 2.0 sign-in through the real built server against a real IdP (samlify) started here, which
// imports Rapport's own metadata: SP- and IdP-initiated sign-in, each refusal with its page, single
// logout both ways, and the limit on sign-in starts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startServer, type TestServer } from '../helpers/server.ts';
import { makeKeyPair, startSamlIdp, type ResponseTweaks, type TestSamlIdp } from '../helpers/saml-idp.ts';
import { SsoBrowser } from '../helpers/sso-browser.ts';
import { cookieFor, postForm } from '../helpers/http.ts';
import { identityEvents, samlAssertions, samlSessions, teams } from '../../src/lib/server/db/schema.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';

let idp: TestSamlIdp;
let s: TestServer;
let dir: string;
const sp = makeKeyPair('rapport-sp');

beforeAll(async () => {
  idp = await startSamlIdp();
  dir = mkdtempSync(join(tmpdir(), 'rapport-saml-'));
  const file = join(dir, 'sso.json');
  const provider = {
    protocol: 'saml',
    id: 'acme',
    label: 'Acme SSO',
    entryPoint: idp.ssoUrl,
    logoutUrl: idp.sloUrl,
    idpEntityId: idp.entityId,
    idpCertificates: [idp.keys.cert],
    spPrivateKey: sp.key,
    spCertificate: sp.cert,
    allowedDomains: ['acme.test'],
    groups: { roles: { 'rapport-trainers': 'trainer' }, teams: { support: 'Customer Support' } },
    allowInsecureHttp: true,
  };
  writeFileSync(file, JSON.stringify({ providers: [provider] }));
  s = await startServer({ env: { SSO_CONFIG: file } });
  idp.trust(await (await fetch(`${s.origin}/sign-in/saml/acme/metadata.xml`)).text());
  idp.people.set('p-ines', {
    nameId: 'p-ines',
    email: 'ines@acme.test',
    name: 'Ines Duarte',
    groups: ['support', 'rapport-trainers'],
  });
  idp.people.set('p-lena', { nameId: 'p-lena', email: 'learner@example.com', name: 'Lena F.' });
  idp.people.set('p-out', { nameId: 'p-out', email: 'olaf@elsewhere.test', name: 'Olaf' });
});
afterAll(async () => {
  await s?.stop();
  await idp?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const host = () => new URL(s.origin).host;
const sessionOf = (browser: SsoBrowser) => browser.cookie(host(), 'rapport_session');
const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');
const encode = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');

/** Clicks "Sign in with Acme SSO" and goes through the IdP as `nameId`; returns the form its page would post. */
async function throughIdp(browser: SsoBrowser, nameId: string, tweaks: ResponseTweaks = {}) {
  idp.signInAs(nameId);
  idp.tweakNext(tweaks);
  const start = await browser.get(`${s.origin}/sign-in/saml/acme?next=/modules`);
  expect(start.status).toBe(303);
  const location = new URL(start.headers.get('location')!);
  expect(`${location.origin}${location.pathname}`).toBe(idp.ssoUrl);
  expect(location.searchParams.get('Signature')).toBeTruthy();
  const page = await browser.get(location.href);
  const html = await page.text();
  expect(page.status, html).toBe(200);
  const value = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)![1]!.replace(/&quot;/g, '"');
  return {
    action: /action="([^"]+)"/.exec(html)![1]!,
    fields: { SAMLResponse: value('SAMLResponse'), RelayState: value('RelayState') },
  };
}

/** Posts the IdP's form to Rapport from the IdP's site, as the browser does. */
const postFromIdp = (browser: SsoBrowser, form: { action: string; fields: Record<string, string> }) =>
  browser.post(form.action, form.fields, idp.ssoUrl);

async function lastRefusal(): Promise<string> {
  const rows = await s.db.select().from(identityEvents).where(eq(identityEvents.kind, 'refuse'));
  return rows.sort((a, b) => a.at.getTime() - b.at.getTime()).at(-1)?.detail ?? '';
}

async function expectRefused(res: Response, page: RegExp, audit: RegExp, browser: SsoBrowser) {
  const html = await res.text();
  expect(res.status, html.slice(0, 300)).toBe(400);
  expect(html).toContain('You are not signed in');
  expect(html).toMatch(page);
  expect(sessionOf(browser)).toBeUndefined();
  expect(await lastRefusal()).toMatch(audit);
}

describe('SAML sign-in', () => {
  it('serves the metadata the IdP admin imports, and a button on the sign-in page', async () => {
    const res = await fetch(`${s.origin}/sign-in/saml/acme/metadata.xml`);
    expect(res.headers.get('content-type')).toBe('application/samlmetadata+xml; charset=utf-8');
    const xml = await res.text();
    expect(xml).toContain(`entityID="${s.origin}/sign-in/saml/acme/metadata.xml"`);
    expect(xml).toContain(`Location="${s.origin}/sign-in/saml/acme/acs"`);
    expect(xml).toContain(
      `<SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${s.origin}/sign-in/saml/acme/slo"/>`,
    );
    expect(xml).toContain(
      `<SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${s.origin}/sign-in/saml/acme/slo"/>`,
    );
    expect(xml).toContain('WantAssertionsSigned="true"');
    expect(xml).toContain('AuthnRequestsSigned="true"');
    const certBody = sp.cert.replace(/-----[A-Z ]+-----|\s/g, '');
    expect(xml.replace(/\s/g, '')).toContain(certBody);
    const page = await (await fetch(`${s.origin}/sign-in`)).text();
    expect(page).toContain('href="/sign-in/saml/acme?next=%2F"');
    expect(page).toContain('Sign in with Acme SSO');
  });

  it('signs in through the IdP, creating the account with its mapped role and team', async () => {
    const browser = new SsoBrowser();
    const res = await postFromIdp(browser, await throughIdp(browser, 'p-ines'));
    expect(res.status, await res.text()).toBe(303);
    expect(res.headers.get('location')).toBe('/modules');
    const home = await browser.get(`${s.origin}/`);
    expect(await home.text()).toContain('Ines Duarte');
    const [support] = await s.db.select().from(teams).where(eq(teams.name, 'Customer Support'));
    expect(await findUserByEmail(s.db, 'ines@acme.test')).toMatchObject({
      role: 'trainer',
      teamId: support!.id,
      passwordHash: null,
    });
    const events = await s.db.select().from(identityEvents).where(eq(identityEvents.email, 'ines@acme.test'));
    expect(events.map((e) => `${e.kind} ${e.providerId}`).sort()).toEqual([
      'create acme',
      'role acme',
      'sign-in acme',
      'team acme',
    ]);
  });

  it('links an existing account by email and accepts a response signed as a whole', async () => {
    const browser = new SsoBrowser();
    const form = await throughIdp(browser, 'p-lena', { signResponse: true });
    expect(decode(form.fields.SAMLResponse)).toMatch(/<samlp:Response[^>]*>.*?<ds:Signature/s);
    expect((await postFromIdp(browser, form)).status).toBe(303);
    expect(sessionOf(browser)).toBeTruthy();
    const events = await s.db.select().from(identityEvents).where(eq(identityEvents.email, 'learner@example.com'));
    expect(events.map((e) => e.kind)).toContain('link');
  });

  it('accepts a sign-in started at the IdP (no request of ours to answer)', async () => {
    const browser = new SsoBrowser();
    const { SAMLResponse, acs } = await idp.unsolicited('p-ines');
    const res = await browser.post(acs, { SAMLResponse }, idp.ssoUrl);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
  });

  it('refuses a domain that is not allowed, saying whom to ask', async () => {
    const browser = new SsoBrowser();
    const res = await postFromIdp(browser, await throughIdp(browser, 'p-out'));
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Ask your Rapport admin to invite you');
  });

  it('refuses an unsigned response', async () => {
    const browser = new SsoBrowser();
    const form = await throughIdp(browser, 'p-ines');
    const unsigned = decode(form.fields.SAMLResponse).replace(/<ds:Signature\b.*?<\/ds:Signature>/gs, '');
    expect(unsigned).not.toContain('Signature');
    const res = await postFromIdp(browser, { ...form, fields: { ...form.fields, SAMLResponse: encode(unsigned) } });
    await expectRefused(res, /could not verify that this sign-in really comes from Acme SSO/, /signature/i, browser);
  });

  it('refuses a response whose signed assertion was changed (another email put in)', async () => {
    const browser = new SsoBrowser();
    const form = await throughIdp(browser, 'p-ines');
    const tampered = decode(form.fields.SAMLResponse).replace('ines@acme.test', 'admin@example.com');
    const res = await postFromIdp(browser, { ...form, fields: { ...form.fields, SAMLResponse: encode(tampered) } });
    await expectRefused(res, /signature is missing or does not match/, /signature/i, browser);
  });

  it('refuses an assertion for another audience', async () => {
    const browser = new SsoBrowser();
    const res = await postFromIdp(browser, await throughIdp(browser, 'p-ines', { audience: 'https://other-app.example/sp' }));
    await expectRefused(res, /addressed to another application/, /audience mismatch/, browser);
  });

  it('refuses an assertion for another recipient', async () => {
    const browser = new SsoBrowser();
    const res = await postFromIdp(browser, await throughIdp(browser, 'p-ines', { recipient: 'https://evil.example/acs' }));
    await expectRefused(
      res,
      /addressed to another application/,
      /wrong recipient: the assertion is for https:\/\/evil\.example\/acs/,
      browser,
    );
  });

  it('refuses an expired assertion (issued ten minutes ago, valid for five)', async () => {
    const browser = new SsoBrowser();
    const res = await postFromIdp(browser, await throughIdp(browser, 'p-ines', { shiftMs: -10 * 60_000 }));
    await expectRefused(res, /no longer valid/, /subject confirmation|expired/i, browser);
  });

  it('refuses a replayed response, and remembers the assertion until it expires', async () => {
    const first = new SsoBrowser();
    const form = await throughIdp(first, 'p-ines');
    expect((await postFromIdp(first, form)).status).toBe(303);
    const attacker = new SsoBrowser();
    // Its request was answered already, so the response no longer answers anything.
    await expectRefused(await postFromIdp(attacker, form), /no longer valid/, /InResponseTo is not valid/, attacker);
    // The same assertion with its request reference removed (as if IdP-initiated): the replay check still holds.
    const unsolicited = decode(form.fields.SAMLResponse).replace(/(<samlp:Response[^>]*?) InResponseTo="[^"]*"/, '$1');
    const again = await postFromIdp(attacker, { ...form, fields: { SAMLResponse: encode(unsolicited), RelayState: '' } });
    await expectRefused(again, /already used once/, /^replayed assertion _a/, attacker);
    const id = /<saml:Assertion[^>]* ID="([^"]+)"/.exec(decode(form.fields.SAMLResponse))![1]!;
    const [kept] = await s.db.select().from(samlAssertions).where(eq(samlAssertions.assertionId, id));
    expect(kept!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 4 * 60_000);
  });

  it('refuses cross-site posts everywhere but the SAML endpoints', async () => {
    const res = await postForm(
      s.origin,
      '/sign-in',
      { email: 'x@example.com', password: 'x' },
      { origin: new URL(idp.ssoUrl).origin },
    );
    expect(res.status).toBe(403);
  });
});

describe('SAML single logout', () => {
  it('signs out at the IdP too when the person signs out of Rapport', async () => {
    const browser = new SsoBrowser();
    expect((await postFromIdp(browser, await throughIdp(browser, 'p-ines'))).status).toBe(303);
    const session = sessionOf(browser)!;
    const out = await browser.post(`${s.origin}/sign-out`, {});
    const toIdp = new URL(out.headers.get('location')!);
    expect(`${toIdp.origin}${toIdp.pathname}`).toBe(idp.sloUrl);
    expect(toIdp.searchParams.get('Signature')).toBeTruthy();
    expect((await fetch(`${s.origin}/`, { headers: { cookie: `rapport_session=${session}` }, redirect: 'manual' })).status).toBe(
      303,
    );
    // The IdP checks our signature, ends its session, and sends its signed LogoutResponse back.
    const back = await browser.get(toIdp.href);
    expect(back.status).toBe(303);
    expect(idp.logoutRequests.at(-1)).toEqual({ nameId: 'p-ines' });
    const done = await browser.get(back.headers.get('location')!);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/sign-in');
  });

  it('ends the Rapport session when the IdP asks, and answers it', async () => {
    const browser = new SsoBrowser();
    expect((await postFromIdp(browser, await throughIdp(browser, 'p-ines'))).status).toBe(303);
    const session = sessionOf(browser)!;
    const url = idp.logoutRequestUrl('p-ines');
    // Without its signature the request is refused and nothing ends.
    const unsigned = new URL(url);
    unsigned.searchParams.delete('Signature');
    expect((await browser.get(unsigned.href)).status).toBe(400);
    expect((await fetch(`${s.origin}/`, { headers: { cookie: `rapport_session=${session}` } })).status).toBe(200);
    const res = await browser.get(url);
    expect(res.status).toBe(303);
    const answer = new URL(res.headers.get('location')!);
    expect(`${answer.origin}${answer.pathname}`).toBe(idp.sloUrl);
    expect(answer.searchParams.get('SAMLResponse')).toBeTruthy();
    expect((await fetch(`${s.origin}/`, { headers: { cookie: `rapport_session=${session}` }, redirect: 'manual' })).status).toBe(
      303,
    );
    expect(await s.db.select().from(samlSessions).where(eq(samlSessions.nameId, 'p-ines'))).toEqual([]);
  });
});

describe('SAML single logout by HTTP-POST', () => {
  it('ends the Rapport session when the IdP posts a signed LogoutRequest, and refuses an altered one', async () => {
    const browser = new SsoBrowser();
    expect((await postFromIdp(browser, await throughIdp(browser, 'p-ines'))).status).toBe(303);
    const session = sessionOf(browser)!;
    const { SAMLRequest, action } = idp.logoutRequestPost('p-ines');
    expect(action).toBe(`${s.origin}/sign-in/saml/acme/slo`);
    const altered = encode(decode(SAMLRequest).replace('p-ines', 'p-lena'));
    expect((await browser.post(action, { SAMLRequest: altered }, idp.sloUrl)).status).toBe(400);
    expect((await fetch(`${s.origin}/`, { headers: { cookie: `rapport_session=${session}` } })).status).toBe(200);
    const res = await browser.post(action, { SAMLRequest }, idp.sloUrl);
    expect(res.status).toBe(303);
    expect(new URL(res.headers.get('location')!).searchParams.get('SAMLResponse')).toBeTruthy();
    expect((await fetch(`${s.origin}/`, { headers: { cookie: `rapport_session=${session}` }, redirect: 'manual' })).status).toBe(
      303,
    );
  });
});

describe('the admin pages', () => {
  it("show each provider's state, last sign-in, last refusal, addresses and mapping, and test the connection", async () => {
    const admin = await cookieFor(s.db, 'admin@example.com');
    const page = await fetch(`${s.origin}/admin/identity`, { headers: { cookie: admin } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Acme SSO');
    expect(html).toMatch(/Last successful sign-in<\/dt>\s*<dd>[^<]*\(Ines Duarte\)/);
    expect(html).toMatch(/Last refusal<\/dt>\s*<dd>[^<]*: replayed assertion _a/);
    expect(html).toContain(`${s.origin}/sign-in/saml/acme/metadata.xml`);
    // The test IdP's certificate lasts two days: the page warns that it expires soon.
    expect(html).toMatch(
      /Certificate CN=rapport-test-idp expires on \d{4}-\d{2}-\d{2} \(in 1 day\): add the IdP&#39;s next certificate now/,
    );
    expect(html).toContain('role trainer');
    expect(html).toContain('team Customer Support');
    const test = await postForm(s.origin, '/admin/identity', { intent: 'test', provider: 'acme' }, { cookie: admin });
    expect(test.status).toBe(200);
    const result = await test.text();
    expect(result).toContain('The connection works.');
    expect(result).toContain(`The IdP&#39;s sign-in URL ${idp.ssoUrl} answered 400`);
    const learner = await fetch(`${s.origin}/admin/identity`, {
      headers: { cookie: await cookieFor(s.db, 'learner@example.com') },
    });
    expect(learner.status).toBe(403);
  });

  it("say where a person's role and team came from, on the People page and the person's page", async () => {
    const admin = await cookieFor(s.db, 'admin@example.com');
    const people = await (await fetch(`${s.origin}/admin/people?q=ines`, { headers: { cookie: admin } })).text();
    expect(people).toContain('Role learner -&gt; trainer (group rapport-trainers); team -&gt; Customer Support (group support).');
    const ines = (await findUserByEmail(s.db, 'ines@acme.test'))!;
    const person = await (await fetch(`${s.origin}/team/people/${ines.id}`, { headers: { cookie: admin } })).text();
    expect(person).toContain('Role, team and sign-in');
    expect(person).toContain('trainer: last changed learner -&gt; trainer (group rapport-trainers)');
    expect(person).toContain('provider acme, linked');
    // A manager of the team sees the person's progress, not the admin's view of their access.
    const manager = await (
      await fetch(`${s.origin}/team/people/${ines.id}`, { headers: { cookie: await cookieFor(s.db, 'manager@example.com') } })
    ).text();
    expect(manager).toContain('Ines Duarte');
    expect(manager).not.toContain('Role, team and sign-in');
  });
});

describe('sign-in starts per address', () => {
  it('holds one address to its limit, with Retry-After', async () => {
    let res: Response | undefined;
    for (let i = 0; i < 40; i++) {
      res = await fetch(`${s.origin}/sign-in/saml/acme`, { redirect: 'manual' });
      if (res.status !== 303) break;
    }
    expect(res!.status).toBe(429);
    expect(Number(res!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(res!.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await res!.text()).toContain('Too many sign-in attempts');
  });
});

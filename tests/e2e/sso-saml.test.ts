// SAML sign-in in Chromium: the button, the AuthnRequest to a real IdP (samlify, started here) on another
// site, its self-submitting form posting the signed response back across sites, and the refusal page,
// each checked with axe.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { axeViolations, launchBrowser, signedInContext } from '../helpers/browser.ts';
import { makeKeyPair, startSamlIdp, type TestSamlIdp } from '../helpers/saml-idp.ts';

let server: TestServer;
let browser: Browser;
let idp: TestSamlIdp;
let dir: string;

beforeAll(async () => {
  idp = await startSamlIdp();
  dir = mkdtempSync(join(tmpdir(), 'rapport-saml-e2e-'));
  const file = join(dir, 'sso.json');
  const sp = makeKeyPair('rapport-sp');
  const provider = {
    protocol: 'saml',
    id: 'acme',
    label: 'Acme SSO',
    entryPoint: idp.ssoUrl,
    idpEntityId: idp.entityId,
    idpCertificates: [idp.keys.cert],
    // The test IdP, like most, wants signed requests.
    spPrivateKey: sp.key,
    spCertificate: sp.cert,
    allowedDomains: ['acme.test'],
    allowInsecureHttp: true,
  };
  writeFileSync(file, JSON.stringify({ providers: [provider] }));
  [server, browser] = await Promise.all([startServer({ env: { SSO_CONFIG: file } }), launchBrowser()]);
  // The IdP is on 127.0.0.1 and Rapport on localhost: two sites, as in production.
  expect(new URL(idp.ssoUrl).hostname).not.toBe(new URL(server.origin).hostname);
  idp.trust(await (await fetch(`${server.origin}/sign-in/saml/acme/metadata.xml`)).text());
  idp.people.set('p-rosa', { nameId: 'p-rosa', email: 'rosa@acme.test', name: 'Rosa Lind' });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await idp?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('SAML sign-in in the browser', () => {
  it('signs in through the IdP with the button and comes back to the page asked for', async () => {
    const context = await browser.newContext({ baseURL: server.origin });
    const page = await context.newPage();
    await page.goto('/modules');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    idp.signInAs('p-rosa');
    await page.getByRole('link', { name: 'Sign in with Acme SSO' }).click();
    await page.waitForURL(`${server.origin}/modules`);
    await expect.poll(() => page.getByText('Rosa Lind').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('refuses an assertion made for another application, on an accessible page', async () => {
    const context = await browser.newContext({ baseURL: server.origin });
    const page = await context.newPage();
    await page.goto('/sign-in');
    idp.signInAs('p-rosa');
    idp.tweakNext({ audience: 'https://other-app.example/sp' });
    await page.getByRole('link', { name: 'Sign in with Acme SSO' }).click();
    await page.waitForURL(/\/sign-in\/saml\/acme\/acs/);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('was addressed to another application');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('You are not signed in');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows admins the provider and tests its connection with the button, on an accessible page', async () => {
    const context = await signedInContext(browser, server, 'admin@example.com');
    const page = await context.newPage();
    await page.goto('/admin/identity');
    expect(await page.getByRole('heading', { level: 2, name: /Acme SSO/ }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Test the connection to Acme SSO' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('The connection works.');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

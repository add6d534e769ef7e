// Single sign-on in Chromium: the sign-in button, the round trip through a real OpenID Provider
// (oidc-provider, started here) on another site and back with SameSite=Lax cookies, and the refusal page,
// each checked with axe.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { axeViolations, launchBrowser } from '../helpers/browser.ts';
import { CLIENT, startIdp, type TestIdp } from '../helpers/oidc-idp.ts';

let server: TestServer;
let browser: Browser;
let idp: TestIdp;
let dir: string;

beforeAll(async () => {
  idp = await startIdp();
  dir = mkdtempSync(join(tmpdir(), 'rapport-sso-e2e-'));
  const file = join(dir, 'sso.yaml');
  writeFileSync(
    file,
    [
      'providers:',
      '  - id: acme',
      '    label: Acme ID',
      `    issuer: ${idp.issuer}`,
      `    clientId: ${CLIENT.id}`,
      `    clientSecret: ${CLIENT.secret}`,
      '    allowedDomains: [acme.test]',
      '    allowInsecureHttp: true',
    ].join('\n'),
  );
  [server, browser] = await Promise.all([startServer({ env: { SSO_CONFIG: file } }), launchBrowser()]);
  idp.register([`${server.origin}/sign-in/oidc/acme/callback`], [`${server.origin}/sign-in`]);
  idp.people.set('sub-rosa', { email: 'rosa@acme.test', email_verified: true, name: 'Rosa Lind' });
  idp.people.set('sub-guest', { email: 'guest@elsewhere.test', email_verified: true, name: 'Guest' });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await idp?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('single sign-on in the browser', () => {
  it('signs in through the provider with the button and comes back to the page asked for', async () => {
    const context = await browser.newContext({ baseURL: server.origin });
    const page = await context.newPage();
    await page.goto('/modules');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await axeViolations(page)).toEqual([]);
    idp.signInAs('sub-rosa');
    await page.getByRole('link', { name: 'Sign in with Acme ID' }).click();
    await page.waitForURL(`${server.origin}/modules`);
    await expect.poll(() => page.getByText('Rosa Lind').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('tells someone from another domain whom to ask, on an accessible page', async () => {
    const context = await browser.newContext({ baseURL: server.origin });
    const page = await context.newPage();
    await page.goto('/sign-in');
    idp.signInAs('sub-guest');
    await page.getByRole('link', { name: 'Sign in with Acme ID' }).click();
    await page.waitForURL(/\/sign-in\/oidc\/acme\/callback/);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Ask your Rapport admin to invite you');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('You are not signed in');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

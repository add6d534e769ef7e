// The SCIM token page in a real browser (no scripts on it): an admin creates a token, sees it once, the
// directory uses it, the page shows when; revoking it refuses it at once. axe on the page with a token shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { axeViolations, launchBrowser, signedInContext } from '../helpers/browser.ts';
import { scim } from '../helpers/scim.ts';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the SCIM token page', () => {
  it('creates a token shown once, shows its last use, and revokes it', async () => {
    const context = await signedInContext(browser, server, 'admin@example.com', {});
    const page = await context.newPage();
    await page.goto('/admin/people');
    await page.getByRole('link', { name: 'SCIM token' }).click();
    await page.getByLabel('Name').fill('Entra ID production');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('heading', { name: 'Token "Entra ID production" created' }).waitFor();
    const token = await page.getByLabel('Token', { exact: true }).inputValue();
    expect(token).toMatch(/^[a-z2-9]{24}\.[a-z2-9]{24}$/);
    expect(await axeViolations(page)).toEqual([]);

    expect((await scim(server.origin, token, 'GET', '/Users')).status).toBe(200);
    await page.goto('/admin/scim-tokens');
    expect(await page.content()).not.toContain(token.split('.')[1]);
    const row = page.getByRole('row', { name: /Entra ID production/ });
    await expect.poll(() => row.getByRole('cell').nth(1).innerText()).not.toBe('Never');

    await row.getByRole('button', { name: 'Revoke Entra ID production' }).click();
    await page.getByText('Token revoked').waitFor();
    expect((await scim(server.origin, token, 'GET', '/Users')).status).toBe(401);
    expect(await page.getByRole('row', { name: /Entra ID production/ }).innerText()).toContain('Revoked');
    await context.close();
  });
});

// Certificates in a real browser: the learner's record after completing the path, the PDF download,
// the public verification page signed out, accessibility, and a screenshot of each page kept in the
// temp folder (CERTIFICATE_SCREENSHOTS to choose where) for a person to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { axeViolations, launchBrowser, signedInContext } from '../helpers/browser.ts';
import { completeModule } from '../helpers/complete.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';
import { loadCatalogFromDisk } from '../../src/lib/content/catalog-fs.ts';

const catalog = loadCatalogFromDisk(join(import.meta.dirname, '../..'));
const SHOTS = process.env.CERTIFICATE_SCREENSHOTS ?? join(tmpdir(), 'rapport-certificate-screenshots');

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  mkdirSync(SHOTS, { recursive: true });
  const lena = (await findUserByEmail(server.db, 'learner@example.com'))!.id;
  for (const id of ['who-are-your-customers', 'why-both-matter', 'empathy', 'feedback-loops', 'mutual-respect'])
    await completeModule(
      server.db,
      lena,
      catalog.find((m) => m.id === id)!,
    );
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('certificates', () => {
  it('shows the earned certificate, downloads its PDF and opens its verification page', async () => {
    const context = await signedInContext(browser, server, 'learner@example.com');
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Certificates' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'My certificates' }).isVisible()).resolves.toBe(true);
    const table = page.getByRole('table');
    await expect(table.getByRole('rowheader', { name: 'Customer Care Standards' }).isVisible()).resolves.toBe(true);
    await expect(table.getByText('Valid', { exact: true }).isVisible()).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'record.png'), fullPage: true });

    // The link's target, fetched with the page's session (this Chromium build raises no download event).
    const pdfHref = await page.getByRole('link', { name: /^Download PDF\s?: Customer Care Standards$/ }).getAttribute('href');
    const pdf = await page.request.get(pdfHref!);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdf.headers()['content-disposition']).toContain('Customer-Care-Standards-certificate-Lena-Fischer.pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const href = await page.getByRole('link', { name: /^Verification page\s?: Customer Care Standards$/ }).getAttribute('href');
    await context.close();

    // Signed out, as an auditor would open it from the QR code.
    const visitor = await browser.newContext({ baseURL: server.origin });
    const pub = await visitor.newPage();
    await pub.goto(href!);
    await expect(pub.getByRole('heading', { level: 1, name: 'Certificate verification' }).isVisible()).resolves.toBe(true);
    await expect(pub.getByText('Lena Fischer').isVisible()).resolves.toBe(true);
    await expect(pub.getByText('Valid', { exact: true }).isVisible()).resolves.toBe(true);
    expect(await pub.getByRole('button', { name: 'Revoke' }).count()).toBe(0);
    expect(await axeViolations(pub)).toEqual([]);
    await pub.screenshot({ path: join(SHOTS, 'verify.png'), fullPage: true });
    await visitor.close();
  });
});

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
import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';

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
    const pdfBytes = await pdf.body();
    expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
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

    // The PDF drawn by pdfjs in the browser: a screenshot to look at, and its QR code read back.
    const scanned = await renderAndScan(pdfBytes, join(SHOTS, 'certificate-pdf.png'));
    expect(scanned).toBe(`${server.origin}${href}`);
  });
});

describe("the manager's expiry report", () => {
  // Lena's certificate is the one issued when she opened her record in the test above.
  it('lists the team certificates with their window, accessibly, and links to the CSV', async () => {
    const context = await signedInContext(browser, server, 'manager@example.com');
    const page = await context.newPage();
    const teamId = (await findUserByEmail(server.db, 'learner@example.com'))!.teamId!;
    await page.goto(`/team/${teamId}`);
    await page.getByRole('link', { name: 'Certificates and expiry' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Customer Support: certificates' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('rowheader', { name: 'Lena Fischer' }).isVisible()).resolves.toBe(true);
    await expect(
      page.getByText('Lapsed: 0. Expiring within 30 days: 0, within 60 days: 0, within 90 days: 0.').isVisible(),
    ).resolves.toBe(true);
    expect(await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href')).toBe(
      `/team/${teamId}/export/certificates.csv`,
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'team.png'), fullPage: true });
    await context.close();
  });
});

const PDFJS = join(import.meta.dirname, '../../node_modules/pdfjs-dist');

/** Renders the PDF's first page with pdfjs in Chromium, screenshots it and decodes its QR code with jsQR. */
async function renderAndScan(pdfBytes: Buffer, shot: string): Promise<string | undefined> {
  const context = await browser.newContext();
  const page = await context.newPage();
  // A made-up origin served from node_modules, so that the module scripts load as they would from a site.
  await page.route('http://pdf.test/**', (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    if (name === 'c.pdf') return route.fulfill({ body: pdfBytes, contentType: 'application/pdf' });
    if (name === 'index.html') return route.fulfill({ body: RENDER_PAGE, contentType: 'text/html' });
    const file = name.startsWith('standard_fonts/') ? join(PDFJS, name) : join(PDFJS, 'build', name);
    return route.fulfill({
      body: readFileSync(file),
      contentType: name.endsWith('.mjs') ? 'text/javascript' : 'application/octet-stream',
    });
  });
  await page.setViewportSize({ width: 1200, height: 850 });
  await page.goto('http://pdf.test/index.html');
  await page.waitForFunction(() => document.title === 'rendered', null, { timeout: 20_000 });
  await page.screenshot({ path: shot });
  const { width, height, data } = await page.evaluate(() => {
    const canvas = document.querySelector('canvas')!;
    const image = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    return { width: image.width, height: image.height, data: Array.from(image.data) };
  });
  await context.close();
  return jsQR(Uint8ClampedArray.from(data), width, height)?.data;
}

const RENDER_PAGE = `<!doctype html><canvas></canvas><script type="module">
import * as pdfjs from './pdf.min.mjs';
pdfjs.GlobalWorkerOptions.workerSrc = './pdf.worker.min.mjs';
const doc = await pdfjs.getDocument({ url: './c.pdf', standardFontDataUrl: './standard_fonts/' }).promise;
const page = await doc.getPage(1);
const viewport = page.getViewport({ scale: 1.4 });
const canvas = document.querySelector('canvas');
canvas.width = viewport.width;
canvas.height = viewport.height;
await page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise;
document.title = 'rendered';
</script>`;

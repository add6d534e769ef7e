// Reply practice in a real browser with JavaScript off, on a phone-sized screen: from the lesson's card to a
// first reply, feedback with highlighted words, the model replies, a self-rating, a revision and the comparison
// of versions, then sharing one version. Axe checks the page with feedback on it, at phone width.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { axeViolations, launchBrowser, signedInContext } from '../helpers/browser.ts';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('reply practice', () => {
  it('writes, gets feedback, rates, revises and shares (no JavaScript, phone width)', async () => {
    const context = await signedInContext(browser, server, 'nadia.kowalski@example.com', { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    page.setDefaultTimeout(10_000);
    await page.goto('/modules/service-mindset/building-blocks');
    await page.getByRole('link', { name: 'Write your reply: The invoice that charged twice' }).click();
    await page.getByRole('heading', { level: 1, name: 'The invoice that charged twice' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Model replies' }).count()).toBe(0);

    await page.getByLabel('Your reply, in your own words').fill('Sorry if you are upset, but these things happen with banks.');
    await page.getByRole('button', { name: 'Get feedback' }).click();
    await page.getByRole('heading', { name: /Feedback on your version 1/ }).waitFor();
    expect(await page.getByRole('status').first().textContent()).toContain('Your reply is saved');
    const nonApology = page.locator('#c-no-non-apology');
    expect(await nonApology.getByText('Not yet').isVisible()).toBe(true);
    expect(await nonApology.locator('mark').first().textContent()).toMatch(/sorry if/i);
    await page.getByRole('heading', { name: 'Model replies' }).waitFor();

    const rating = page.getByRole('group', { name: /Acknowledge/i });
    await rating.getByLabel('Partly').check();
    await page.getByRole('button', { name: 'Save my ratings' }).click();
    expect(await page.getByRole('status').first().textContent()).toContain('Your ratings are saved');
    expect(
      await page
        .getByRole('group', { name: /Acknowledge/i })
        .getByLabel('Partly')
        .isChecked(),
    ).toBe(true);

    await page.locator('#c-no-non-apology').getByText('This feedback was wrong').click();
    await page
      .locator('#c-no-non-apology')
      .getByRole('button', { name: /Report wrong feedback/ })
      .click();
    expect(await page.getByRole('status').first().textContent()).toContain('your report is saved');

    await page
      .getByLabel(/Your reply, starting from version 1/)
      .fill(
        'Dear Mrs Adeyemi, we charged your card twice and your rent payment bounced because of it. I am sorry; that was our ' +
          'mistake. I have refunded the second payment today and I will call you at 3 pm tomorrow to check it has arrived.',
      );
    await page.getByRole('button', { name: 'Get feedback on this revision' }).click();
    await page.getByRole('heading', { name: /Feedback on your version 2 of 2/ }).waitFor();
    const table = page.getByRole('table', { name: 'Your versions and the criteria each one met' });
    expect(await table.getByRole('link', { name: 'Version 1' }).isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Share this version with trainers' }).click();
    expect(await page.getByRole('status').first().textContent()).toContain('shared with trainers, without your name');
    expect(await page.getByRole('button', { name: 'Stop sharing this version' }).isVisible()).toBe(true);
    await context.close();

    // Axe runs inside the page, so it needs JavaScript: the same learner's page with feedback, in a second context.
    const checked = await signedInContext(browser, server, 'nadia.kowalski@example.com');
    const axePage = await checked.newPage();
    await axePage.setViewportSize({ width: 360, height: 740 });
    await axePage.goto('/practice/the-double-charge?v=1');
    await axePage.getByRole('heading', { name: 'Model replies' }).waitFor();
    expect(await axeViolations(axePage)).toEqual([]);
    await checked.close();
  });
});

// Signed out in the middle of a quiz or a reflection, in Chromium with JavaScript: the browser keeps what
// was sent, the sign-in page says why the learner was signed out and that it was kept, and after signing
// in the same form is filled in again to check and send.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser, signedInContext } from '../helpers/browser.ts';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/seed.ts';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const endSessions = (email: string) =>
  server.db.$client.execute({
    sql: 'delete from sessions where user_id = (select id from users where email = ?)',
    args: [email],
  });

/** Checks the last option of every choice question; returns what is checked. */
async function answer(page: Page): Promise<string[]> {
  for (const set of await page.locator('fieldset.question').all()) {
    const options = set.locator('input[type="radio"], input[type="checkbox"]');
    if ((await options.count()) > 0) await options.last().check();
  }
  return page.locator('fieldset.question input:checked').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
}

async function signInAgain(page: Page, email: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('signed out mid-form, with JavaScript', () => {
  it('keeps the quiz answers in the browser and puts them back after sign-in', async () => {
    const email = 'chloe.martin@example.com';
    const context = await signedInContext(browser, server, email);
    const page = await context.newPage();
    await page.goto('/quizzes/empathy-quiz');
    const chosen = await answer(page);
    expect(chosen.length).toBeGreaterThan(0);
    await endSessions(email);
    await page.getByRole('button', { name: /submit/i }).click();

    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    const notice = page.locator('#signed-out');
    expect(await notice.textContent()).toContain('You were signed out.');
    expect(await notice.getByText('this browser kept it').isVisible()).toBe(true);
    expect(await notice.getByText('so it was not saved').isVisible()).toBe(false);

    await signInAgain(page, email);
    await page.getByText('Your browser kept it: check it, then send it again.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/quizzes/empathy-quiz');
    const restored = await page
      .locator('fieldset.question input:checked')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(restored).toEqual(chosen);
    await context.close();
  });

  it('keeps a reflection written in a lesson', async () => {
    const email = 'jonas.weber@example.com';
    const context = await signedInContext(browser, server, email);
    const page = await context.newPage();
    await page.goto('/modules/empathy/what-empathy-looks-like');
    const box = page.locator('.reflection textarea').first();
    await box.fill('Written just before my session ran out.');
    await endSessions(email);
    await page.getByRole('button', { name: 'Save to my journal' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await signInAgain(page, email);
    await page.getByText('Your browser kept it: check it, then send it again.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/modules/empathy/what-empathy-looks-like');
    expect(await page.locator('.reflection textarea').first().inputValue()).toBe('Written just before my session ran out.');
    await context.close();
  });
});

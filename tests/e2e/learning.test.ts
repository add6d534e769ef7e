// A learner's journey through a module in a real browser, with JavaScript off (everything is plain
// forms), plus the journal's privacy and drafts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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

const progressOf = (page: Page, label: string) => page.getByRole('progressbar', { name: label }).getAttribute('value');

describe('learning a module', () => {
  it('opens a module, completes a lesson, sees progress move and resumes from home (no JavaScript)', async () => {
    const context = await signedInContext(browser, server, 'marcus.bell@example.com', { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/modules');
    expect(await progressOf(page, 'Empathy at work: progress')).toBe('0');
    await page.getByRole('link', { name: 'Empathy at work' }).click();
    await page.getByRole('heading', { level: 1, name: 'Empathy at work' }).waitFor();
    await page.getByRole('link', { name: /^Start: / }).click();
    await page.getByRole('heading', { level: 1, name: 'What empathy looks like at work' }).waitFor();
    expect(await page.getByText('In this lesson you will').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Mark as complete and continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Listening for the whole message' }).waitFor();
    expect(await page.getByRole('status').first().textContent()).toContain('marked complete');

    await page.goto('/modules/empathy');
    expect(Number(await progressOf(page, 'Module progress'))).toBeGreaterThan(0);
    expect(
      await page.getByRole('listitem').filter({ hasText: 'What empathy looks like at work' }).getByText('Completed').isVisible(),
    ).toBe(true);

    await page.goto('/');
    await page.getByRole('heading', { name: 'Continue where you left off' }).waitFor();
    await page.getByRole('link', { name: 'Continue: Listening for the whole message' }).click();
    await page.getByRole('heading', { level: 1, name: 'Listening for the whole message' }).waitFor();
    await context.close();
  });

  it('points at the quiz once every lesson is read, with the last lesson still rateable (no JavaScript)', async () => {
    const context = await signedInContext(browser, server, 'jonas.weber@example.com', { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/modules/empathy');
    const lessons = await page.locator('.lesson-list h3 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    for (const href of lessons) {
      await page.goto(href);
      await page.getByRole('button', { name: /^Mark as complete/ }).click();
      await page.getByRole('status').first().waitFor();
    }
    // The last completion lands on the same lesson, at its finish card, with the next step and the rating form.
    expect(new URL(page.url()).pathname).toBe(lessons.at(-1));
    const next = page.getByRole('link', { name: /^Next: take the quiz “/ });
    expect(await next.isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Rate this lesson' }).isVisible()).toBe(true);

    await page.goto('/');
    await page.getByRole('heading', { name: 'Continue where you left off' }).waitFor();
    await page.getByRole('link', { name: /^Continue: take the quiz “/ }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/quizzes/empathy-quiz');
    await context.close();
  });

  it('records a double-submitted completion once', async () => {
    const context = await signedInContext(browser, server, 'aiko.tanaka@example.com');
    const page = await context.newPage();
    await page.goto('/modules/empathy/what-empathy-looks-like');
    const post = () =>
      page.request.post('/modules/empathy/what-empathy-looks-like', {
        form: { intent: 'complete' },
        headers: { origin: server.origin },
        maxRedirects: 0,
      });
    const [a, b] = await Promise.all([post(), post()]);
    expect([a.status(), b.status()]).toEqual([303, 303]);
    const rows = await server.db.$client.execute(
      "select count(*) as n from lesson_progress lp join users u on u.id = lp.user_id where u.email = 'aiko.tanaka@example.com' and lp.completed_at is not null",
    );
    expect(Number(rows.rows[0]!.n)).toBe(1);
    await context.close();
  });
});

describe('the private journal', () => {
  it('saves a reflection that only its author can see', async () => {
    const author = await signedInContext(browser, server, 'samir.haddad@example.com');
    const page = await author.newPage();
    await page.goto('/modules/empathy/what-empathy-looks-like');
    const box = page.locator('textarea').first();
    await box.fill('I will ask the night shift what the handover costs them.');
    await page.getByRole('button', { name: 'Save to my journal' }).first().click();
    await page.getByText('Saved to your journal', { exact: true }).waitFor();
    expect(await page.locator('textarea').first().inputValue()).toBe('I will ask the night shift what the handover costs them.');
    await page.goto('/journal');
    expect(await page.getByRole('heading', { name: 'Empathy at work' }).isVisible()).toBe(true);
    expect(await page.locator('textarea').first().inputValue()).toContain('night shift');
    await author.close();

    for (const email of ['grace.mensah@example.com', 'manager@example.com', 'trainer@example.com', 'admin@example.com']) {
      const other = await signedInContext(browser, server, email);
      const p = await other.newPage();
      await p.goto('/journal');
      expect(await p.content()).not.toContain('night shift');
      await p.goto('/modules/empathy/what-empathy-looks-like');
      expect(await p.content()).not.toContain('night shift');
      await other.close();
    }
  });
});

describe('drafts', () => {
  it('are hidden from learners and shown to trainers with a badge', async () => {
    const learner = await signedInContext(browser, server, 'learner@example.com');
    const lp = await learner.newPage();
    await lp.goto('/modules');
    expect(await lp.getByRole('link', { name: 'Coaching conversations' }).count()).toBe(0);
    expect((await lp.goto('/modules/coaching-conversations'))?.status()).toBe(404);
    await learner.close();

    const trainer = await signedInContext(browser, server, 'trainer@example.com');
    const tp = await trainer.newPage();
    await tp.goto('/modules');
    const card = tp.getByRole('listitem').filter({ has: tp.getByRole('link', { name: /Coaching/ }) });
    expect(await card.getByText('Draft').isVisible()).toBe(true);
    expect((await tp.goto('/modules/coaching-conversations'))?.status()).toBe(200);
    await trainer.close();
  });
});

describe('accessibility of learning pages', () => {
  it.each(['/modules', '/modules/empathy', '/modules/empathy/what-empathy-looks-like', '/journal'])(
    '%s has no axe violations',
    async (path) => {
      const context = await signedInContext(browser, server, 'learner@example.com');
      const page = await context.newPage();
      await page.goto(path);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    },
  );

  it('a lesson fits a phone screen without sideways scrolling', async () => {
    const context = await signedInContext(browser, server, 'learner@example.com');
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/modules/empathy/what-empathy-looks-like');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();
  });
});

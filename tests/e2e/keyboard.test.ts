// Keyboard alone: a quiz and a role-play completed with Tab, Shift+Tab, Space, Enter and the arrow
// keys (no clicks), a visible focus indicator on every control reached along the way, and wide tables that
// scroll sideways from the keyboard on a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser, signedInContext } from '../helpers/browser.ts';
import { focused, invisibleFocusStops, tabTo, type Focused } from '../helpers/keyboard.ts';
import { count } from '../helpers/learners.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const isSubmit = (f: Focused) => f.tag === 'button' && f.text === 'Submit answers';

describe('a quiz with the keyboard alone', () => {
  it('answers every question type and submits, with focus visible at every stop', async () => {
    const context = await signedInContext(browser, server, 'nadia.kowalski@example.com');
    const page = await context.newPage();
    await page.goto('/quizzes/empathy-quiz');
    const questions = await page.locator('fieldset.question').count();
    const invisible: string[] = [];
    const answered = new Set<string>();
    let last: Focused | undefined;
    for (let stop = 0; stop < 200; stop++) {
      const f = await tabTo(page, () => true, invisible);
      if (isSubmit(f)) break;
      last = f;
      if (f.type === 'radio' && !answered.has(f.name)) {
        // Arrow keys move through a radio group and check the option they land on.
        await page.keyboard.press('ArrowDown');
        answered.add(f.name);
      } else if (f.type === 'checkbox' && !answered.has(f.name)) {
        await page.keyboard.press('Space');
        answered.add(f.name);
      } else if (f.tag === 'select') {
        // An ordering question: the k-th item gets position k, one ArrowDown per step from "Position".
        for (let i = 0; i <= f.selectIndex; i++) await page.keyboard.press('ArrowDown');
        answered.add(f.group);
      }
    }
    expect(isSubmit(await focused(page))).toBe(true);
    // Shift+Tab goes back to the last answer, Tab returns to the button.
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).label).toBe(last?.label);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    await page.locator('#results-heading').waitFor();
    // The results replace the form and take focus, so a screen reader hears them at once.
    await expect.poll(async () => (await focused(page)).tag).toBe('h2');
    expect(invisible).toEqual([]);
    expect(answered.size).toBe(questions);
    expect(
      await count(
        server.db,
        "select count(*) as n from quiz_attempts a join users u on u.id = a.user_id where u.email = 'nadia.kowalski@example.com' and a.status = 'submitted'",
      ),
    ).toBe(1);
    await context.close();
  });
});

describe('a role-play with the keyboard alone', () => {
  it('plays from start to debrief with Tab and Enter, focus following each turn', async () => {
    const context = await signedInContext(browser, server, 'owen.gallagher@example.com');
    const page = await context.newPage();
    await page.goto('/scenarios/the-saturday-rush');
    const invisible: string[] = [];
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Start the role-play', invisible);
    await page.keyboard.press('Enter');
    await page.locator('button.choice').first().waitFor();

    for (let turn = 1; turn < 20 && !page.url().includes('/runs/'); turn++) {
      // The first turn starts from the top of a fresh page; later ones from the heading that took focus.
      await tabTo(page, (f) => f.tag === 'button' && f.classes.includes('choice'), invisible, 80);
      const decision = await page.locator('.turn .muted').textContent();
      await page.keyboard.press('Enter');
      // Each answer brings either the next turn, with focus moved to its heading, or the debrief.
      await page
        .waitForFunction(
          (before) =>
            location.pathname.includes('/runs/') ||
            (document.querySelector('.turn .muted')?.textContent !== before && document.activeElement?.tagName === 'H2'),
          decision,
        )
        .catch(() => page.waitForURL('**/runs/**'));
    }
    await page.getByRole('heading', { level: 1, name: /^Debrief:/ }).waitFor();
    expect(invisible).toEqual([]);
    expect(
      await count(
        server.db,
        "select count(*) as n from scenario_runs r join users u on u.id = r.user_id where u.email = 'owen.gallagher@example.com' and r.status = 'finished'",
      ),
    ).toBe(1);
    await context.close();
  });
});

describe('visible focus', () => {
  it.each([
    ['/sign-in', null],
    ['/', 'learner@example.com'],
    ['/modules/empathy/what-empathy-looks-like', 'learner@example.com'],
    ['/journal', 'learner@example.com'],
    ['/account', 'learner@example.com'],
    ['/skills', 'learner@example.com'],
    ['/admin/people', 'admin@example.com'],
  ])('every control reached by Tab on %s shows where focus is', async (path, who) => {
    const context = who ? await signedInContext(browser, server, who) : await browser.newContext({ baseURL: server.origin });
    const page = await context.newPage();
    await page.goto(path);
    expect(await invisibleFocusStops(page, 40)).toEqual([]);
    await context.close();
  });
});

describe('a wide table on a phone', () => {
  it('takes focus with Tab, shows it, and scrolls sideways with the arrow keys', async () => {
    const lena = await findUserByEmail(server.db, 'learner@example.com');
    const context = await signedInContext(browser, server, 'manager@example.com');
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`/team/people/${lena!.id}`);
    const region = page.getByRole('region', { name: 'Status of each module for Lena Fischer' });
    // The premise: this table is wider than the phone, so only scrolling shows all of it.
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    const invisible: string[] = [];
    await tabTo(page, (f) => f.classes.includes('table-wrap'), invisible);
    expect(invisible).toEqual([]);
    expect(await region.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await region.evaluate((el) => el.scrollLeft)).toBe(0);
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await context.close();
  });
});

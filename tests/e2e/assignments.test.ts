// A manager assigns a module to their team; a learner of that team sees it on their home, finishes
// it, and both see it done. Real browser, real server; forms work without JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { axeViolations, launchBrowser, signedInContext } from '../helpers/browser.ts';
import { completeModule } from '../helpers/complete.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';
import { loadCatalogFromDisk } from '../../src/lib/content/catalog-fs.ts';
import { formatDueDate, parseDueDate } from '../../src/lib/insight/due.ts';
import { assignments } from '../../src/lib/server/db/schema.ts';
import { randomId } from '../../src/lib/server/auth/token.ts';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

// Two days ahead: due soon whatever the time of day the test runs.
const dueDay = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
const dueText = formatDueDate(parseDueDate(dueDay)!);

const assignedCard = (page: Page, title: string) =>
  page.getByRole('region', { name: 'Assigned to you' }).getByRole('listitem').filter({ hasText: title });
const teamRow = (page: Page, person: string) =>
  page.getByRole('table', { name: 'Customer Support' }).getByRole('row').filter({ hasText: person });

describe('assigning a module to a team', () => {
  it('reaches the learner, who finishes it, and shows as done to both', async () => {
    const manager = await signedInContext(browser, server, 'manager@example.com', { javaScriptEnabled: false });
    const mp = await manager.newPage();
    await mp.goto('/');
    await mp.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Assignments' }).click();
    await mp.getByRole('heading', { level: 1, name: 'Assignments' }).waitFor();
    expect(await mp.getByText('Nothing is waiting.').isVisible()).toBe(true);
    await mp.getByLabel('Module', { exact: true }).selectOption({ label: 'Empathy at work' });
    await mp.getByLabel('Due date').fill(dueDay);
    await mp.getByLabel('Everyone in Customer Support').check();
    await mp.getByRole('button', { name: 'Assign' }).click();
    await mp.getByRole('status').filter({ hasText: '“Empathy at work” is assigned to 8 people.' }).waitFor();
    const row = teamRow(mp, 'Lena Fischer');
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      'Empathy at work',
      'Due date of Empathy at work for Lena FischerChange due date',
      'Due soon',
      '0 of 5 steps',
      'Remind nowNot reminded yet',
      'Remove',
    ]);
    expect(await mp.getByRole('textbox', { name: 'Due date of Empathy at work for Lena Fischer' }).inputValue()).toBe(dueDay);
    expect(await mp.getByRole('table', { name: 'Field Service' }).count()).toBe(0);

    const learner = await signedInContext(browser, server, 'learner@example.com');
    const lp = await learner.newPage();
    await lp.goto('/');
    expect(await lp.getByRole('status').textContent()).toContain('You have 1 assigned module due within three days.');
    const card = assignedCard(lp, 'Empathy at work');
    expect(await card.getByText('Due soon').isVisible()).toBe(true);
    expect(await card.getByText(`Due ${dueText}`).isVisible()).toBe(true);
    await card.getByRole('link', { name: 'Empathy at work' }).click();
    await lp.getByRole('heading', { level: 1, name: 'Empathy at work' }).waitFor();

    // Lessons through the pages; the quiz and the role-play straight in the database.
    await lp.goto('/modules/empathy/what-empathy-looks-like');
    for (const button of ['Mark as complete and continue', 'Mark as complete and continue', 'Mark as complete']) {
      await lp.getByRole('button', { name: button }).click();
      await lp.waitForLoadState();
    }
    const lena = await findUserByEmail(server.db, 'learner@example.com');
    const empathy = loadCatalogFromDisk(process.cwd()).find((m) => m.id === 'empathy')!;
    await completeModule(server.db, lena!.id, { ...empathy, lessons: [] });

    await lp.goto('/');
    expect(await assignedCard(lp, 'Empathy at work').getByText('✓ Done', { exact: true }).isVisible()).toBe(true);
    expect(await assignedCard(lp, 'Empathy at work').getByText(`Was due ${dueText}`).isVisible()).toBe(true);
    expect(await lp.getByText('Assigned work needs your attention.').count()).toBe(0);
    await learner.close();

    // Finished work leaves the current list for the history, with the day it was completed.
    await mp.reload();
    expect(await teamRow(mp, 'Lena Fischer').count()).toBe(0);
    expect(await teamRow(mp, 'Marcus Bell').getByRole('cell').nth(2).textContent()).toContain('Due soon');
    await mp.getByRole('link', { name: 'Finished assignments (1)' }).click();
    await mp.getByRole('heading', { name: 'Finished assignments' }).waitFor();
    const finished = mp
      .getByRole('table', { name: 'Customer Support: finished' })
      .getByRole('row')
      .filter({ hasText: 'Lena Fischer' });
    expect(await finished.getByRole('cell').nth(1).textContent()).toBe(dueText);
    expect(await finished.getByRole('cell').nth(2).textContent()).toBe(formatDueDate(new Date()));

    // The same completion shows in the team dashboard's people x modules matrix.
    await mp.goto('/team');
    await mp.getByRole('link', { name: 'Customer Support' }).click();
    await mp.getByRole('heading', { level: 1, name: 'Customer Support' }).waitFor();
    const matrix = mp.getByRole('table').first();
    const headers = (await matrix.getByRole('columnheader').allTextContents()).map((h) => h.trim());
    const lenaRow = matrix.getByRole('row').filter({ has: mp.getByRole('rowheader', { name: 'Lena Fischer' }) });
    expect(await lenaRow.locator('th, td').nth(headers.indexOf('Empathy at work')).textContent()).toContain('Completed');
    await manager.close();
  }, 120_000);

  it('lets a manager remove an assignment', async () => {
    const marcus = await findUserByEmail(server.db, 'marcus.bell@example.com');
    const now = new Date();
    await server.db
      .insert(assignments)
      .values({ id: randomId(), userId: marcus!.id, moduleId: 'feedback-loops', dueAt: now, createdAt: now, updatedAt: now });
    const manager = await signedInContext(browser, server, 'manager@example.com');
    const page = await manager.newPage();
    await page.goto('/assignments');
    expect(await teamRow(page, 'Marcus Bell').filter({ hasText: 'Feedback loops' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Remove Feedback loops from Marcus Bell' }).click();
    // Wait for the answer's page: the page before the click may have a status region of its own.
    await page.getByRole('status').filter({ hasText: 'Removed “Feedback loops” from Marcus Bell.' }).waitFor();
    expect(await teamRow(page, 'Marcus Bell').filter({ hasText: 'Feedback loops' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('status').filter({ hasText: 'The assignment is back, with its due date.' }).waitFor();
    expect(await teamRow(page, 'Marcus Bell').filter({ hasText: 'Feedback loops' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await manager.close();
  });
});

describe('accessibility of assignment pages', () => {
  it.each([
    ['/assignments', 'manager@example.com'],
    ['/assignments', 'admin@example.com'],
    ['/assignments', 'manager2@example.com'],
    ['/assignments?view=history', 'manager@example.com'],
    ['/', 'aiko.tanaka@example.com'],
  ])('%s as %s has no axe violations', async (path, email) => {
    const context = await signedInContext(browser, server, email);
    const page = await context.newPage();
    await page.goto(path);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('fits a 360px phone without sideways scrolling of the page', async () => {
    // A row in the table, whose hidden "Actions" header once widened the page.
    const grace = await findUserByEmail(server.db, 'grace.mensah@example.com');
    const now = new Date();
    await server.db
      .insert(assignments)
      .values({ id: randomId(), userId: grace!.id, moduleId: 'mutual-respect', dueAt: now, createdAt: now, updatedAt: now });
    const context = await signedInContext(browser, server, 'manager@example.com');
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto('/assignments');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();
  });
});

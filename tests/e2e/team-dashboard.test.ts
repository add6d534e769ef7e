// The manager dashboard in a real browser with JavaScript off: the matrix, its filters, a learner's
// completion showing up after a reload, the drill-down, accessibility and a phone-sized screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { axeViolations, launchBrowser, signedInContext } from '../helpers/browser.ts';
import { loadContent } from '../../src/lib/content/load-fs.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';
import { lessonProgress, quizAttempts, scenarioRuns } from '../../src/lib/server/db/schema.ts';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Records everything the Empathy module asks for, as a learner finishing it would leave behind. */
async function completeEmpathy(email: string) {
  const content = loadContent(resolve(import.meta.dirname, '../..'));
  const userId = (await findUserByEmail(server.db, email))!.id;
  const at = new Date();
  const lessons = content.lessons.filter((l) => l.moduleId === 'empathy' && !(l.data as { draft?: boolean }).draft);
  const quizId = (content.modules.find((m) => m.id === 'empathy')!.data as { quiz: { id: string } }).quiz.id;
  const scenarios = content.scenarios.filter((s) => (s.data as { module: string }).module === 'empathy');
  await server.db.insert(lessonProgress).values(
    lessons.map((l) => ({
      userId,
      moduleId: 'empathy',
      lessonId: l.id.split('/')[1]!,
      firstOpenedAt: at,
      lastOpenedAt: at,
      completedAt: at,
    })),
  );
  await server.db.insert(quizAttempts).values({
    id: 'e2e-pass',
    userId,
    quizId,
    plan: '{}',
    status: 'submitted',
    startedAt: at,
    submittedAt: at,
    percent: 90,
    passed: true,
  });
  for (const [i, s] of scenarios.entries())
    await server.db.insert(scenarioRuns).values({
      id: `e2e-run-${i}`,
      userId,
      scenarioId: s.id,
      status: 'finished',
      outcome: 'strong',
      totals: '{"empathy":2}',
      startedAt: at,
      updatedAt: at,
      finishedAt: at,
    });
}

/** The text of one person's cell in one module's column of the matrix. */
async function cell(page: Page, person: string, module: string): Promise<string> {
  const table = page.getByRole('table').first();
  const headers = (await table.getByRole('columnheader').allTextContents()).map((h) => h.trim());
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: person }) });
  return ((await row.locator('th, td').nth(headers.indexOf(module)).textContent()) ?? '').trim();
}

describe('the manager dashboard', () => {
  it("shows the matrix, filters it, and reflects a learner's completion after a reload", async () => {
    const context = await signedInContext(browser, server, 'manager@example.com', { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/team');
    await page.getByRole('link', { name: 'Customer Support' }).click();
    await page.getByRole('heading', { level: 1, name: 'Customer Support' }).waitFor();
    expect(await page.getByRole('table', { name: 'Everyone in Customer Support' }).isVisible()).toBe(true);
    expect(await cell(page, 'Lena Fischer', 'Empathy at work')).toBe('Not started');
    expect(await page.getByText('0 of 56 person-modules completed').isVisible()).toBe(true);

    await page.getByRole('combobox', { name: 'Module' }).selectOption({ label: 'Empathy at work' });
    await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Completed' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('Nobody matches these filters').waitFor();
    expect(page.url()).toContain('module=empathy&status=completed');

    await completeEmpathy('learner@example.com');
    await page.reload();
    const table = page.getByRole('table', { name: '1 of 8 people, filtered' });
    expect(await table.getByRole('rowheader').allTextContents()).toEqual(['Lena Fischer']);
    expect(await cell(page, 'Lena Fischer', 'Empathy at work')).toContain('Completed');
    expect(await page.getByText('1 of 56 person-modules completed').isVisible()).toBe(true);

    await page.getByRole('link', { name: 'Lena Fischer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lena Fischer' }).waitFor();
    const modules = page.getByRole('table', { name: 'Status of each module for Lena Fischer' });
    expect(await modules.getByRole('row', { name: /Empathy at work/ }).textContent()).toContain('Completed');
    expect(await page.getByRole('img', { name: /Skills of Lena Fischer in role-plays: Empathy/ }).isVisible()).toBe(true);
    await context.close();
  });

  it('keeps a manager to their own teams', async () => {
    const context = await signedInContext(browser, server, 'manager2@example.com');
    const page = await context.newPage();
    await page.goto('/team');
    expect(await page.getByRole('link', { name: 'Customer Support' }).count()).toBe(0);
    const lena = (await findUserByEmail(server.db, 'learner@example.com'))!.id;
    expect((await page.goto(`/team/people/${lena}`))?.status()).toBe(404);
    expect(await page.content()).not.toContain('Lena');
    await context.close();
  });
});

describe('accessibility of the dashboard', () => {
  it.each(['dashboard', 'drill-down'])('the %s has no axe violations, with its data tables open', async (which) => {
    const context = await signedInContext(browser, server, 'manager@example.com');
    const page = await context.newPage();
    await page.goto('/team');
    // Wait for each page by its own heading: /team has a level-1 heading too, and axe must not run mid-navigation.
    await page.getByRole('link', { name: 'Customer Support' }).click();
    await page.getByRole('heading', { level: 1, name: 'Customer Support' }).waitFor();
    if (which === 'drill-down') {
      await page.getByRole('link', { name: 'Marcus Bell' }).click();
      await page.getByRole('heading', { level: 1, name: 'Marcus Bell' }).waitFor();
    }
    for (const summary of await page.getByText('Show the data as a table').all()) await summary.click();
    expect(await axeViolations(page)).toEqual([]);
    // On a phone the tables scroll in their own boxes, which must then be reachable with the keyboard.
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await axeViolations(page)).toEqual([]);
    // In dark mode, charts and tables included.
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('fits a phone screen: only the matrix scrolls sideways', async () => {
    const context = await signedInContext(browser, server, 'manager@example.com');
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/team');
    await page.getByRole('link', { name: 'Customer Support' }).click();
    await page.getByRole('heading', { level: 1, name: 'Customer Support' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();
  });
});

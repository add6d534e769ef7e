// The team dashboard at a desktop width, with the demo's three weeks of history: the matrix shows its last
// column without cutting it, charts use the card's width with whole labels, and a skill below zero reads as
// such (red bar left of the line, said in words).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { axeViolations, launchBrowser, signedInContext } from '../helpers/browser.ts';
import { seedDemoActivity } from '../../src/lib/server/demo/demo-activity.ts';
import { loadCourseFromDisk } from '../../src/lib/content/course-fs.ts';
import { scenarioRuns, teams, users } from '../../src/lib/server/db/schema.ts';

let server: TestServer;
let browser: Browser;
let support: string;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const course = loadCourseFromDisk(resolve(import.meta.dirname, '../..'));
  await seedDemoActivity(server.db, server.store, course);
  support = (await server.db.select().from(teams).where(eq(teams.name, 'Customer Support')))[0]!.id;
  // Managers see each person's best finished run of a role-play (decision 010), so for the team's empathy share
  // to fall below zero every member's runs must have gone badly: their history of role-plays is replaced by
  // one poor run each.
  const scenario = [...course.scenarios.values()][0]!;
  const members = await server.db.select({ id: users.id }).from(users).where(eq(users.teamId, support));
  const at = new Date();
  for (const [i, { id }] of members.entries()) {
    await server.db.delete(scenarioRuns).where(eq(scenarioRuns.userId, id));
    await server.db.insert(scenarioRuns).values({
      id: `bad-${i}`,
      userId: id,
      scenarioId: scenario.id,
      status: 'finished',
      outcome: 'poor',
      totals: JSON.stringify({ empathy: -2 }),
      startedAt: at,
      updatedAt: at,
      finishedAt: at,
    });
  }
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function dashboard(width: number): Promise<Page> {
  const context = await signedInContext(browser, server, 'manager@example.com');
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`/team/${support}`);
  return page;
}

describe('the team dashboard at 1280 px', () => {
  it('shows every column of the matrix, the last one included', async () => {
    const page = await dashboard(1280);
    const region = page.getByRole('region', { name: 'Everyone in Customer Support' });
    expect(await region.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    const last = await page.getByRole('columnheader', { name: 'Modules completed' }).boundingBox();
    expect(last!.x + last!.width).toBeLessThanOrEqual(1280);
    await page.context().close();
  });

  it('draws charts across the card with whole labels, and a skill below zero in words', async () => {
    const page = await dashboard(1280);
    const charts = page.locator('.chart-svg.wide svg');
    expect(await charts.count()).toBe(3);
    for (const box of await charts.evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect().width)))
      expect(box).toBeGreaterThan(700);
    expect(await page.locator('.chart-svg.narrow').first().isVisible()).toBe(false);
    const texts = await page.locator('.chart-svg.wide svg text').allTextContents();
    expect(texts.some((t) => t.includes('…'))).toBe(false);
    const skills = page.getByRole('img', { name: /^Skills in role-plays/ });
    expect(await skills.getAttribute('aria-label')).toContain('Bars left of zero are below zero.');
    expect(await skills.locator('rect[fill="#a3231b"]').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('shows the narrow drawings on a phone instead', async () => {
    const page = await dashboard(360);
    expect(await page.locator('.chart-svg.narrow svg').first().isVisible()).toBe(true);
    expect(await page.locator('.chart-svg.wide svg').first().isVisible()).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.context().close();
  });
});

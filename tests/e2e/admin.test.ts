// Admins in a real browser (these pages have no scripts): making someone a team's manager from the People page, a
// 100-character name that leaves the table's controls in view at 1280 px and on a phone, the teams page's
// confirmation before a merge, and axe on both pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { axeViolations, launchBrowser, signedInContext } from '../helpers/browser.ts';
import { createUser } from '../../src/lib/server/people/users.ts';
import { findTeamByName } from '../../src/lib/server/people/teams.ts';

// No spaces or hyphens: the worst case for wrapping.
const LONG = 'Wolfeschlegelsteinhausenbergerdorff'.repeat(3).slice(0, 100);

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const team = await findTeamByName(server.db, 'Customer Support');
  await createUser(server.db, { email: 'long.name@example.com', displayName: LONG, role: 'learner', teamId: team!.id });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function adminPage(width: number, height = 900): Promise<Page> {
  const context = await signedInContext(browser, server, 'admin@example.com', {});
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  return page;
}

/** The right edge of the element, in page pixels. */
const rightEdge = async (page: Page, name: string) => {
  const box = await page.getByRole('button', { name }).boundingBox();
  return box!.x + box!.width;
};

describe('the People page', () => {
  it('keeps every control of a 100-character name’s row in view at 1280 px', async () => {
    const page = await adminPage(1280);
    await page.goto('/admin/people?q=long.name');
    const width = await page.evaluate(() => document.documentElement.clientWidth);
    for (const name of [`Save role and team of ${LONG}`, `Make manager of the chosen team: ${LONG}`, `Deactivate ${LONG}`])
      expect(await rightEdge(page, name)).toBeLessThanOrEqual(width);
    const region = page.getByRole('region', { name: 'People, their role, team and status' });
    expect(await region.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    const select = await page.getByRole('combobox', { name: `Role of ${LONG}` }).boundingBox();
    expect(select!.width).toBeGreaterThanOrEqual(100);
    await page.context().close();
  });

  it('wraps a long name on a phone instead of widening the table by it', async () => {
    const page = await adminPage(360, 740);
    await page.goto('/admin/people?q=long.name');
    const cell = await page.getByRole('rowheader', { name: new RegExp(LONG) }).boundingBox();
    expect(cell!.width).toBeLessThan(360);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('makes a learner a team manager and back, saying so', async () => {
    const page = await adminPage(1280);
    await page.goto('/admin/people?q=learner%40example.com');
    await page.getByRole('combobox', { name: 'Team for Lena Fischer to manage' }).selectOption({ label: 'Field Service' });
    await page.getByRole('button', { name: 'Make manager of the chosen team: Lena Fischer' }).click();
    await page.getByRole('status').filter({ hasText: 'Lena Fischer now manages Field Service.' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Remove Lena Fischer as manager of Field Service' }).click();
    await page.getByRole('status').filter({ hasText: 'Lena Fischer no longer manages Field Service.' }).waitFor();
    await page.context().close();
  });
});

describe('the Teams page', () => {
  it('asks before merging, and cancelling changes nothing', async () => {
    const page = await adminPage(1280);
    await page.goto('/admin/teams');
    expect(await axeViolations(page)).toEqual([]);
    await page
      .getByRole('combobox', { name: 'Team to merge Field Service into' })
      .selectOption({ label: 'Into Customer Support' });
    await page.getByRole('button', { name: 'Merge Field Service' }).click();
    await page.getByRole('heading', { name: 'Merge Field Service into Customer Support?' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Cancel, change nothing' }).click();
    await page.getByRole('heading', { level: 1, name: 'Teams' }).waitFor();
    expect(await findTeamByName(server.db, 'Field Service')).toBeDefined();
    await page.context().close();
  });
});

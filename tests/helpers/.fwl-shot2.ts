import { resolve } from 'node:path';
import { startServer } from './server.ts';
import { launchBrowser, signedInContext } from './browser.ts';
import { seedDemoActivity } from '../../src/lib/server/demo/demo-activity.ts';
import { loadCourseFromDisk } from '../../src/lib/content/course-fs.ts';
const server = await startServer();
await seedDemoActivity(server.db, server.store, loadCourseFromDisk(resolve(import.meta.dirname, '../..')));
const browser = await launchBrowser();
try {
  const context = await signedInContext(browser, server, 'manager@example.com');
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/team');
  await page.getByRole('link', { name: 'Customer Support' }).click();
  await page.getByRole('heading', { level: 1, name: 'Customer Support' }).waitFor();
  await page.locator('#chart-status-caption').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/fwl-dark-team.png' });
  await page.locator('#chart-skills-caption').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/fwl-dark-team2.png' });
} finally {
  await browser.close();
  await server.stop();
}

// The publishing pages in Chromium, with axe on a desktop, a phone and in dark mode: the publish page showing a
// failed build (its error and build log), the history, one publish's diff with its Revert button, and the
// preview's status page. The records are written straight into the database (a real publish builds the site,
// which tests/integration/studio-publish.test.ts does).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser, signedInContext } from '../helpers/browser.ts';
import { axeInPage } from '../helpers/axe.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';
import { publishes } from '../../src/lib/server/db/schema.ts';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const trainer = (await findUserByEmail(server.db, 'trainer@example.com'))!;
  const before = 'title: Old title\nmodule: empathy\n' + Array.from({ length: 12 }, (_, i) => `# line ${i}\n`).join('');
  await server.db.insert(publishes).values([
    {
      userId: trainer.id,
      status: 'published',
      step: 'writing',
      startedAt: new Date('2026-11-30T09:00:00Z'),
      finishedAt: new Date('2026-11-30T09:01:00Z'),
      files: [{ path: 'quizzes/axe-check.yaml', before, after: before.replace('Old title', 'New title') }],
      warnings: ['content/quizzes/axe-check.yaml: [length-cue] A warning. Fix: Something.'],
      reason: 'Checked with the team.',
    },
    {
      userId: trainer.id,
      status: 'failed',
      step: 'building',
      startedAt: new Date('2026-11-30T10:00:00Z'),
      finishedAt: new Date('2026-11-30T10:00:30Z'),
      files: [{ path: 'modules/empathy/what-empathy-looks-like.mdx', before: 'a\n', after: 'b\n' }],
      warnings: [],
      error:
        'content/modules/empathy/what-empathy-looks-like.mdx, line 2: Could not resolve the import. Fix: Open the file in the studio.\n\nBuild log:\n[ERROR] the whole log',
    },
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function checked(page: Page): Promise<void> {
  expect(await axeInPage(page)).toEqual([]);
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await axeInPage(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await axeInPage(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('the publishing pages', () => {
  it('show the failed build, the history, a diff and the preview status, with no axe violations', async () => {
    const context = await signedInContext(browser, server, 'trainer@example.com');
    try {
      const page = await context.newPage();
      await page.goto('/studio/publish');
      await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('line 2: Could not resolve the import');
      await page.getByText('Build log').click();
      await page.getByText('[ERROR] the whole log').waitFor();
      await checked(page);

      await page.getByRole('link', { name: 'History of publishes' }).click();
      await page.getByRole('heading', { level: 1, name: 'History of publishes' }).waitFor();
      await checked(page);

      await page.getByRole('link', { name: '1', exact: true }).click();
      await page.getByRole('button', { name: 'Revert publish 1' }).waitFor();
      expect(await page.locator('ins').allTextContents()).toEqual(['+ title: New title\n']);
      await checked(page);

      await page.goto('/studio/preview');
      await page.getByRole('button', { name: 'Build a preview of the drafts' }).waitFor();
      await checked(page);
    } finally {
      await context.close();
    }
  });
});

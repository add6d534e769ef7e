// Issue 20 end to end, in real Chromium against the real supervisor (scripts/serve.ts) serving a copy of the
// project that is a git checkout: a trainer authors a module with a lesson, a quiz of three question types and a
// role-play with three endings from nothing, is refused a preview because of the lint error the studio showed
// beside a question, fixes it, previews the drafts, publishes them, and a learner then reads the lesson, passes
// the quiz and plays the role-play to an ending. Two builds of the copy (preview and publish), so long timeouts.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { copyProject } from '../helpers/project-copy.ts';
import { spawnServer, stopServer, type ServerProcess } from '../helpers/process-server.ts';
import { launchBrowser, signedInContext } from '../helpers/browser.ts';
import {
  authorLesson,
  authorModule,
  authorQuiz,
  authorRolePlay,
  fixQuiz,
  fixRolePlay,
  press,
  LESSON_ID,
  MODULE_ID,
  QUIZ_ANSWERS,
  QUIZ_ID,
  SCENARIO_BEST_PATH,
  SCENARIO_ID,
  SCENARIO_TITLE,
} from '../helpers/studio-author.ts';
import { openDb, type Db } from '../../src/lib/server/db/db.ts';
import { migrateDb } from '../../src/lib/server/db/migrate.ts';
import { seedDemoIfEmpty } from '../../src/lib/server/demo/seed.ts';

/** A build of the copy takes one to two minutes on a loaded machine; waits allow for a slow one. */
const BUILD_WAIT = 240_000;

let copy: string;
let db: Db;
let server: ServerProcess;
let browser: Browser;
let trainer: BrowserContext;
let page: Page;

beforeAll(async () => {
  copy = copyProject('rapport-flow-');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: copy });
  git('init', '--quiet');
  git('add', 'content');
  git('-c', 'user.name=Setup', '-c', 'user.email=setup@example.com', 'commit', '--quiet', '-m', 'Content before the studio');
  const dbUrl = `file:${join(copy, 'data', 'rapport.db')}`;
  db = await openDb({ url: dbUrl });
  await migrateDb(db);
  await seedDemoIfEmpty(db);
  [server, browser] = await Promise.all([
    spawnServer(dbUrl, { STUDIO_ROOT: copy }, join(copy, 'scripts/serve.ts')),
    launchBrowser(),
  ]);
  trainer = await signedInContext(browser, { origin: server.origin, db }, 'trainer@example.com');
  page = await trainer.newPage();
}, 120_000);

afterAll(async () => {
  await trainer?.close();
  await browser?.close();
  if (server) await stopServer(server);
  db?.$client.close();
  if (copy) rmSync(copy, { recursive: true, force: true });
});

/** Answers whichever question the attempt drew (the quiz draws one of its three) with its right answer. */
async function answerCorrectly(lp: Page): Promise<void> {
  expect(await lp.locator('fieldset').count()).toBe(1);
  for (const label of [QUIZ_ANSWERS.single, QUIZ_ANSWERS.truefalse]) {
    const option = lp.getByLabel(label, { exact: true });
    if (await option.count()) await option.check();
  }
  for (const [i, step] of QUIZ_ANSWERS.ordering.entries()) {
    const position = lp.getByLabel(`Position of: ${step}`);
    if (await position.count()) await position.selectOption(String(i + 1));
  }
}

const problemsWith = (what: string) => page.getByRole('region', { name: `Problems with ${what}` });

describe('a trainer builds a module in the studio and a learner takes it', () => {
  it('authors the module, its lesson, quiz and role-play from nothing, seeing the lint errors the studio shows', async () => {
    await authorModule(page, { hidden: false });
    await authorLesson(page);
    expect(new URL(page.url()).pathname).toBe(`/studio/modules/${MODULE_ID}/${LESSON_ID}`);
    await authorQuiz(page);
    await expect.poll(() => problemsWith('question 1').textContent()).toContain('all-none-of-the-above');
    expect(await problemsWith('the quiz').textContent()).toContain('quiz-pool');
    await authorRolePlay(page);
    await expect.poll(() => problemsWith('node 1').textContent()).toContain('walked-out');
    // Once the ending's id matches, the studio shows the next problem: the best path is too short.
    await fixRolePlay(page);
    expect(await page.getByRole('region', { name: /^Problems with (node|ending)/ }).count()).toBe(0);
    // What is left is a warning (no lesson embeds the role-play), which the publish accepts with a reason.
    const left = await problemsWith('the role-play').textContent();
    expect(left).toContain('no lesson embeds the scenario');
    expect(left).not.toMatch(/\bError\b/);
  }, 240_000);

  it('is refused a preview while the quiz has that error, which the publish page names with its fix', async () => {
    await page.goto('/studio/preview');
    await press(page, 'Build a preview of the drafts');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('the publish page lists them');
    await page.goto('/studio/publish');
    const errors = page.getByRole('region', { name: 'Errors to fix before publishing' });
    expect(await errors.textContent()).toContain(`content/quizzes/${QUIZ_ID}.yaml`);
    expect(await errors.textContent()).toContain('all-none-of-the-above');
    expect(await page.getByRole('button', { name: 'Publish', exact: true }).isDisabled()).toBe(true);
  });

  it(
    'fixes the error in the quiz editor, then previews the drafts as a learner will see them',
    async () => {
      await page.goto(`/studio/quizzes/${QUIZ_ID}`);
      await fixQuiz(page);
      expect(await problemsWith('question 1').count()).toBe(0);
      expect(await problemsWith('the quiz').count()).toBe(0);
      await page.goto('/studio/publish');
      expect(await page.locator('main').textContent()).not.toContain('Errors to fix before publishing');

      await page.goto('/studio/preview');
      await press(page, 'Build a new preview of the drafts');
      const built = page.getByRole('status').filter({ hasText: 'is ready' }).or(page.getByRole('alert'));
      await built.waitFor({ timeout: BUILD_WAIT });
      expect(await built.textContent()).toContain('is ready');
      await page.getByRole('link', { name: `${MODULE_ID}/${LESSON_ID}` }).click();
      await page.getByRole('heading', { level: 1, name: 'First contact' }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/studio/preview/modules/${MODULE_ID}/${LESSON_ID}`);
      expect(await page.getByRole('note').textContent()).toContain('Preview of the studio');
    },
    BUILD_WAIT + 60_000,
  );

  it(
    'publishes the drafts and sees the publish go live',
    async () => {
      await page.goto('/studio/publish');
      const reason = page.getByLabel('Why these warnings are acceptable (kept in the history)');
      if (await reason.count()) await reason.fill('Reviewed with the team before publishing.');
      await press(page, 'Publish');
      const ended = page.getByText(/Publish 1 (is live|failed)/);
      await ended.waitFor({ timeout: BUILD_WAIT });
      expect(await ended.textContent()).toContain('Publish 1 is live');
      for (const path of [`modules/${MODULE_ID}/${LESSON_ID}.mdx`, `quizzes/${QUIZ_ID}.yaml`, `scenarios/${SCENARIO_ID}.yaml`])
        expect(existsSync(join(copy, 'content', path))).toBe(true);
    },
    BUILD_WAIT + 60_000,
  );

  it('lets a learner read the lesson, pass the quiz and play the role-play to an ending', async () => {
    const learner = await signedInContext(browser, { origin: server.origin, db }, 'learner@example.com');
    try {
      const lp = await learner.newPage();
      await lp.goto(`/modules/${MODULE_ID}`);
      expect(await lp.locator('body').textContent()).toContain('First contact');
      await lp.getByRole('link', { name: 'First contact' }).first().click();
      await lp.getByRole('heading', { level: 1, name: 'First contact' }).waitFor();
      expect(await lp.getByText('they are telling you what the wait costs them').count()).toBe(1);

      await lp.goto(`/quizzes/${QUIZ_ID}`);
      await answerCorrectly(lp);
      await lp.getByRole('button', { name: 'Submit answers' }).click();
      await lp.getByRole('heading', { name: 'Passed: 100%' }).waitFor();

      await lp.goto(`/scenarios/${SCENARIO_ID}`);
      await lp.getByRole('button', { name: 'Start the role-play' }).click();
      for (const text of SCENARIO_BEST_PATH) await lp.getByRole('button', { name: text, exact: true }).click();
      await lp.getByRole('heading', { level: 1, name: `Debrief: ${SCENARIO_TITLE}` }).waitFor();
      expect(await lp.getByText('Strong outcome').isVisible()).toBe(true);
      expect(await lp.getByText('Ready for the call').count()).toBeGreaterThan(0);
    } finally {
      await learner.close();
    }
  }, 120_000);
});

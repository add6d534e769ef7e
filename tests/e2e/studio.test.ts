// The authoring studio in a real browser: a trainer creates a module with a lesson, a quiz of three
// question types and a role-play with three endings from nothing, sees the lint error the studio shows
// beside a question, fixes it, and finds every draft on disk. Plus axe on each editor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startServer, type TestServer } from '../helpers/server.ts';
import { axeViolations, launchBrowser, signedInContext } from '../helpers/browser.ts';
import { copyProjectRoot } from '../helpers/studio-root.ts';
import { quizSchema } from '../../src/schemas/quiz.ts';
import { scenarioSchema } from '../../src/schemas/scenario.ts';
import { moduleSchema } from '../../src/schemas/module.ts';

let server: TestServer;
let browser: Browser;
let studio: ReturnType<typeof copyProjectRoot>;
let context: BrowserContext;
let page: Page;
beforeAll(async () => {
  studio = copyProjectRoot();
  [server, browser] = await Promise.all([startServer({ env: { STUDIO_ROOT: studio.root } }), launchBrowser()]);
  context = await signedInContext(browser, server, 'trainer@example.com');
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
  studio?.remove();
});

const draftOnDisk = (path: string) => JSON.parse(readFileSync(join(studio.root, '.studio/drafts', `${path}.json`), 'utf8'));
const fill = (label: string, value: string) => page.getByLabel(label, { exact: true }).fill(value);

/** Clicks a button that posts the form, and waits for the page the post redirects to. */
async function press(name: string): Promise<void> {
  await page.evaluate(() => ((window as unknown as { before: boolean }).before = true));
  await page.getByRole('button', { name, exact: true }).click();
  await page.waitForFunction(() => !(window as unknown as { before?: boolean }).before);
  await page.waitForLoadState('load');
}

async function startNew(what: string, id: string, module?: string): Promise<void> {
  await page.goto('/studio');
  await page.getByLabel('What').selectOption({ label: what });
  await fill('Id', id);
  if (module) await page.getByLabel('Module (for a quiz or role-play)').selectOption(module);
  await press('Start');
}

async function expectNoAxeViolations(): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

describe('a trainer authors a module from nothing in the studio', () => {
  it('creates the module', async () => {
    await startNew('Module', 'studio-basics');
    expect(new URL(page.url()).pathname).toBe('/studio/modules/studio-basics');
    await fill('Module title', 'Studio basics');
    await fill(
      'Summary',
      'Practise answering a colleague who is waiting on your work, from first contact to a clear commitment.',
    );
    await fill('Objectives', 'Acknowledge what a late delivery costs a colleague.\nAgree a next step with a date you can keep.');
    await fill('Order in the catalog', '90');
    await fill('Audience', 'Everyone who hands work to colleagues');
    await fill('Minutes for the whole module', '25');
    await page.getByLabel('Hidden from learners (draft)').check();
    await fill('End-of-module quiz id', 'studio-basics-quiz');
    await fill('Pass mark (percent)', '70');
    await press('Save draft and check');
    await page.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();
    const module = moduleSchema.parse(parse(draftOnDisk('modules/studio-basics/module.yaml').body));
    expect(module).toMatchObject({
      title: 'Studio basics',
      order: 90,
      draft: true,
      quiz: { id: 'studio-basics-quiz', passMark: 70 },
    });
    await expectNoAxeViolations();
  });

  it('writes a lesson with a component from the menu and an image with alt text', async () => {
    await fill('New lesson id', 'first-contact');
    await press('Start the lesson');
    expect(new URL(page.url()).pathname).toBe('/studio/modules/studio-basics/first-contact');
    await fill('Lesson title', 'First contact');
    await fill('Summary', 'What to say first when a colleague chases work you owe them.');
    await fill('Objectives', 'Name the cost of the delay before explaining it.');
    await fill('Reading time (minutes)', '5');
    await fill('Order in the module', '1');
    await fill(
      'Lesson text (MDX)',
      '## Start with their side\n\nWhen someone chases you, they are telling you what the wait costs them.\n',
    );
    await page.getByLabel('Component').selectOption({ label: 'Key idea' });
    await press('Insert component');
    expect(await page.getByLabel('Lesson text (MDX)').inputValue()).toContain('<KeyIdea>');
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    await page
      .getByLabel('Image file (PNG, JPEG, GIF or WebP, up to 2 MB)')
      .setInputFiles({ name: 'Team Board.png', mimeType: 'image/png', buffer: png });
    await press('Upload and insert image');
    await page.getByRole('alert').filter({ hasText: 'Describe the image' }).waitFor();
    await page
      .getByLabel('Image file (PNG, JPEG, GIF or WebP, up to 2 MB)')
      .setInputFiles({ name: 'Team Board.png', mimeType: 'image/png', buffer: png });
    await fill('Alt text (required)', 'The team board with the overdue card circled');
    await press('Upload and insert image');
    const body = await page.getByLabel('Lesson text (MDX)').inputValue();
    expect(body).toContain('![The team board with the overdue card circled](./images/team-board.png)');
    expect(Buffer.from(draftOnDisk('modules/studio-basics/images/team-board.png').body, 'base64')).toEqual(png);
    expect(draftOnDisk('modules/studio-basics/first-contact.mdx').body).toContain('<KeyIdea>');
    await expectNoAxeViolations();
  }, 120_000);

  it('builds a quiz of three question types, sees the lint error beside a question and fixes it', async () => {
    await startNew('Quiz', 'studio-basics-quiz', 'studio-basics');
    await fill('Quiz title', 'Studio basics: check your understanding');
    await press('Add a question: One right answer');
    await fill('Question 1 id', 'first-words');
    await fill('Question 1 prompt', 'A colleague chases a report you promised yesterday. What do you say first?');
    await fill('Question 1 explanation', 'Naming what the delay costs them shows you understand before you explain.');
    const options = [
      ['own-it', 'I know you needed it for this morning; that left you waiting.', 'Right: it names their cost first.'],
      ['explain', 'The data came in late from finance, so it slipped.', 'An explanation first sounds like an excuse.'],
      ['all', 'All of the above', 'This option gives the answer away.'],
    ];
    for (const [i, [id, text, feedback]] of options.entries()) {
      await fill(`Question 1, option ${i + 1} id`, id!);
      await fill(`Question 1, option ${i + 1} text`, text!);
      await fill(`Question 1, option ${i + 1} feedback`, feedback!);
    }
    await page.getByLabel('Question 1, option 1 is right').check();
    await press('Add a question: True or false');
    await fill('Question 2 id', 'agree-to-empathise');
    await fill('Question 2 prompt', 'To show empathy you have to agree with the other person.');
    await fill('Question 2 explanation', 'You can understand a feeling without sharing the view behind it.');
    await fill('Question 2, option 1 feedback', 'Understanding is not the same as agreeing.');
    await fill('Question 2, option 2 feedback', 'Right: acknowledge without agreeing.');
    await page.getByLabel('Question 2, option 2 is right').check();
    await press('Add a question: Put in order');
    await fill('Question 3 id', 'order-the-reply');
    await fill('Question 3 prompt', 'Put the steps of a reply to a chasing colleague in order.');
    await fill('Question 3 explanation', 'Acknowledge, then explain briefly, then commit to a date.');
    const steps = [
      ['acknowledge', 'Name what the wait costs them', 'Their side comes first.'],
      ['explain', 'Say briefly what happened', 'A short reason, not an excuse.'],
      ['commit', 'Commit to a date you can keep', 'A clear next step closes the loop.'],
    ];
    for (const [i, [id, text, feedback]] of steps.entries()) {
      await fill(`Question 3, step ${i + 1} id`, id!);
      await fill(`Question 3, step ${i + 1} text`, text!);
      await fill(`Question 3, step ${i + 1} feedback`, feedback!);
    }
    await press('Save draft and check');

    const problems = page.getByRole('region', { name: 'Problems with question 1' });
    await expect.poll(() => problems.textContent()).toContain('all-none-of-the-above');
    expect(await page.getByRole('region', { name: 'Problems with question 3' }).count()).toBe(0);
    await expectNoAxeViolations();

    await fill('Question 1, option 3 text', 'Tell them the report will be ready when it is ready.');
    await press('Save draft and check');
    expect(await page.getByRole('region', { name: 'Problems with question 1' }).count()).toBe(0);
    const quiz = quizSchema.parse(parse(draftOnDisk('quizzes/studio-basics-quiz.yaml').body));
    expect(quiz.questions.map((q) => q.type)).toEqual(['single', 'truefalse', 'ordering']);
    expect(quiz.module).toBe('studio-basics');
  }, 180_000);

  it('builds a role-play with three endings, its map beside the form with problem nodes marked', async () => {
    await startNew('Role-play', 'studio-basics-talk', 'studio-basics');
    await fill('Role-play title', 'The late report');
    await fill('Summary', 'A colleague chases a report you owe them.');
    await fill('Setting: who you are', 'You are Sam, an analyst who owes the weekly report.');
    await fill('Setting: who they are', 'Dana, a sales lead who needs the report for a client call.');
    await fill('Setting: context', 'The report was due yesterday. Dana has a client call in an hour.');
    await fill('Skills scored', 'empathy');
    await fill('First node id', 'opening');
    await press('Add a node');
    await press('Add a node');
    for (let i = 0; i < 3; i++) await press('Add an ending');
    await press('Add a choice to node 1');

    await fill('Node 1 id', 'opening');
    await fill('Node 1 speaker', 'Dana');
    await fill('Node 1: what they say', 'Where is the report? My client call starts in an hour.');
    const choice = async (node: number, n: number, id: string, text: string, score: string, next: string) => {
      const at = `Node ${node}, choice ${n}`;
      await fill(`${at} id`, id);
      await fill(`${at}: what you say`, text);
      await fill(`${at} reaction`, `Dana hears: ${text}`);
      await fill(`${at} feedback`, `Coaching on "${id}".`);
      await fill(`${at} empathy score`, score);
      await fill(`${at} leads to`, next);
    };
    await choice(1, 1, 'name-the-cost', 'I know you need it for the call; I am sorry it is late.', '3', 'next-step');
    await choice(1, 2, 'explain-first', 'Finance sent the figures late, so it slipped a day.', '-1', 'stalemate');
    await choice(1, 3, 'push-back', 'Everyone wants everything at once around here.', '-2', 'walked-out');
    await fill('Node 2 id', 'next-step');
    await fill('Node 2 speaker', 'Dana');
    await fill('Node 2: what they say', 'So when can I have it?');
    await choice(2, 1, 'commit', 'The summary page in twenty minutes, the rest by noon.', '2', 'solved');
    await choice(2, 2, 'vague', 'As soon as I can, I promise it will be soon.', '0', 'stalemate');
    const ending = async (n: number, id: string, outcome: string, title: string) => {
      await fill(`Ending ${n} id`, id);
      await page.getByLabel(`Ending ${n} outcome`, { exact: true }).selectOption(outcome);
      await fill(`Ending ${n} title`, title);
      await fill(`Ending ${n} debrief`, `What happened in "${title}", and what to take away from it.`);
    };
    await ending(1, 'solved', 'strong', 'Ready for the call');
    await ending(2, 'stalemate', 'mixed', 'Still waiting');
    // A slip: the third ending's id does not match what the last choice of node 1 leads to.
    await ending(3, 'walked-away', 'poor', 'Dana goes elsewhere');
    await press('Save draft and check');

    await expect.poll(() => page.getByRole('region', { name: 'Problems with node 1' }).textContent()).toContain('walked-out');
    const map = page.getByRole('img', { name: 'Map of the scenario "The late report"' });
    expect(await map.locator('g.has-problem').count()).toBeGreaterThan(0);
    await expectNoAxeViolations();

    await fill('Ending 3 id', 'walked-out');
    await press('Save draft and check');
    expect(await page.getByRole('region', { name: /^Problems with (node|ending)/ }).count()).toBe(0);
    expect(await map.locator('g.has-problem').count()).toBe(0);
    expect(await map.locator('rect').count()).toBe(5);
    const scenario = scenarioSchema.parse(parse(draftOnDisk('scenarios/studio-basics-talk.yaml').body));
    expect(scenario.endings.map((e) => e.outcome)).toEqual(['strong', 'mixed', 'poor']);
  }, 240_000);

  it('lists every draft on the studio page, with who saved it', async () => {
    await page.goto('/studio');
    const drafts = page.getByRole('region', { name: 'Drafts' });
    for (const path of [
      'modules/studio-basics/module.yaml',
      'modules/studio-basics/first-contact.mdx',
      'modules/studio-basics/images/team-board.png',
      'quizzes/studio-basics-quiz.yaml',
      'scenarios/studio-basics-talk.yaml',
    ]) {
      expect(existsSync(join(studio.root, '.studio/drafts', `${path}.json`))).toBe(true);
      expect(await drafts.getByText(path, { exact: true }).count()).toBe(1);
    }
    expect(await drafts.getByText('Theo Brandt').count()).toBe(5);
    await expectNoAxeViolations();
  });
});

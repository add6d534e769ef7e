// The lesson feedback loop in a real browser: a learner rates a lesson (no JavaScript needed), a trainer
// reads the average and the comment on the insight pages without learning who wrote it. Plus axe and
// phone-width checks on every insight page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { axeViolations, launchBrowser, signedInContext } from '../helpers/browser.ts';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { quizSchema } from '../../src/schemas/quiz.ts';
import { scenarioSchema } from '../../src/schemas/scenario.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';
import { openAttempt, submitAttempt } from '../../src/lib/server/learning/quiz-attempts.ts';
import { choose, startRun } from '../../src/lib/server/learning/scenario-runs.ts';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const content = (path: string) => parse(readFileSync(`content/${path}.yaml`, 'utf8'));
const getQuiz = (id: string) => ({ id, ...quizSchema.parse(content(`quizzes/${id}`)) });
const getScenario = (id: string) => ({ id, ...scenarioSchema.parse(content(`scenarios/${id}`)) });

const COMMENT = 'The night-shift example made the idea concrete.';
const INSIGHT_PAGES = [
  '/insight',
  '/insight/lessons/empathy',
  '/insight/quizzes/empathy-quiz',
  '/insight/quizzes/empathy-quiz?attempts=all',
  '/insight/scenarios/the-day-after-the-repair',
];

describe('the lesson feedback loop', () => {
  it('a learner rates a lesson with a comment, and can see and change it (no JavaScript)', async () => {
    const context = await signedInContext(browser, server, 'learner@example.com', { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/modules/empathy/what-empathy-looks-like');
    const group = page.getByRole('group', { name: 'How useful was this lesson to you?' });
    await group.getByRole('radio', { name: '4 · Very useful' }).check();
    await page.getByLabel('Comment (optional)').fill(COMMENT);
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await page.getByRole('status').filter({ hasText: 'your feedback is saved' }).waitFor();
    expect(await group.getByRole('radio', { name: '4 · Very useful' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Comment (optional)').inputValue()).toBe(COMMENT);
    expect(await page.getByRole('button', { name: 'Update my feedback' }).isVisible()).toBe(true);
    await context.close();
  });

  it('the trainer sees the average and the comment, without the learner’s name', async () => {
    const context = await signedInContext(browser, server, 'trainer@example.com');
    const page = await context.newPage();
    await page.goto('/insight');
    await page.getByRole('link', { name: '3 lessons of Empathy at work' }).click();
    await page.getByRole('heading', { level: 1, name: /Empathy at work: lessons and feedback/ }).waitFor();
    const lesson = page.getByRole('region', { name: '1. What empathy looks like at work' });
    expect(await lesson.getByText('Average 4.0 of 5 from 1 rating.').isVisible()).toBe(true);
    expect(
      await lesson
        .getByRole('list', { name: /Comments on/ })
        .getByText(COMMENT)
        .isVisible(),
    ).toBe(true);
    const row = page.getByRole('row', { name: /What empathy looks like at work/ });
    expect(await row.getByRole('cell').last().textContent()).toBe('4.0 (1)');
    const text = await page.locator('main').textContent();
    expect(text).not.toMatch(/Lena|Fischer|learner@example\.com/);
    await context.close();
  });
});

describe('accessibility of the insight pages', () => {
  // Some answers and runs, so that bars, flags and badges are on the pages axe checks.
  beforeAll(async () => {
    const quiz = getQuiz('empathy-quiz');
    const scenario = getScenario('the-day-after-the-repair');
    for (const email of ['aiko.tanaka@example.com', 'samir.haddad@example.com', 'jonas.weber@example.com']) {
      const user = (await findUserByEmail(server.db, email))!;
      const opened = await openAttempt(server.db, user.id, quiz);
      if (!opened.ok) throw new Error(opened.message);
      const entries = opened.plan.questions.flatMap((q): [string, string][] =>
        q.type === 'likert'
          ? [[`q:${q.id}`, '3']]
          : q.type === 'ordering'
            ? q.order.map((id, i) => [`q:${q.id}:${id}`, String(i + 1)])
            : [[`q:${q.id}`, q.order[0]!]],
      );
      expect((await submitAttempt(server.store, user.id, quiz, opened.attempt.id, entries, 70)).ok).toBe(true);
      const run = await startRun(server.db, user.id, scenario);
      const first = scenario.nodes.find((n) => n.id === scenario.start)!;
      expect(
        (await choose(server.store, user.id, scenario, run.id, { nodeId: first.id, choiceId: first.choices[0]!.id })).ok,
      ).toBe(true);
    }
  });

  it.each(INSIGHT_PAGES)('%s has no axe violations and fits a phone screen', async (path) => {
    const context = await signedInContext(browser, server, 'trainer@example.com');
    const page = await context.newPage();
    await page.goto(path);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // On a phone, tables scroll in their own boxes, which must then be reachable with the keyboard.
    expect(await axeViolations(page)).toEqual([]);
    if (path === '/insight') {
      // The overview's three-column tables fit a phone whole; wider tables elsewhere scroll in their own box.
      const wider = await page
        .locator('.table-wrap')
        .evaluateAll((wraps) => wraps.filter((w) => w.scrollWidth > w.clientWidth).length);
      expect(wider).toBe(0);
    }
    await context.close();
  });
});

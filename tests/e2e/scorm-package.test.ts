// A SCORM 1.2 package in a real SCORM 1.2 runtime: scorm-again plays the LMS in a test page, the exported
// package runs in its frame, and a learner reads to the end and passes the quiz in Chromium. What the runtime
// recorded is what an LMS would store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { hostPackage, LMS, scormAgainScript } from '../helpers/package-host.ts';
import { answerRight } from '../helpers/package-quiz.ts';
import { moduleCourseData, modulePackageZip } from '../../src/lib/server/export/module-package.ts';
import { loadCourseFromDisk } from '../../src/lib/content/course-fs.ts';
import { gradeAttempt, type Responses } from '../../src/lib/quiz/index.ts';

const MODULE = 'empathy';
const course = moduleCourseData(process.cwd(), MODULE);

const LMS_PAGE = `<!doctype html><html lang="en"><head><title>Test LMS</title><script src="/scorm-again.js"></script>
<script>
  window.API = new Scorm12API({ logLevel: 5 });
  window.finished = 0;
  window.set = [];
  window.API.on('LMSFinish', function () { window.finished++; });
  window.API.on('LMSSetValue.cmi.*', function (element, value) { window.set.push([element, value]); });
</script></head>
<body><iframe src="/package/index.html" title="Module" style="width:100%;height:90vh"></iframe></body></html>`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface LmsWindow {
  API: { LMSGetValue(element: string): string };
  finished: number;
  set: [string, string][];
}

/** A value as the runtime holds it (LMSGetValue, as the package reads it too). */
const cmi = (page: Page, element: string) => page.evaluate((e) => (window as unknown as LmsWindow).API.LMSGetValue(e), element);
/** Every value the package set, in order (also readable after LMSFinish, and for write-only elements). */
const setValues = (page: Page) => page.evaluate(() => (window as unknown as LmsWindow).set);

describe('SCORM 1.2 package in scorm-again', () => {
  it('reports incomplete, then completed after the last lesson, then failed and passed with the score, then the session time', async () => {
    const context = await browser.newContext();
    const refused = await hostPackage(context, modulePackageZip(process.cwd(), MODULE, 'scorm12'), {
      '/lms.html': LMS_PAGE,
      '/scorm-again.js': (route) => route.fulfill({ body: scormAgainScript(), contentType: 'text/javascript' }),
    });
    const page = await context.newPage();
    await page.goto(`${LMS}/lms.html`);
    const frame = page.frameLocator('iframe');
    let checked = 0;

    await expect.poll(() => cmi(page, 'cmi.core.lesson_status')).toBe('incomplete');
    for (const [i, lesson] of course.lessons.entries()) {
      await expect.poll(() => frame.getByRole('heading', { level: 1 }).textContent()).toBe(lesson.title);
      expect(await cmi(page, 'cmi.core.lesson_location')).toBe(String(i));
      // Knowledge checks run inside the lesson, graded and explained, and are never reported.
      for (const check of await frame.locator('[data-check]').all()) {
        await answerRight(check, course.checks[(await check.getAttribute('data-check'))!]!);
        await check.getByRole('button', { name: 'Check my answers' }).click();
        await expect.poll(() => check.getByText('You got 100% right.').count()).toBe(1);
        checked++;
      }
      await frame.getByRole('button', { name: i === course.lessons.length - 1 ? 'Go to the quiz' : 'Next' }).click();
    }
    await expect.poll(() => frame.getByRole('heading', { level: 1 }).textContent()).toBe(course.quiz.title);
    await expect.poll(() => cmi(page, 'cmi.core.lesson_status')).toBe('completed');
    expect(checked).toBe(Object.keys(course.checks).length);
    expect(checked).toBeGreaterThan(0);

    // Nothing answered: a fail the runtime records with its score.
    await frame.getByRole('button', { name: 'Submit the quiz' }).click();
    await expect.poll(() => frame.getByText(/You scored 0%: not passed yet/).count()).toBe(1);
    expect(await cmi(page, 'cmi.core.lesson_status')).toBe('failed');
    expect(await cmi(page, 'cmi.core.score.raw')).toBe('0');

    await answerRight(frame, course.quiz);
    await frame.getByRole('button', { name: 'Submit the quiz' }).click();
    await expect.poll(() => frame.getByText(/You scored 100%: passed\./).count()).toBe(1);
    expect(await cmi(page, 'cmi.core.lesson_status')).toBe('passed');
    expect(await cmi(page, 'cmi.core.score.raw')).toBe('100');
    expect(await cmi(page, 'cmi.core.score.max')).toBe('100');

    await frame.getByRole('button', { name: 'Finish and exit' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as LmsWindow).finished)).toBe(1);
    const set = await setValues(page);
    const time = set.filter(([element]) => element === 'cmi.core.session_time');
    expect(time).toHaveLength(1);
    expect(time[0]![1]).toMatch(/^\d{4}:\d{2}:\d{2}\.\d{2}$/);
    // The statuses in the order the package set them: a pass is the last word.
    const statuses = set.filter(([element]) => element === 'cmi.core.lesson_status').map(([, value]) => value);
    expect(statuses).toEqual(['incomplete', 'completed', 'failed', 'passed']);
    expect(set.filter(([element]) => element === 'cmi.core.score.raw').map(([, value]) => value)).toEqual(['0', '100']);
    expect(refused).toEqual([]);
    await context.close();
  });
});

describe('the package grades as the server does', () => {
  it('gives a half-right attempt the percent gradeAttempt gives it', async () => {
    const quiz = loadCourseFromDisk(process.cwd()).quizzes.get(course.quiz.id)!;
    const context = await browser.newContext();
    const refused = await hostPackage(context, modulePackageZip(process.cwd(), MODULE, 'scorm12'), {});
    const page = await context.newPage();
    // Opened on its own, as from disk: no LMS, so nothing is reported and the module still works.
    await page.goto(`${LMS}/package/index.html`);
    for (const [i] of course.lessons.entries())
      await page.getByRole('button', { name: i === course.lessons.length - 1 ? 'Go to the quiz' : 'Next' }).click();
    const ids = await page
      .locator('fieldset[data-question]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-question')!));
    const responses: Responses = {};
    for (const [n, id] of ids.entries()) {
      const q = quiz.questions.find((x) => x.id === id)!;
      const set = page.locator(`fieldset[data-question="${id}"]`);
      const right = n % 2 === 0;
      if (q.type === 'likert') {
        await set.getByLabel('Sometimes').check();
        responses[id] = { type: 'likert', value: 3 };
      } else if (q.type === 'ordering') {
        const order = right ? q.items : [...q.items].reverse();
        for (const [i, item] of order.entries()) await set.locator(`select[data-item="${item.id}"]`).selectOption(String(i + 1));
        responses[id] = { type: 'ordering', itemIds: order.map((item) => item.id) };
      } else {
        const picked = right ? q.options.filter((o) => o.correct) : [q.options.find((o) => !o.correct)!];
        for (const o of picked) await set.locator(`input[value="${o.id}"]`).check();
        responses[id] = { type: q.type, optionIds: picked.map((o) => o.id) };
      }
    }
    await page.getByRole('button', { name: 'Submit the quiz' }).click();
    const plan = { questions: ids.map((id) => ({ id, type: quiz.questions.find((x) => x.id === id)!.type, order: [] })) };
    const expected = gradeAttempt(quiz, plan, responses, course.quiz.passMark).totals;
    expect(expected.percent).toBeGreaterThan(0);
    expect(expected.percent).toBeLessThan(100);
    await expect.poll(() => page.getByText(`You scored ${expected.percent}%`).count()).toBe(1);
    expect(refused).toEqual([]);
    await context.close();
  });
});

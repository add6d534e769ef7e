// Taking quizzes in a real browser: no answers in the page before submitting, grading with and
// without JavaScript, keyboard-only completion, and refusals that keep the learner's answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { axeViolations, launchBrowser, signedInContext } from '../helpers/browser.ts';
import { quizSchema, type Quiz } from '../../src/schemas/quiz.ts';

const QUIZ_ID = 'who-are-your-customers-quiz';
const quiz: Quiz = quizSchema.parse(
  parse(readFileSync(new URL(`../../content/quizzes/${QUIZ_ID}.yaml`, import.meta.url), 'utf8')),
);

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The question ids shown on the page, in order. */
async function shownQuestions(page: Page): Promise<string[]> {
  return page.locator('fieldset[id^="question-"]').evaluateAll((els) => els.map((e) => e.id.slice('question-'.length)));
}

/** Answers every shown question correctly by clicking its labels. */
async function answerAll(page: Page) {
  for (const id of await shownQuestions(page)) {
    const q = quiz.questions.find((x) => x.id === id)!;
    const set = page.locator(`#question-${id}`);
    if (q.type === 'likert') await set.getByLabel('Often').check();
    else if (q.type === 'ordering') {
      for (const [i, item] of q.items.entries()) await set.getByLabel(`Position of: ${item.text}`).selectOption(String(i + 1));
    } else for (const o of q.options.filter((o) => o.correct)) await set.locator(`input[value="${o.id}"]`).check();
  }
}

describe('quiz page layout', () => {
  it('keeps every prompt inside its card, clear of the border', async () => {
    const context = await signedInContext(browser, server, 'marcus.bell@example.com');
    const page = await context.newPage();
    await page.goto(`/quizzes/${QUIZ_ID}`);
    const gaps = await page.locator('fieldset.question').evaluateAll((sets) =>
      sets.map((set) => {
        const legend = set.querySelector('legend')!.getBoundingClientRect();
        const border = parseFloat(getComputedStyle(set).borderTopWidth);
        // A legend left in its default place straddles the top border: its top is the fieldset's top.
        return legend.top - set.getBoundingClientRect().top - border;
      }),
    );
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) expect(gap).toBeGreaterThan(4);
    await context.close();
  });
});

describe('quiz page before submission', () => {
  it('contains no correct-answer data: no correct flags, feedback or explanations', async () => {
    const context = await signedInContext(browser, server, 'marcus.bell@example.com');
    const page = await context.newPage();
    await page.goto(`/quizzes/${QUIZ_ID}`);
    const html = await page.content();
    expect(html).not.toMatch(/"correct"|data-correct/);
    for (const q of quiz.questions) {
      expect(html).not.toContain(q.explanation);
      const choices = q.type === 'ordering' ? q.items : q.type === 'likert' ? [] : q.options;
      for (const c of choices) expect(html).not.toContain(c.feedback);
    }
    expect(await shownQuestions(page)).toHaveLength(
      (quiz.drawCount ?? 0) + quiz.questions.filter((q) => q.type === 'likert').length,
    );
    await context.close();
  });
});

describe('taking a quiz', () => {
  it('without JavaScript: a form post, a results page, and the module shows the quiz passed', async () => {
    const context = await signedInContext(browser, server, 'aiko.tanaka@example.com', { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`/quizzes/${QUIZ_ID}`);
    await answerAll(page);
    await page.getByRole('button', { name: 'Submit answers' }).click();
    await page.getByRole('heading', { name: 'Passed: 100%' }).waitFor();
    expect(await page.getByText('Why:').count()).toBeGreaterThan(0);
    await page.goto('/modules/who-are-your-customers');
    expect(await page.getByText('Passed', { exact: true }).isVisible()).toBe(true);
    await context.close();
  });

  it('with JavaScript: feedback appears in place without a page reload', async () => {
    const context = await signedInContext(browser, server, 'samir.haddad@example.com');
    const page = await context.newPage();
    await page.goto(`/quizzes/${QUIZ_ID}`);
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    expect(await page.locator('#attempts-left').textContent()).toMatch(/^This is attempt 1 of \d+/);
    await answerAll(page);
    await page.getByRole('button', { name: 'Submit answers' }).click();
    await page.getByRole('heading', { name: 'Passed: 100%' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    // The count of attempts left belongs to the form it was shown with, and goes with it.
    expect(await page.locator('#attempts-left').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('results-heading');
    await context.close();
  });

  it('refuses a submission with missing answers, keeps what was chosen and says what to fix', async () => {
    const context = await signedInContext(browser, server, 'grace.mensah@example.com', { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`/quizzes/${QUIZ_ID}`);
    const [firstId] = await shownQuestions(page);
    const first = quiz.questions.find((q) => q.id === firstId)!;
    await answerAll(page);
    const secondId = (await shownQuestions(page))[1]!;
    await page
      .locator(`#question-${secondId}`)
      .locator('input, select')
      .evaluateAll((els) =>
        els.forEach((e) => (e instanceof HTMLInputElement ? (e.checked = false) : ((e as HTMLSelectElement).value = ''))),
      );
    const response = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Submit answers' }).click();
    expect((await response).status()).toBe(400);
    await page.getByRole('alert').waitFor();
    expect(await page.locator(`#question-${secondId}`).getAttribute('aria-invalid')).toBe('true');
    if (first.type === 'single' || first.type === 'truefalse') {
      const right = first.options.find((o) => o.correct)!;
      expect(await page.locator(`#question-${firstId} input[value="${right.id}"]`).isChecked()).toBe(true);
    }
    await context.close();
  });

  it('can be completed with the keyboard alone', async () => {
    const context = await signedInContext(browser, server, 'jonas.weber@example.com');
    const page = await context.newPage();
    await page.goto(`/quizzes/${QUIZ_ID}`);
    // Walk the form with Tab; answer each control as it gets focus.
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | HTMLSelectElement | null;
        const set = el?.closest('fieldset[id^="question-"]');
        return el
          ? {
              tag: el.tagName,
              type: (el as HTMLInputElement).type,
              name: el.getAttribute('name'),
              value: (el as HTMLInputElement).value,
              q: set?.id.slice(9),
              text: el.textContent?.trim(),
            }
          : null;
      });
      if (!focused) continue;
      if (focused.tag === 'BUTTON' && focused.text === 'Submit answers') break;
      const q = quiz.questions.find((x) => x.id === focused.q);
      if (!q) continue;
      if (q.type === 'ordering' && focused.tag === 'SELECT') {
        const itemId = focused.name!.split(':')[2];
        const position = q.items.findIndex((it) => it.id === itemId) + 1;
        for (let k = 0; k < position; k++) await page.keyboard.press('ArrowDown');
      } else if (focused.type === 'radio') {
        // Arrow keys move within a radio group (and select); find the right one.
        const wanted = q.type === 'likert' ? '4' : q.type === 'ordering' ? '' : q.options.find((o) => o.correct)!.id;
        for (let k = 0; k < 6 && (await page.evaluate(() => (document.activeElement as HTMLInputElement).value)) !== wanted; k++)
          await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Space');
      } else if (focused.type === 'checkbox' && q.type === 'multiple') {
        if (q.options.find((o) => o.id === focused.value)?.correct) await page.keyboard.press('Space');
      }
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Passed: 100%' }).waitFor();
    await context.close();
  });

  it('quiz form and results have no axe violations', async () => {
    const context = await signedInContext(browser, server, 'ravi.iyer@example.com');
    const page = await context.newPage();
    await page.goto(`/quizzes/${QUIZ_ID}`);
    expect(await axeViolations(page)).toEqual([]);
    await answerAll(page);
    await page.getByRole('button', { name: 'Submit answers' }).click();
    await page.getByRole('heading', { name: 'Passed: 100%' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

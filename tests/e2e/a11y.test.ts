// axe-core (WCAG 2.2 A and AA rules) on every page type of Rapport, in the states people actually
// see: empty and filled, before and after submitting, with and without errors; on a desktop and on a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser, signedInContext } from '../helpers/browser.ts';
import { axeInPage } from '../helpers/axe.ts';
import { readFirstChoice } from '../helpers/learners.ts';
import { invitePerson } from '../../src/lib/server/people/invites.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';
import { quizAttempts } from '../../src/lib/server/db/schema.ts';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Answers every question of the open quiz form (first option, orderings as listed). */
async function answerQuiz(page: Page): Promise<void> {
  for (const question of await page.locator('fieldset.question').all()) {
    const choice = question.locator('input[type="radio"], input[type="checkbox"]').first();
    if (await choice.count()) await choice.check();
    const selects = await question.locator('select').all();
    for (const [i, select] of selects.entries()) await select.selectOption(String(i + 1));
  }
}

/** Plays a role-play to its debrief over HTTP in the page's session (first choice each time), then opens it. */
async function playToDebrief(page: Page, scenario: string): Promise<void> {
  const here = `/scenarios/${scenario}`;
  const post = (form: Record<string, string>) => page.request.post(here, { form, headers: { origin: server.origin } });
  await post({ intent: 'start' });
  for (let turn = 0; turn < 20; turn++) {
    const choice = readFirstChoice(await (await page.request.get(here)).text());
    if (!choice) break;
    await post({ intent: 'choose', ...choice });
  }
  const runs = await server.db.$client.execute({
    sql: "select r.id from scenario_runs r join users u on u.id = r.user_id where r.status = 'finished' and r.scenario_id = ? order by r.finished_at desc limit 1",
    args: [scenario],
  });
  await page.goto(`${here}/runs/${String(runs.rows[0]?.id)}`);
  await page.getByRole('heading', { level: 1, name: /^Debrief:/ }).waitFor();
}

type Setup = (page: Page) => Promise<void>;
const visit =
  (path: string): Setup =>
  async (page) => {
    await page.goto(path);
  };

/** [page type, who (null: signed out), how to get there]. */
const PAGES: [string, string | null, Setup][] = [
  ['sign-in', null, visit('/sign-in')],
  [
    'sign-in with an error',
    null,
    async (page) => {
      await page.goto('/sign-in');
      await page.getByLabel('Email').fill('learner@example.com');
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').waitFor();
    },
  ],
  [
    'invite',
    null,
    async (page) => {
      const invite = await invitePerson(
        server.db,
        { email: 'axe.invite@example.com', displayName: 'Axe Invite', role: 'learner', teamId: null },
        null,
        72,
      );
      if (!invite.ok) throw new Error(invite.message);
      await page.goto(`/invite/${invite.token}`);
      await page.getByRole('heading', { name: 'Welcome, Axe Invite' }).waitFor();
    },
  ],
  ['invite that cannot be used', null, visit('/invite/not-a-real-token')],
  ['forgot password (no mail server: ask an admin)', null, visit('/forgot-password')],
  [
    'sign-in after a session ended mid-form',
    null,
    visit(`/sign-in?next=${encodeURIComponent('/quizzes/empathy-quiz?kept=1')}&ended=1`),
  ],
  ['home', 'learner@example.com', visit('/')],
  ['modules', 'learner@example.com', visit('/modules')],
  ['module', 'learner@example.com', visit('/modules/empathy')],
  ['lesson', 'learner@example.com', visit('/modules/empathy/what-empathy-looks-like')],
  ['quiz form', 'jonas.weber@example.com', visit('/quizzes/empathy-quiz')],
  [
    'quiz form with errors',
    'jonas.weber@example.com',
    async (page) => {
      await page.goto('/quizzes/empathy-quiz');
      await page.getByRole('button', { name: 'Submit answers' }).click();
      await page.getByRole('alert').first().waitFor();
    },
  ],
  [
    'quiz results',
    'jonas.weber@example.com',
    async (page) => {
      await page.goto('/quizzes/empathy-quiz');
      await answerQuiz(page);
      await page.getByRole('button', { name: 'Submit answers' }).click();
      await page.locator('#results-heading').waitFor();
    },
  ],
  [
    'quiz result from the history',
    'jonas.weber@example.com',
    async (page) => {
      // Jonas submitted in the entry above; the history links to that attempt's own result page.
      await page.goto('/quizzes/empathy-quiz');
      await page.getByRole('link', { name: 'Review attempt 1' }).click();
      await page.locator('#results-heading').waitFor();
    },
  ],
  [
    'reviews',
    'jonas.weber@example.com',
    async (page) => {
      // What Jonas missed in the quiz above comes back tomorrow; bring it forward to today.
      await server.db.$client.execute(
        "update review_cards set due = 0 where user_id = (select id from users where email = 'jonas.weber@example.com')",
      );
      await page.goto('/review');
      await page.getByRole('button', { name: 'Submit answers' }).waitFor();
    },
  ],
  [
    'review feedback',
    'jonas.weber@example.com',
    async (page) => {
      await page.goto('/review');
      await answerQuiz(page);
      await page.getByRole('button', { name: 'Submit answers' }).click();
      await page.locator('#feedback-heading').waitFor();
    },
  ],
  ['skill profile', 'jonas.weber@example.com', visit('/skills')],
  [
    'role-play',
    'chloe.martin@example.com',
    async (page) => {
      await page.goto('/scenarios/the-day-after-the-repair');
      await page.getByRole('button', { name: 'Start the role-play' }).click();
      await page.locator('button.choice').first().waitFor();
    },
  ],
  ['debrief', 'ravi.iyer@example.com', (page) => playToDebrief(page, 'the-day-after-the-repair')],
  [
    'journal',
    'ravi.iyer@example.com',
    async (page) => {
      await page.goto('/modules/empathy/what-empathy-looks-like');
      await page.locator('textarea').first().fill('Ask before fixing.');
      await page.getByRole('button', { name: 'Save to my journal' }).first().click();
      await page.getByText('Saved to your journal', { exact: true }).waitFor();
      await page.goto('/journal');
    },
  ],
  ['account', 'learner@example.com', visit('/account')],
  ['time zone', 'learner@example.com', visit('/account/time-zone')],
  ['admin people', 'admin@example.com', visit('/admin/people')],
  ['admin teams', 'admin@example.com', visit('/admin/teams')],
  ['admin xapi', 'admin@example.com', visit('/admin/xapi')],
  ['manager home', 'manager@example.com', visit('/')],
  [
    'admin people after an import',
    'admin@example.com',
    async (page) => {
      await page.goto('/admin/people');
      const csv = 'email,name,role,team\naxe.one@example.com,Axe One,learner,Billing\nnot-an-email,Bad Row,learner,\n';
      await page.getByLabel('CSV file').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: 'Import and create invites' }).click();
      await page.getByRole('heading', { name: 'Rows not imported' }).waitFor();
    },
  ],
  ['team', 'manager@example.com', visit('/team')],
  [
    'drill-down with attempts used up and the form to grant more',
    'manager@example.com',
    async (page) => {
      const samir = (await findUserByEmail(server.db, 'samir.haddad@example.com'))!;
      for (let i = 0; i < 5; i++) {
        const at = new Date(Date.now() - (10 - i) * 60_000);
        await server.db.insert(quizAttempts).values({
          id: `axe-failed-${i}`,
          userId: samir.id,
          quizId: 'empathy-quiz',
          plan: '{}',
          status: 'submitted',
          startedAt: at,
          submittedAt: at,
          percent: 10,
          passed: false,
        });
      }
      await page.goto(`/team/people/${samir.id}`);
      await page.getByRole('button', { name: /^Grant more attempts/ }).waitFor();
    },
  ],
  [
    'quiz with every attempt used',
    'samir.haddad@example.com',
    async (page) => {
      // Samir's five failed attempts come from the entry above.
      await page.goto('/quizzes/empathy-quiz');
      await page.locator('#attempts-used-up').waitFor();
    },
  ],
  ['403', 'learner@example.com', visit('/admin/people')],
  ['404', 'learner@example.com', visit('/no-such-page')],
];

describe('axe finds no violations', () => {
  it.each(PAGES)('on the %s page (as %s)', async (_, who, setup) => {
    const context = who ? await signedInContext(browser, server, who) : await browser.newContext({ baseURL: server.origin });
    try {
      const page = await context.newPage();
      await setup(page);
      expect(await axeInPage(page)).toEqual([]);
      // Again on a phone, where wide tables scroll in boxes of their own that must be reachable by keyboard.
      await page.setViewportSize({ width: 360, height: 740 });
      expect(await axeInPage(page)).toEqual([]);
      // And in dark mode (prefers-color-scheme), where every colour pair changes: contrast is checked again.
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(await axeInPage(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('dark mode', () => {
  /** The page's background and text colours, each as the sum of its red, green and blue (0 black .. 765 white). */
  async function tones(page: Page): Promise<{ background: number; text: number }> {
    return page.evaluate(() => {
      const sum = (c: string) => (c.match(/\d+/g) ?? []).slice(0, 3).reduce((n, v) => n + Number(v), 0);
      const root = getComputedStyle(document.documentElement);
      return { background: sum(root.backgroundColor), text: sum(getComputedStyle(document.body).color) };
    });
  }

  it('follows the system setting: light by default, dark when asked', async () => {
    const context = await signedInContext(browser, server, 'learner@example.com');
    try {
      const page = await context.newPage();
      await page.goto('/');
      const light = await tones(page);
      expect(light.background).toBeGreaterThan(600);
      expect(light.text).toBeLessThan(200);
      await page.emulateMedia({ colorScheme: 'dark' });
      const dark = await tones(page);
      expect(dark.background).toBeLessThan(150);
      expect(dark.text).toBeGreaterThan(600);
    } finally {
      await context.close();
    }
  });
});

describe('the checker itself', () => {
  it('reports violations in legacy mode (so an empty list above means something)', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.setContent('<html><body><img src="data:,"><button></button><input type="text"></body></html>');
      const found = (await axeInPage(page)).map((v) => v.split(':')[0]);
      expect(found).toEqual(expect.arrayContaining(['html-has-lang', 'image-alt', 'button-name', 'label']));
    } finally {
      await context.close();
    }
  });
});

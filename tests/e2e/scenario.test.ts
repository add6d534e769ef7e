// Playing a role-play in a real browser: with and without JavaScript, with the keyboard alone, and
// the back button never double-counting a step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { axeViolations, launchBrowser, signedInContext } from '../helpers/browser.ts';
import { scenarioSchema } from '../../src/schemas/scenario.ts';
import { bestPossible, choiceOrder } from '../../src/lib/scenario/index.ts';

const ID = 'the-day-after-the-repair';
const scenario = scenarioSchema.parse(
  parse(readFileSync(new URL(`../../content/scenarios/${ID}.yaml`, import.meta.url), 'utf8')),
);
const best = bestPossible(scenario);
const choiceText = (nodeId: string, choiceId: string) =>
  scenario.nodes.find((n) => n.id === nodeId)!.choices.find((c) => c.id === choiceId)!.text;

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function playBestPath(page: Page) {
  for (const step of best.path) {
    const text = choiceText(step.nodeId, step.choiceId);
    await page.getByRole('button', { name: text, exact: true }).click();
    if (step !== best.path.at(-1)) await page.getByText(`You said: ${text}`).waitFor();
  }
  await page.getByRole('heading', { level: 1, name: `Debrief: ${scenario.title}` }).waitFor();
}

describe('playing a role-play', () => {
  it('without JavaScript: one decision at a time, the reaction after each, then a debrief per skill', async () => {
    const context = await signedInContext(browser, server, 'marcus.bell@example.com', { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`/scenarios/${ID}`);
    const kind = scenario.setting.customer === 'internal' ? 'Internal customer' : 'External customer';
    expect(await page.locator('dd', { has: page.locator('.badge') }).innerText()).toBe(`${scenario.setting.them} ${kind}`);
    await page.getByRole('button', { name: 'Start the role-play' }).click();
    // The choices come in this run's shuffled order, the same after a reload.
    const shown = () => page.locator('button.choice').allTextContents();
    const runId = await page.locator('input[name="runId"]').first().inputValue();
    const opening = scenario.nodes.find((n) => n.id === scenario.start)!;
    const expected = choiceOrder(opening, runId).map((c) => c.text.trim());
    expect((await shown()).map((t) => t.trim())).toEqual(expected);
    await page.reload();
    expect((await shown()).map((t) => t.trim())).toEqual(expected);
    await playBestPath(page);
    expect(await page.getByText('Strong outcome').isVisible()).toBe(true);
    const rows = await page.getByRole('table').getByRole('row').allTextContents();
    expect(rows.length).toBe(scenario.skills.length + 1);
    // The best path earns full marks in every skill, and the debrief says the run never left it.
    const scores = await page
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent?.trim())));
    expect(scores).toHaveLength(scenario.skills.length);
    for (const [score, bestScore] of scores) expect(score).toBe(bestScore);
    expect(await page.getByText('One of the strongest choices here').count()).toBe(best.path.length);
    expect(await page.getByText('You took the best path all the way.').isVisible()).toBe(true);
    await page.goto('/modules/empathy');
    expect(await page.getByText('Finished', { exact: true }).isVisible()).toBe(true);
    await context.close();
  });

  it('a good finish after a harmful opening ends short of the strong ending, and the debrief says why', async () => {
    const context = await signedInContext(browser, server, 'samir.haddad@example.com', { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`/scenarios/${ID}`);
    await page.getByRole('button', { name: 'Start the role-play' }).click();
    const harmful = choiceText('opening', 'read-the-notes'); // empathy -2
    const moves: [string, string][] = [
      ['opening', 'read-the-notes'],
      ['not-heard', 'back-up-and-listen'],
      ['details', 'summarize-and-prioritize'],
      ['plan', 'fit-her-week'],
      ['wrap-up', 'close-the-loop'], // leads toward the strong ending
    ];
    for (const [nodeId, choiceId] of moves) {
      await page.getByRole('button', { name: choiceText(nodeId, choiceId), exact: true }).click();
    }
    await page.getByRole('heading', { level: 1, name: `Debrief: ${scenario.title}` }).waitFor();
    expect(await page.getByText('Mixed outcome').isVisible()).toBe(true);
    const strong = scenario.endings.find((e) => e.outcome === 'strong')!;
    const reason = await page.locator('.fell-short').innerText();
    expect(reason).toContain(`Your last choice could have led to “${strong.title}”`);
    expect(reason).toContain(`“${harmful.trim()}”`);
    expect(await page.getByText('Your path left the best path here').count()).toBe(1);
    await context.close();
  });

  it('with JavaScript: choices update in place without a reload, and the debrief shows stronger alternatives', async () => {
    const context = await signedInContext(browser, server, 'aiko.tanaka@example.com');
    const page = await context.newPage();
    await page.goto(`/scenarios/${ID}`);
    await page.getByRole('button', { name: 'Start the role-play' }).click();
    // Starting is a full page load; mark the window only once the first decision is there.
    await page.locator('[data-scenario-form]').first().waitFor();
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    // Start with a choice that is not the strongest, so the debrief has a better path to show.
    const start = scenario.nodes.find((n) => n.id === scenario.start)!;
    const weak = start.choices.findLast((c) => c.id !== best.path[0]!.choiceId)!;
    await page.getByRole('button', { name: weak.text, exact: true }).click();
    await page.getByText(`You said: ${weak.text}`).waitFor();
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    // Finish by always taking the first choice; each click either updates the conversation or ends it.
    for (let i = 0; i < 10 && !page.url().includes('/runs/'); i++) {
      const said = await page.locator('.said').textContent();
      await page.locator('[data-scenario-form] button').first().click();
      await page.waitForFunction(
        (before) => location.pathname.includes('/runs/') || document.querySelector('.said')?.textContent !== before,
        said,
      );
    }
    await page.getByRole('heading', { level: 1, name: `Debrief: ${scenario.title}` }).waitFor();
    expect(await page.getByText('A stronger choice here:').count()).toBeGreaterThan(0);
    expect(await page.getByText('Your path left the best path here').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('can be played with the keyboard alone', async () => {
    const context = await signedInContext(browser, server, 'grace.mensah@example.com');
    const page = await context.newPage();
    await page.goto(`/scenarios/${ID}`);
    const focusOn = async (text: string) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === text) return;
      }
      throw new Error(`could not reach "${text}" with Tab`);
    };
    await focusOn('Start the role-play');
    await page.keyboard.press('Enter');
    await page.locator('[data-scenario-form]').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    for (const step of best.path) {
      const text = choiceText(step.nodeId, step.choiceId);
      await page.getByRole('button', { name: text, exact: true }).waitFor();
      await focusOn(text);
      await page.keyboard.press('Enter');
      if (step !== best.path.at(-1)) await page.getByText(`You said: ${text}`).waitFor();
    }
    await page.getByRole('heading', { level: 1, name: `Debrief: ${scenario.title}` }).waitFor();
    await context.close();
  });

  it('the back button and a resubmitted old form never add a step', async () => {
    const context = await signedInContext(browser, server, 'jonas.weber@example.com', { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`/scenarios/${ID}`);
    await page.getByRole('button', { name: 'Start the role-play' }).click();
    const [first, second] = best.path;
    await page.getByRole('button', { name: choiceText(first!.nodeId, first!.choiceId), exact: true }).click();
    await page.getByText('Decision 2: what do you say?').waitFor();
    await page.getByRole('button', { name: choiceText(second!.nodeId, second!.choiceId), exact: true }).click();
    // Going back before the redirect after the second decision has landed races the navigation
    // ("Not attached to an active page"), so wait for the page it lands on.
    await page.getByText('Decision 3: what do you say?').waitFor();
    // Back shows the page of the previous decision; answering it differently now is stale.
    await page.goBack();
    const secondNode = scenario.nodes.find((n) => n.id === second!.nodeId)!;
    const other = secondNode.choices.find((c) => c.id !== second!.choiceId)!;
    const shownNode = await page.locator('input[name="nodeId"]').first().inputValue();
    if (shownNode === secondNode.id) {
      await page.getByRole('button', { name: other.text, exact: true }).click();
    } else {
      // This browser re-fetched the page instead: send the old form as another tab would.
      const runId = await page.locator('input[name="runId"]').first().inputValue();
      await page.request.post(`/scenarios/${ID}`, {
        form: { intent: 'choose', runId, nodeId: secondNode.id, choiceId: other.id },
        headers: { origin: server.origin },
      });
      await page.goto(`/scenarios/${ID}?notice=moved-on`);
    }
    await page.getByText('You had already answered that').waitFor();
    expect(await page.getByText('Decision 3: what do you say?').isVisible()).toBe(true);
    const steps = await server.db.$client.execute(
      "select count(*) as n from scenario_steps s join scenario_runs r on r.id = s.run_id join users u on u.id = r.user_id where u.email = 'jonas.weber@example.com'",
    );
    expect(Number(steps.rows[0]!.n)).toBe(2);
    await context.close();
  });
});

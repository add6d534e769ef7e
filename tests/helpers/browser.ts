// A headless Chromium driven by playwright-core (Playwright's own browser downloads are impossible on our machines):
// the system's Chromium when there is one, else the one inside the npm package @sparticuz/chromium (see chromium.ts).
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';
import { findChromium } from './chromium.ts';
import type { TestServer } from './server.ts';

/**
 * The same flags for every browser, so the tests see one behaviour whichever binary runs them. Deliberately not
 * @sparticuz/chromium's `args`, which are made for AWS Lambda: with `--single-process` (and its companion
 * `--no-zygote`) the whole browser exits when one context closes, and the tests open and close many; `--disable-web-security`,
 * `--allow-running-insecure-content` and site isolation switched off would test a browser no learner uses; and
 * `--headless='shell'` is redundant, as Playwright passes `--headless` and the package's binary is the headless shell.
 */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchBrowser(): Promise<Browser> {
  const { path } = await findChromium();
  return chromium.launch({ executablePath: path, args: FLAGS });
}

/** A browser context already signed in as `email` (session created straight in the database). */
export async function signedInContext(
  browser: Browser,
  server: Pick<TestServer, 'origin' | 'db'>,
  email: string,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<BrowserContext> {
  const user = await findUserByEmail(server.db, email);
  if (!user) throw new Error(`no user ${email}`);
  const { token } = await createSession(server.db, user.id);
  const context = await browser.newContext({ baseURL: server.origin, ...options });
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.origin, httpOnly: true, sameSite: 'Lax' }]);
  return context;
}

/** Runs axe (WCAG 2.x A and AA rules) and returns a readable list of violations. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

// Debian's Chromium driven by playwright-core (browser downloads are impossible on our machines).
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';
import type { TestServer } from './server.ts';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath(): string {
  const found = CANDIDATES.find((p): p is string => !!p && existsSync(p));
  if (!found)
    throw new Error(
      'No Chromium found for the browser tests. Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu), ' +
        'or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  return found;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A browser context already signed in as `email` (session created straight in the database). */
export async function signedInContext(
  browser: Browser,
  server: TestServer,
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

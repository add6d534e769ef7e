// axe-core with the same WCAG 2.x A and AA rules as axeViolations in ./browser.ts, run in "legacy
// mode": axe runs inside the page instead of opening a blank page to merge per-frame results. Our pages
// have no frames, so the findings are the same, and on a busy 2-core machine it is two to three times faster.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** A readable list of axe violations on the page as it is now. */
export async function axeInPage(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(true).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

// Answers the quiz a package's player shows, right, from the package's own data (the answers travel with it).
import { expect } from 'vitest';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type { PackageQuiz } from '../../src/lib/export/course-data.ts';

export async function answerRight(where: Page | FrameLocator | Locator, quiz: PackageQuiz): Promise<void> {
  const ids = await where
    .locator('fieldset[data-question]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-question')!));
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) {
    const q = quiz.questions.find((x) => x.id === id)!;
    const set = where.locator(`fieldset[data-question="${id}"]`);
    if (q.type === 'likert') await set.getByLabel('Often').check();
    else if (q.type === 'ordering') {
      for (const [i, item] of q.items.entries()) await set.locator(`select[data-item="${item.id}"]`).selectOption(String(i + 1));
    } else for (const o of q.options.filter((o) => o.correct)) await set.locator(`input[value="${o.id}"]`).check();
  }
}

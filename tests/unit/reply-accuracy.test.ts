// The evidence that the reply feedback is right: precision and recall of each detector against the labelled
// replies in tests/fixtures/replies (labelled by docs/reply-feedback.md), with the floors of FLOORS. The held-out
// part is scored and printed on its own too, so a change that only helps the tuned part shows up.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLabelledReplies } from '../../src/lib/practice/accuracy-fs.ts';
import { FINDING, FLOORS, scoreReplies, type Score } from '../../src/lib/practice/accuracy.ts';

const DIR = join(import.meta.dirname, '../fixtures/replies');
const tune = loadLabelledReplies(join(DIR, 'tune'));
const heldOut = loadLabelledReplies(join(DIR, 'held-out'));
const all = [...tune, ...heldOut];

function table(title: string, scores: Score[]): string {
  const rows = scores.map(
    (s) =>
      `  ${s.criterion.padEnd(15)} ${FINDING[s.criterion].padEnd(22)} precision ${s.precision.toFixed(2)}  recall ${s.recall.toFixed(2)}` +
      `  (${s.truePositive} found, ${s.falsePositive} wrongly, ${s.falseNegative} missed)`,
  );
  return [title, ...rows].join('\n');
}

describe('the labelled replies', () => {
  it('are at least 150, each id once, with a held-out part of at least 30 % from situations not tuned on', () => {
    expect(all.length).toBeGreaterThanOrEqual(150);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    expect(heldOut.length / all.length).toBeGreaterThanOrEqual(0.29);
    const tuned = new Set(tune.map((r) => r.file));
    expect(heldOut.filter((r) => tuned.has(r.file))).toEqual([]);
  });

  it('cover every listener and channel, and both met and not met for every criterion', () => {
    expect(new Set(all.map((r) => r.listener)).size).toBe(6);
    expect(new Set(all.map((r) => r.channel)).size).toBe(3);
    for (const s of scoreReplies(all)) {
      expect(s.truePositive + s.falseNegative, `${s.criterion}: labelled findings`).toBeGreaterThanOrEqual(5);
      expect(s.trueNegative + s.falsePositive, `${s.criterion}: labelled non-findings`).toBeGreaterThanOrEqual(5);
    }
  });
});

describe('detector accuracy', () => {
  const scores = scoreReplies(all);
  // The table is the point of this test file: print it so a run shows the figures, not just pass or fail.
  console.log(
    `${table(`All ${all.length} replies`, scores)}\n${table(`Held out (${heldOut.length} replies)`, scoreReplies(heldOut))}`,
  );

  for (const score of scores) {
    it(`${score.criterion}: precision >= ${FLOORS[score.criterion].precision} and recall >= ${FLOORS[score.criterion].recall}`, () => {
      const wrong = score.disagreements.map((d) => `${d.id} (${d.labelled ? 'missed' : 'found wrongly'})`).join(', ');
      expect(score.precision, `precision; disagreements: ${wrong}`).toBeGreaterThanOrEqual(FLOORS[score.criterion].precision);
      expect(score.recall, `recall; disagreements: ${wrong}`).toBeGreaterThanOrEqual(FLOORS[score.criterion].recall);
    });
  }
});

// How reply feedback is cut into highlighted words, and the trainers' figures per prompt (pure functions).
import { describe, expect, it } from 'vitest';
import { excerpts, highlight, mergeSpans } from '../../src/lib/practice/reply-view.ts';
import { disagreementStats, promptStats } from '../../src/lib/practice/prompt-stats.ts';

const TEXT = 'I am sorry we missed your slot. I will call you at 3 pm today to confirm. Does that work?';
const at = (words: string) => ({ start: TEXT.indexOf(words), end: TEXT.indexOf(words) + words.length });

describe('highlighting evidence', () => {
  it('cuts the text into plain and marked segments that join back into the text', () => {
    const segments = highlight(TEXT, [at('I will call you at 3 pm today'), at('Does that work?')]);
    expect(segments.filter((s) => s.marked).map((s) => s.text)).toEqual(['I will call you at 3 pm today', 'Does that work?']);
    expect(segments.map((s) => s.text).join('')).toBe(TEXT);
  });

  it('merges overlapping and touching spans, and drops spans outside the text', () => {
    expect(
      mergeSpans(TEXT, [
        { start: 5, end: 10 },
        { start: 8, end: 14 },
        { start: 14, end: 16 },
        { start: 500, end: 600 },
      ]),
    ).toEqual([[5, 16]]);
    expect(highlight(TEXT, [{ start: -4, end: 4 }])[0]).toEqual({ text: 'I am', marked: true });
  });

  it('shows each piece of evidence with some context, cut at spaces, and says where text was left out', () => {
    const [only] = excerpts(TEXT, [at('3 pm')], 12);
    expect(only!.segments.map((s) => (s.marked ? `[${s.text}]` : s.text)).join('')).toBe('you at [3 pm] today to');
    expect([only!.cutBefore, only!.cutAfter]).toEqual([true, true]);
  });

  it('joins the excerpts of evidence close together into one', () => {
    const joined = excerpts(TEXT, [at('sorry'), at('missed')], 10);
    expect(joined).toHaveLength(1);
    expect(joined[0]!.segments.filter((s) => s.marked).map((s) => s.text)).toEqual(['sorry', 'missed']);
    expect(joined[0]!.cutBefore).toBe(false);
  });
});

describe('prompt figures for trainers', () => {
  const v = (userId: string, version: number, met: Record<string, boolean>) => ({ userId, version, met });

  it('counts criteria met on each learner’s first and latest version, and who revised', () => {
    const stats = promptStats(
      [
        v('ann', 2, { acknowledge: true, 'next-step': true }),
        v('ann', 1, { acknowledge: false, 'next-step': true }),
        v('ann', 3, { acknowledge: true, 'next-step': false }),
        v('bob', 1, { acknowledge: true, 'next-step': false }),
      ],
      ['acknowledge', 'next-step'],
    );
    expect(stats).toEqual({
      learners: 2,
      versions: 4,
      revised: 1,
      criteria: [
        { criterion: 'acknowledge', firstMet: 1, lastMet: 2 },
        { criterion: 'next-step', firstMet: 1, lastMet: 0 },
      ],
    });
    expect(JSON.stringify(stats)).not.toContain('ann');
  });

  it('is empty, not broken, before anyone has written', () => {
    expect(promptStats([], ['tone'])).toEqual({
      learners: 0,
      versions: 0,
      revised: 0,
      criteria: [{ criterion: 'tone', firstMet: 0, lastMet: 0 }],
    });
  });

  it('groups disagreements by criterion in rubric order, keeping only notes with words', () => {
    const stats = disagreementStats(
      [
        { criterion: 'tone', saidMet: true, note: '' },
        { criterion: 'acknowledge', saidMet: false, note: 'I named her lost morning' },
        { criterion: 'acknowledge', saidMet: true, note: '' },
        { criterion: 'retired', saidMet: false, note: 'old' },
      ],
      ['acknowledge', 'next-step', 'tone'],
    );
    expect(stats).toEqual([
      { criterion: 'acknowledge', saidMet: 1, saidNotMet: 1, notes: ['I named her lost morning'] },
      { criterion: 'tone', saidMet: 1, saidNotMet: 0, notes: [] },
      { criterion: 'retired', saidMet: 0, saidNotMet: 1, notes: ['old'] },
    ]);
  });
});

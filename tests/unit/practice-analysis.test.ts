// The reply analyser (src/lib/practice): the shape of its answer, evidence offsets that point at the learner's
// own words, and one clear case per detector each way. Accuracy over the labelled set is in reply-accuracy.test.ts.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  analyseReply,
  checkModelReply,
  CRITERIA,
  CRITERION_LABELS,
  type CriterionId,
  type ReplyContext,
} from '../../src/lib/practice/index.ts';

const all: ReplyContext = { listener: 'external-customer', channel: 'email', criteria: CRITERIA };
const GOOD =
  "I'm sorry the invoice was wrong, and that you had to chase us twice to get it fixed. I've corrected it and I'll " +
  'email the new copy by 3 pm today. Does that work for you, or would a call help more?';
const POOR =
  'Mistakes were made. Sorry if you feel let down, but you should have read the manual. OBVIOUSLY we will look into it soon.';

function result(text: string, id: CriterionId, context: Partial<ReplyContext> = {}) {
  return analyseReply(text, { ...all, ...context, criteria: [id] }).criteria[0]!;
}

describe('analyseReply', () => {
  it('answers one result per requested criterion, in the order asked', () => {
    const analysis = analyseReply(GOOD, { ...all, criteria: ['tone', 'acknowledge'] });
    expect(analysis.criteria.map((c) => c.id)).toEqual(['tone', 'acknowledge']);
    expect(analysis.words).toBe(42);
    expect(analysis.sentences).toBe(3);
    expect(analysis.sentiment).toBeGreaterThanOrEqual(-1);
    expect(analysis.sentiment).toBeLessThanOrEqual(1);
  });

  it('meets every criterion for a good reply and says what it saw', () => {
    for (const c of analyseReply(GOOD, all).criteria) {
      expect(c, c.id).toMatchObject({ met: true });
      expect(c.suggestion).toBeUndefined();
      expect(c.saw.length).toBeGreaterThan(10);
    }
  });

  it('points its evidence at the exact words of the reply', () => {
    for (const text of [GOOD, POOR, '  Sorry  if you’re upset —   you didn’t read it?  ']) {
      for (const c of analyseReply(text, all).criteria)
        for (const e of c.evidence) expect(text.slice(e.start, e.end), `${c.id} in ${text}`).toBe(e.text);
    }
  });

  it('finds each problem of a poor reply, quoting it and suggesting what to do', () => {
    const byId = Object.fromEntries(analyseReply(POOR, all).criteria.map((c) => [c.id, c]));
    expect(byId['ownership']).toMatchObject({
      met: false,
      evidence: [{ text: 'Mistakes were made' }, { text: 'you should have' }],
    });
    expect(byId['no-non-apology']!.met).toBe(false);
    expect(byId['no-non-apology']!.evidence.map((e) => e.text).join(' ')).toMatch(/Sorry if you feel.*but/);
    expect(byId['next-step']).toMatchObject({ met: false, evidence: [{ text: 'soon' }] });
    expect(byId['tone']).toMatchObject({ met: false, evidence: [{ text: 'OBVIOUSLY' }] });
    expect(byId['acknowledge']!.met).toBe(false);
    expect(byId['invite-view']!.met).toBe(false);
    for (const c of Object.values(byId)) if (!c.met) expect(c.suggestion, c.id).toBeTruthy();
  });

  it('never claims to know how anyone feels', () => {
    // The learner's own words are quoted back; outside the quotes no message may speak of feelings.
    for (const text of [GOOD, POOR])
      for (const c of analyseReply(text, all).criteria)
        expect(c.saw.replace(/"[^"]*"/g, '""')).not.toMatch(/\b(you|they) (feel|felt|are (angry|upset|frustrated|hurt))/i);
  });

  it('handles an empty reply', () => {
    const analysis = analyseReply('', all);
    expect(analysis).toMatchObject({ words: 0, sentences: 0, sentiment: 0 });
    expect(analysis.criteria.filter((c) => c.met).map((c) => c.id)).toEqual([
      'no-non-apology',
      'plain-language',
      'considerate',
      'tone',
    ]);
  });
});

describe('detectors, one case each way', () => {
  it('acknowledge: an impact on the listener, not a bare "I understand"', () => {
    expect(result('I understand your frustration. We will fix it.', 'acknowledge').met).toBe(false);
    expect(result('The drawings were late and your team lost a day of assembly.', 'acknowledge').met).toBe(true);
  });
  it('next-step: a time, not "soon"', () => {
    expect(result('I will look into it soon.', 'next-step').met).toBe(false);
    expect(result('I will call you back by 4 pm tomorrow.', 'next-step').met).toBe(true);
  });
  it('invite-view: a genuine question, not a rhetorical one', () => {
    expect(result("Didn't you read the email?", 'invite-view').met).toBe(false);
    expect(result('What would help your team most this week?', 'invite-view').met).toBe(true);
  });
  it('plain-language: jargon for a customer, specifics for an engineer', () => {
    expect(result('Your RMA is in the queue pending QA sign-off per the SLA.', 'plain-language').met).toBe(false);
    expect(result('The bracket on drawing 4471 rev C is 2 mm short.', 'plain-language', { listener: 'engineer' }).met).toBe(true);
    expect(result('The bracket is a bit short, sorry.', 'plain-language', { listener: 'engineer' }).met).toBe(false);
  });
  it('considerate: retext-equality wording, not "just"', () => {
    expect(result('Thanks guys, I just checked the order.', 'considerate')).toMatchObject({
      met: false,
      evidence: [{ text: 'guys' }],
    });
    expect(result('Thanks, I just checked the order.', 'considerate').met).toBe(true);
  });
  it('length: against the channel', () => {
    expect(result('Fixed.', 'length', { channel: 'chat' }).met).toBe(false);
    expect(result('I have fixed the address on your order; it ships today.', 'length', { channel: 'chat' }).met).toBe(true);
    expect(result('I have fixed the address on your order; it ships today.', 'length', { channel: 'email' }).met).toBe(false);
  });
});

describe('labels and model replies', () => {
  it('names and describes every criterion', () => {
    for (const id of CRITERIA) expect(CRITERION_LABELS[id].name.length).toBeGreaterThan(3);
  });
  it('checkModelReply names each criterion a model reply misses', () => {
    expect(checkModelReply(GOOD, all)).toEqual([]);
    const problems = checkModelReply('We will look into it.', { ...all, criteria: ['acknowledge', 'tone', 'next-step'] });
    expect(problems.map((p) => p.criterion)).toEqual(['acknowledge', 'next-step']);
    expect(problems[0]!.message).toMatch(/^does not meet "Acknowledges the situation" \(acknowledge\): /);
  });
});

describe('loading', () => {
  it('loads in plain Node ESM, outside vite, with the CommonJS language packages', () => {
    // vitest transforms modules through vite; the server build leaves these packages to Node, so check Node too.
    const script =
      "const { analyseReply } = await import('./src/lib/practice/index.ts');" +
      "const a = analyseReply('I will call you by 3 pm today.', { listener: 'colleague', channel: 'chat', criteria: ['next-step'] });" +
      'console.log(JSON.stringify(a.criteria[0].met));';
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('true');
  });
});

// Reply practice over HTTP against the built server (decision 023): submit, revise, double submits, self-rating,
// "this feedback was wrong", sharing opt-in per version, and privacy: another learner and a manager never read
// a reply; a trainer reads only shared versions, without a name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { startServer, type TestServer } from '../helpers/server.ts';
import { cookieFor, get, postForm } from '../helpers/http.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';

const PROMPT = 'the-double-charge';
const PAGE = `/practice/${PROMPT}`;
const FIRST = 'Sorry if this caused trouble, but the bank does these things. Marker-first-draft.';
const REVISED =
  'Dear Mrs Adeyemi, we charged your card twice and your rent payment bounced because of it. I am sorry; that was our mistake. ' +
  'I have refunded the second payment today and I will call you at 3 pm tomorrow to check it has arrived. Marker-revised.';

let s: TestServer;
let lena: string;
let lenaId: string;
beforeAll(async () => {
  s = await startServer();
  lena = await cookieFor(s.db, 'learner@example.com');
  lenaId = (await findUserByEmail(s.db, 'learner@example.com'))!.id;
});
afterAll(() => s?.stop());

const doc = (html: string) => parseHTML(html).document;
const textOf = (html: string) => doc(html).querySelector('main')?.textContent?.replace(/\s+/g, ' ') ?? '';
const key = (html: string) => doc(html).querySelector<HTMLInputElement>('input[name="submission"]')!.getAttribute('value')!;
const replyId = (html: string) => doc(html).querySelector('input[name="replyId"]')!.getAttribute('value')!;
const rows = async (sql: string, args: (string | number)[] = []) => (await s.db.$client.execute({ sql, args })).rows;
async function page(cookie: string, path = PAGE) {
  const res = await get(s.origin, path, cookie);
  expect(res.status).toBe(200);
  return res.text();
}

describe('writing and revising a reply', () => {
  it('shows the situation and the form, and no model replies before the learner has written', async () => {
    const html = await page(lena);
    expect(textOf(html)).toContain('You have taken the money twice');
    expect(doc(html).querySelector('#reply-body')).not.toBeNull();
    expect(doc(html).querySelector('#models')).toBeNull();
    expect(textOf(html)).toContain('your manager never sees them');
  });

  it('gives feedback per criterion with the triggering words marked, then the model replies', async () => {
    const html = await page(lena);
    const res = await postForm(s.origin, PAGE, { intent: 'submit', submission: key(html), body: FIRST }, { cookie: lena });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${PAGE}?v=1&done=submitted#feedback`);
    const after = await page(lena, `${PAGE}?v=1`);
    const d = doc(after);
    // The non-apology is not met, and the words that showed it are highlighted with hidden words around them.
    const nonApology = d.querySelector('#c-no-non-apology')!;
    expect(nonApology.textContent).toContain('Not yet');
    const marks = [...nonApology.querySelectorAll('mark')].map((m) => m.textContent!.replace(/\s+/g, ' '));
    expect(marks.some((m) => /sorry if/i.test(m))).toBe(true);
    expect(nonApology.querySelector('mark .visually-hidden')).not.toBeNull();
    expect(d.querySelector('#models')!.textContent).toContain('Refund and the fee');
    expect(d.querySelector('#self-rating fieldset legend')).not.toBeNull();
    // Each criterion the page shows as not met became one review card (decision 024), nothing else.
    const notYet = [...d.querySelectorAll('.criterion')].filter((c) => c.textContent!.includes('Not yet'));
    const cards = await rows("select item_id from review_cards where user_id = ? and kind = 'practice' and source_id = ?", [
      lenaId,
      PROMPT,
    ]);
    expect(cards.map((c) => `c-${c.item_id}`).sort()).toEqual(notYet.map((c) => c.id).sort());
  });

  it('records a double submit of the same form once, and a revision as version 2', async () => {
    const html = await page(lena);
    const submission = key(html);
    const twice = await Promise.all(
      [0, 1].map(() => postForm(s.origin, PAGE, { intent: 'submit', submission, body: REVISED }, { cookie: lena })),
    );
    expect(twice.map((r) => r.status)).toEqual([303, 303]);
    expect(twice.map((r) => r.headers.get('location'))).toEqual([
      `${PAGE}?v=2&done=submitted#feedback`,
      `${PAGE}?v=2&done=submitted#feedback`,
    ]);
    // The same text again under a new key is not a new version either.
    await postForm(s.origin, PAGE, { intent: 'submit', submission: key(await page(lena)), body: REVISED }, { cookie: lena });
    const versions = await rows(
      'select version, body from practice_replies where user_id = ? and prompt_id = ? order by version',
      [lenaId, PROMPT],
    );
    expect(versions.map((r) => r.version)).toEqual([1, 2]);
    const v2 = await page(lena, `${PAGE}?v=2`);
    expect(doc(v2).querySelector('#c-no-non-apology')!.textContent).toContain('Seen');
    expect(doc(v2).querySelector('#versions')!.textContent).toContain('Version 1');
  });

  it('refuses an empty reply, an unknown intent and a stale form with a message, and stores nothing', async () => {
    const html = await page(lena);
    const empty = await postForm(s.origin, PAGE, { intent: 'submit', submission: key(html), body: '   ' }, { cookie: lena });
    expect([empty.status, await empty.text()]).toEqual([
      400,
      'Your reply is empty. Write what you would say, then ask for feedback.',
    ]);
    expect((await postForm(s.origin, PAGE, { intent: 'nope' }, { cookie: lena })).status).toBe(400);
    expect((await postForm(s.origin, PAGE, { intent: 'submit', body: 'Hello' }, { cookie: lena })).status).toBe(400);
    expect(await rows('select id from practice_replies where user_id = ?', [lenaId])).toHaveLength(2);
  });

  it('saves a self-rating and a "this feedback was wrong" report once, on the learner’s own version', async () => {
    const html = await page(lena, `${PAGE}?v=1`);
    const id = replyId(html);
    const rated = await postForm(
      s.origin,
      PAGE,
      { intent: 'rate', replyId: id, 'rating-acknowledge': '1', 'rating-tone': '2' },
      { cookie: lena },
    );
    expect(rated.status).toBe(303);
    expect(await rows('select criterion, rating from practice_self_ratings where reply_id = ? order by criterion', [id])).toEqual(
      [expect.objectContaining({ criterion: 'acknowledge', rating: 1 })],
    ); // tone is not in this prompt's rubric, so it is not stored
    for (const note of ['It did apologise', 'It did apologise, really'])
      await postForm(s.origin, PAGE, { intent: 'disagree', replyId: id, criterion: 'no-non-apology', note }, { cookie: lena });
    const reports = await rows('select criterion, said_met, note from practice_disagreements where reply_id = ?', [id]);
    expect(reports).toEqual([
      expect.objectContaining({ criterion: 'no-non-apology', said_met: 0, note: 'It did apologise, really' }),
    ]);
    expect(textOf(await page(lena, `${PAGE}?v=1`))).toContain('You said this feedback was wrong');
  });
});

describe('who reads a reply', () => {
  it('never shows one learner’s reply to another, nor lets them act on it', async () => {
    const marcus = await cookieFor(s.db, 'marcus.bell@example.com');
    const html = await page(marcus);
    expect(html).not.toContain('Marker-');
    const id = replyId(await page(lena, `${PAGE}?v=1`));
    const share = await postForm(s.origin, PAGE, { intent: 'share', replyId: id, shared: 'yes' }, { cookie: marcus });
    expect(share.status).toBe(404);
    expect(await rows('select id from practice_replies where shared_at is not null')).toHaveLength(0);
  });

  it('shows a trainer nothing of an unshared reply, then only the shared version, without a name', async () => {
    const trainer = await cookieFor(s.db, 'trainer@example.com');
    const insight = `/insight/practice/${PROMPT}`;
    const before = await page(trainer, insight);
    expect(before).not.toContain('Marker-');
    expect(textOf(before)).toContain('1 learner wrote 2 versions');
    const id = replyId(await page(lena, `${PAGE}?v=2`));
    expect((await postForm(s.origin, PAGE, { intent: 'share', replyId: id, shared: 'yes' }, { cookie: lena })).status).toBe(303);
    const after = await page(trainer, insight);
    expect(after).toContain('Marker-revised');
    expect(after).not.toContain('Marker-first-draft');
    for (const personal of ['Lena', 'Fischer', 'learner@example.com', lenaId]) expect(after).not.toContain(personal);
    expect(textOf(after)).toContain('It did apologise, really');
    // Withdrawn: gone again.
    await postForm(s.origin, PAGE, { intent: 'share', replyId: id, shared: 'no' }, { cookie: lena });
    expect(await page(trainer, insight)).not.toContain('Marker-revised');
  });

  it('gives her manager no page that shows a reply', async () => {
    const id = replyId(await page(lena, `${PAGE}?v=2`));
    await postForm(s.origin, PAGE, { intent: 'share', replyId: id, shared: 'yes' }, { cookie: lena });
    const priya = await cookieFor(s.db, 'manager@example.com');
    const team = (await findUserByEmail(s.db, 'learner@example.com'))!.teamId!;
    for (const path of [`/team/people/${lenaId}`, `/team/${team}`, `/team/${team}/export/attempts.csv`, PAGE]) {
      const res = await get(s.origin, path, priya);
      expect(await res.text(), path).not.toContain('Marker-');
    }
    // A manager is not a trainer: the anonymous insight page is not theirs either.
    expect((await get(s.origin, `/insight/practice/${PROMPT}`, priya)).status).toBe(403);
  });
});

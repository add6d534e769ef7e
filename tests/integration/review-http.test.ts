// Spaced review and the skill profile against the built server: a quiz missed two days ago makes home say
// "reviews due" first, /review asks one card at a time in a plain form, an answer posted twice counts once, the
// feedback follows; the account page pauses reviews; the skill profile saves self-ratings that nobody else sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { startServer, type TestServer } from '../helpers/server.ts';
import { cookieFor, get, postForm } from '../helpers/http.ts';
import { count, postEntries, readQuizForm } from '../helpers/learners.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';
import { openAttempt, submitAttempt } from '../../src/lib/server/learning/quiz-attempts.ts';
import { loadCourseFromDisk } from '../../src/lib/content/course-fs.ts';
import { choose, startRun } from '../../src/lib/server/learning/scenario-runs.ts';
import { bestFrom } from '../../src/lib/scenario/best.ts';
import { isBestChoice } from '../../src/lib/review/items.ts';
import { createUser } from '../../src/lib/server/people/users.ts';
import { submitReply } from '../../src/lib/server/practice/replies.ts';
import { analysePracticeReply, criterionLabels } from '../../src/lib/practice/prompt-analysis.ts';

const EMAIL = 'samir.haddad@example.com';
let s: TestServer;
let cookie: string;
const words = (html: string, selector = 'main') =>
  parseHTML(html).document.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

beforeAll(async () => {
  s = await startServer();
  cookie = await cookieFor(s.db, EMAIL);
  // Two days ago this learner missed every question of a quiz (written through the app's own write path).
  const user = (await findUserByEmail(s.db, EMAIL))!;
  const quiz = loadCourseFromDisk(resolve(import.meta.dirname, '../..')).quizzes.get('empathy-check-2')!;
  const then = new Date(Date.now() - 2 * 86_400_000);
  const opened = await openAttempt(s.db, user.id, quiz, then);
  if (!opened.ok) throw new Error('not opened');
  const wrong = opened.plan.questions.flatMap(({ id }): [string, string][] => {
    const q = quiz.questions.find((x) => x.id === id)!;
    if (q.type === 'likert') return [[`q:${id}`, '3']];
    if (q.type === 'ordering')
      return [...q.items].reverse().map((item, i): [string, string] => [`q:${id}:${item.id}`, String(i + 1)]);
    return [[`q:${id}`, q.options.find((o) => !o.correct)!.id]];
  });
  await submitAttempt(s.store, user.id, quiz, opened.attempt.id, wrong, null, then);
});
afterAll(() => s?.stop());

describe('reviews', () => {
  it('are announced first on the home page', async () => {
    const html = await (await get(s.origin, '/', cookie)).text();
    const h2 = parseHTML(html).document.querySelector('main h2');
    expect(h2?.textContent).toMatch(/^\d reviews? due$/);
    expect(html).toContain('href="/review"');
  });

  it('ask one card in a plain form, count a double submit once, and show the feedback', async () => {
    const before = await count(s.db, 'select count(*) as n from review_logs');
    const page = await (await get(s.origin, '/review', cookie)).text();
    expect(words(page)).toMatch(/reviews? left today|Last review for today/);
    const form = readQuizForm(page)!;
    expect(form.questionCount).toBe(1);
    const [a, b] = await Promise.all([0, 1].map(() => postEntries(s.origin, '/review', form.entries, cookie)));
    expect([a!.status, b!.status]).toEqual([303, 303]);
    expect(await count(s.db, 'select count(*) as n from review_logs')).toBe(before + 1);
    const feedback = await (await get(s.origin, a!.headers.get('location')!, cookie)).text();
    expect(words(feedback, '.feedback')).toMatch(/^(Right|Not quite)/);
    expect(words(feedback, '.feedback')).toContain('Next review');
  });

  it('refuse a card that is not the learner’s with a 400', async () => {
    const other = await cookieFor(s.db, 'learner@example.com');
    const page = await (await get(s.origin, '/review', cookie)).text();
    // The quiz had more misses than one review, so another card waits.
    const form = readQuizForm(page)!;
    expect(form.questionCount).toBe(1);
    const res = await postEntries(s.origin, '/review', form.entries, other);
    expect(res.status).toBe(400);
  });

  it('pause from the account page: nothing due on the home page, the review page says so', async () => {
    const res = await postForm(s.origin, '/account', { intent: 'reviews', dailyCap: '5', paused: 'on' }, { cookie });
    expect(res.status).toBe(200);
    expect(await (await get(s.origin, '/', cookie)).text()).not.toContain('reviews due');
    expect(words(await (await get(s.origin, '/review', cookie)).text())).toContain('Your reviews are paused');
    const bad = await postForm(s.origin, '/account', { intent: 'reviews', dailyCap: '20' }, { cookie });
    expect(bad.status).toBe(400);
    await postForm(s.origin, '/account', { intent: 'reviews', dailyCap: '6' }, { cookie });
  });
});

describe('a role-play review', () => {
  it('replays the node chosen weakly, and the feedback gives the reaction, coaching and the stronger reply', async () => {
    const course = loadCourseFromDisk(resolve(import.meta.dirname, '../..'));
    const scenario = course.scenarios.get('the-supplier-delay')!;
    const user = (await findUserByEmail(s.db, 'grace.mensah@example.com'))!;
    const grace = await cookieFor(s.db, 'grace.mensah@example.com');
    const then = new Date(Date.now() - 2 * 86_400_000);
    const run = await startRun(s.db, user.id, scenario, {}, then);
    const node = scenario.nodes.find((n) => n.id === scenario.start)!;
    const best = bestFrom(scenario).get(node.id)!.choice!;
    const weak = node.choices.find((c) => !isBestChoice(scenario, { nodeId: node.id, choiceId: c.id }))!;
    await choose(s.store, user.id, scenario, run.id, { nodeId: node.id, choiceId: weak.id }, then);
    const page = parseHTML(await (await get(s.origin, '/review', grace)).text()).document;
    expect(page.querySelector('main h3')?.textContent).toBe(node.speaker);
    const forms = [...page.querySelectorAll('main form')].filter((f) => f.querySelector('input[name="choiceId"]'));
    expect(forms.map((f) => f.querySelector('button')?.textContent?.trim()).sort()).toEqual(
      node.choices.map((c) => c.text).sort(),
    );
    const value = (name: string) => forms[0]!.querySelector(`input[name="${name}"]`)!.getAttribute('value')!;
    const res = await postForm(
      s.origin,
      '/review',
      { card: value('card'), step: value('step'), choiceId: weak.id },
      { cookie: grace },
    );
    expect(res.status).toBe(303);
    const feedback = words(await (await get(s.origin, res.headers.get('location')!, grace)).text(), '.feedback');
    expect(feedback).toContain(`You said: ${weak.text}`);
    expect(feedback).toContain(`Coach: ${weak.feedback}`);
    expect(feedback).toContain(`A stronger reply: ${best.text}`);
    expect(feedback).toMatch(/^Not quite/);
  });
});

describe('a practice review', () => {
  it('asks for a new reply on the missed criterion, judges it, and shows the criterion feedback and model replies', async () => {
    const course = loadCourseFromDisk(resolve(import.meta.dirname, '../..'));
    const prompt = course.practice.get('the-double-charge')!;
    const pat = await createUser(s.db, { email: 'pat.practice@example.com', displayName: 'Pat Practice', role: 'learner' });
    const cookie = await cookieFor(s.db, pat.email);
    // Two days ago Pat sent a reply that owns the error but offers no plan (through the app's own write path).
    const draft = 'Dear Mrs Adeyemi, I am sorry. That was our error.';
    const then = new Date(Date.now() - 2 * 86_400_000);
    await submitReply(s.db, pat.id, prompt, draft, analysePracticeReply(prompt, draft), 'pat-draft-key', then);
    const html = await (await get(s.origin, '/review', cookie)).text();
    const page = parseHTML(html).document;
    const form = [...page.querySelectorAll('main form')].find((f) => f.querySelector('textarea[name="body"]'))!;
    const value = (name: string) => form.querySelector(`input[name="${name}"]`)!.getAttribute('value')!;
    const [card] = (await s.db.$client.execute({ sql: 'select item_id from review_cards where id = ?', args: [value('card')] }))
      .rows;
    const label = criterionLabels()[String(card!.item_id)]!;
    expect(words(html)).toContain(label);
    expect(page.querySelector('label[for="review-reply"]')?.textContent).toBe('Your reply');
    const asked = [...course.practice.values()].find((p) => words(html).includes(p.message))!;
    expect(asked.rubric.map((r) => r.criterion)).toContain(card!.item_id);

    const empty = await postForm(s.origin, '/review', { card: value('card'), step: value('step'), body: ' ' }, { cookie });
    expect(empty.status).toBe(400);
    const other = await cookieFor(s.db, 'learner@example.com');
    const model = { card: value('card'), step: value('step'), body: asked.models[0]!.reply };
    expect((await postForm(s.origin, '/review', model, { cookie: other })).status).toBe(400);
    const before = await count(s.db, 'select count(*) as n from review_logs where user_id = ?', [pat.id]);
    const [a, b] = await Promise.all([0, 1].map(() => postForm(s.origin, '/review', model, { cookie })));
    expect([a!.status, b!.status]).toEqual([303, 303]);
    expect(await count(s.db, 'select count(*) as n from review_logs where user_id = ?', [pat.id])).toBe(before + 1);
    const feedback = parseHTML(await (await get(s.origin, a!.headers.get('location')!, cookie)).text()).document;
    const text = feedback.querySelector('.feedback')!.textContent!.replace(/\s+/g, ' ');
    expect(text).toMatch(/^ ?Right/);
    expect(text).toContain(`${label}: seen in your reply.`);
    expect(feedback.querySelector('#models')!.textContent).toContain(asked.models[1]!.label);
    // The one place the reply is kept is the review log, as the learner wrote it.
    const [log] = (await s.db.$client.execute({ sql: 'select answer from review_logs where user_id = ?', args: [pat.id] })).rows;
    expect(JSON.parse(String(log!.answer)).body).toBe(asked.models[0]!.reply.trim());
  });
});

describe('the skill profile', () => {
  it('shows a summary, a chart with its table, and saves self-ratings', async () => {
    const res = await postForm(s.origin, '/skills', { intent: 'rate', 'rate:tailoring': '2', 'rate:empathy': '5' }, { cookie });
    expect(res.status).toBe(303);
    const html = await (await get(s.origin, '/skills?saved=1', cookie)).text();
    expect(words(html, '#summary-heading')).toBe('In short');
    expect(html).toContain('Your self-ratings are saved');
    const row = [...parseHTML(html).document.querySelectorAll('tbody tr')].find((tr) => tr.textContent?.includes('Tailored'));
    expect(row?.textContent).toContain('25%');
    expect((await postForm(s.origin, '/skills', { intent: 'rate', 'rate:empathy': '9' }, { cookie })).status).toBe(400);
  });

  it("never shows a learner's self-rating to their manager: team figures are averages", async () => {
    const user = (await findUserByEmail(s.db, EMAIL))!;
    const manager = await cookieFor(s.db, 'manager@example.com');
    const html = await (await get(s.origin, `/team/${user.teamId}/skills`, manager)).text();
    expect(html).toContain('Average level');
    expect(html).not.toContain('Samir');
    expect(html).not.toContain('self-rating is');
  });
});

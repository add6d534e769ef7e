// Signed out in the middle of a quiz, against the built server: the post is refused without recording
// anything, the learner is sent to sign in and back to the quiz, the sign-in page says why they were signed
// out and that what they sent was not saved, and the same attempt is waiting for them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { startServer, type TestServer } from '../helpers/server.ts';
import { cookieFor, get } from '../helpers/http.ts';
import { count, readQuizForm } from '../helpers/learners.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s?.stop());

const QUIZ = '/quizzes/empathy-quiz?from=%2Fmodules%2Fempathy';
const text = (html: string) => parseHTML(html).document.querySelector('main')?.textContent?.replace(/\s+/g, ' ') ?? '';

describe('a session that ends during a quiz', () => {
  it('refuses the post, sends the learner to sign in and back, and explains', async () => {
    const cookie = await cookieFor(s.db, 'ravi.iyer@example.com');
    const form = readQuizForm(await (await get(s.origin, QUIZ, cookie)).text())!;
    // The session ends (timed out, or a password reset elsewhere) while the learner answers.
    await s.db.$client.execute(
      "delete from sessions where user_id = (select id from users where email = 'ravi.iyer@example.com')",
    );
    const res = await fetch(`${s.origin}/quizzes/empathy-quiz`, {
      method: 'POST',
      body: new URLSearchParams(form.entries),
      headers: { origin: s.origin, cookie, referer: `${s.origin}${QUIZ}` },
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toBe(`/sign-in?next=${encodeURIComponent(`${QUIZ}&kept=1`)}&ended=1`);
    expect(
      await count(s.db, "select count(*) as n from quiz_attempts where id = ? and status = 'submitted'", [form.attemptId]),
    ).toBe(0);

    const page = await (await get(s.origin, location)).text();
    expect(text(page)).toContain('You were signed out.');
    expect(text(page)).toContain('hours without activity');
    const doc = parseHTML(page).document;
    expect(doc.querySelector('[data-draft-lost]')?.textContent).toContain('was not saved: enter it again');
    expect(doc.querySelector('[data-draft-kept]')?.hasAttribute('hidden')).toBe(true);
    expect(doc.querySelector('input[name="next"]')?.getAttribute('value')).toBe(`${QUIZ}&kept=1`);

    // Back after signing in: the same attempt is open, nothing lost on the server's side.
    const again = await cookieFor(s.db, 'ravi.iyer@example.com');
    expect(readQuizForm(await (await get(s.origin, `${QUIZ}&kept=1`, again)).text())?.attemptId).toBe(form.attemptId);
  });

  it('says nothing about ending to someone who was never signed in', async () => {
    const res = await get(s.origin, '/quizzes/empathy-quiz');
    expect(res.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent('/quizzes/empathy-quiz')}`);
    expect(text(await (await get(s.origin, res.headers.get('location')!)).text())).not.toContain('You were signed out');
  });
});

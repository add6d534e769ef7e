// The quiz page over HTTP against the built server: grading, double submits, tampering, drafts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { startServer, type TestServer } from '../helpers/server.ts';
import { cookieFor, get, postForm } from '../helpers/http.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s?.stop());

const QUIZ = 'empathy-check-1';

/** Opens the quiz page and reads the attempt id and the first option of every question from the form. */
async function openForm(cookie: string) {
  const html = await (await get(s.origin, `/quizzes/${QUIZ}`, cookie)).text();
  const attemptId = html.match(/name="attemptId" value="([a-z2-9]+)"/)![1]!;
  const fields: Record<string, string> = { attemptId };
  for (const m of html.matchAll(/name="(q:[^":]+)" value="([^"]+)"/g)) fields[m[1]!] ??= m[2]!;
  for (const m of html.matchAll(/name="(q:[^":]+:[^"]+)"/g)) fields[m[1]!] ??= '';
  return { html, attemptId, fields };
}

describe('quiz over HTTP', () => {
  it('records a double submission once: 303 to the result, then 409 with the same result', async () => {
    const cookie = await cookieFor(s.db, 'owen.gallagher@example.com');
    const { fields, attemptId } = await openForm(cookie);
    const first = await postForm(s.origin, `/quizzes/${QUIZ}`, fields, { cookie });
    const second = await postForm(s.origin, `/quizzes/${QUIZ}`, fields, { cookie });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`/quizzes/${QUIZ}/attempts/${attemptId}`);
    expect(second.status).toBe(409);
    const again = await second.text();
    expect(again).toContain('This attempt was already submitted, so nothing changed.');
    const rows = await s.db.$client.execute(
      "select count(*) as n from quiz_attempts a join users u on u.id = a.user_id where u.email = 'owen.gallagher@example.com' and a.status = 'submitted'",
    );
    expect(Number(rows.rows[0]!.n)).toBe(1);

    // The result page and the 409 show the same graded result.
    const result = await get(s.origin, first.headers.get('location')!, cookie);
    expect(result.status).toBe(200);
    const page = await result.text();
    const score = (html: string) => html.match(/<h2 id="results-heading"[^>]*>([^<]+)</)?.[1];
    expect(score(page)).toMatch(/^You scored \d+%$/);
    expect(score(page)).toBe(score(again));
  });

  it('keeps each result private to its learner, carries the way back, and links it from the history', async () => {
    const cookie = await cookieFor(s.db, 'learner@example.com');
    const { fields, attemptId } = await openForm(cookie);
    const from = '/modules/empathy/what-empathy-looks-like';
    const posted = await postForm(s.origin, `/quizzes/${QUIZ}?from=${encodeURIComponent(from)}`, fields, { cookie });
    const location = `/quizzes/${QUIZ}/attempts/${attemptId}?from=${encodeURIComponent(from)}`;
    expect(posted.headers.get('location')).toBe(location);
    const page = await (await get(s.origin, location, cookie)).text();
    expect(page).toMatch(new RegExp(`<a class="button secondary" href="${from}"[^>]*>Back to where you were</a>`));

    const history = await (await get(s.origin, `/quizzes/${QUIZ}`, cookie)).text();
    expect(history).toContain(`href="/quizzes/${QUIZ}/attempts/${attemptId}"`);
    expect(history).toMatch(/Review<span class="visually-hidden"[^>]*> attempt 1<\/span>/);

    const someoneElse = await cookieFor(s.db, 'lucas.pereira@example.com');
    expect((await get(s.origin, `/quizzes/${QUIZ}/attempts/${attemptId}`, someoneElse)).status).toBe(404);
    expect((await get(s.origin, `/quizzes/${QUIZ}/attempts/no-such-attempt`, cookie)).status).toBe(404);
    // The attempt exists, but at another quiz's address it is not found either.
    expect((await get(s.origin, `/quizzes/empathy-quiz/attempts/${attemptId}`, cookie)).status).toBe(404);
    const outsider = await get(s.origin, `/quizzes/${QUIZ}/attempts/${attemptId}`);
    expect(outsider.status).toBe(303);
    expect(outsider.headers.get('location')).toMatch(/^\/sign-in\?next=/);
  });

  it('answers tampered option ids and missing answers with 400 and a message', async () => {
    const cookie = await cookieFor(s.db, 'fatima.zahra@example.com');
    const { fields } = await openForm(cookie);
    const tampered = Object.fromEntries(
      Object.entries(fields).map(([k, v]) => [k, k.startsWith('q:') && k.split(':').length === 2 ? 'forged' : v]),
    );
    const res = await postForm(s.origin, `/quizzes/${QUIZ}`, tampered, { cookie });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Some answers are missing or not valid');
    const missing = await postForm(s.origin, `/quizzes/${QUIZ}`, { attemptId: fields.attemptId! }, { cookie });
    expect(missing.status).toBe(400);
    const noAttempt = await postForm(s.origin, `/quizzes/${QUIZ}`, { 'q:x': 'y' }, { cookie });
    expect(noAttempt.status).toBe(400);
  });

  it('never puts feedback or correct flags in the form, and 404s unknown quizzes', async () => {
    const cookie = await cookieFor(s.db, 'lucas.pereira@example.com');
    const { html } = await openForm(cookie);
    const quizFile = readFileSync(new URL(`../../content/quizzes/${QUIZ}.yaml`, import.meta.url), 'utf8');
    for (const feedback of quizFile.matchAll(/feedback: (.{20,})/g))
      expect(html).not.toContain(feedback[1]!.replace(/^["']|["']$/g, '').slice(0, 40));
    expect(html).not.toMatch(/data-correct|"correct"|correct=/);
    expect((await get(s.origin, '/quizzes/no-such-quiz', cookie)).status).toBe(404);
  });
});

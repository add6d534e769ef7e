// Attempts used up is not a dead end: the quiz page counts the attempts left, says what to do once none
// are, and a manager of the learner's team (or an admin) grants more with a reason the learner reads.
// Against the built server; nobody else may grant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { startServer, type TestServer } from '../helpers/server.ts';
import { cookieFor, get, postForm } from '../helpers/http.ts';
import { readQuizForm } from '../helpers/learners.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';
import { quizAttempts } from '../../src/lib/server/db/schema.ts';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const QUIZ = 'empathy-quiz';
// The quiz's own limits, read from the course as it is (they change when trainers retune the quiz).
const { maxAttempts: MAX, retakeWaitMinutes: WAIT = 0 } = parse(
  readFileSync(new URL(`../../content/quizzes/${QUIZ}.yaml`, import.meta.url), 'utf8'),
) as { maxAttempts: number; retakeWaitMinutes?: number };
/** Far enough back that the retake wait has passed: `k` waits (plus a minute each) ago. */
const waitsAgo = (k: number) => new Date(Date.now() - k * (WAIT + 1) * 60_000);
let s: TestServer;
let lena: string;
let lenaId: string;
let drill: string;

beforeAll(async () => {
  s = await startServer();
  lena = await cookieFor(s.db, 'learner@example.com');
  lenaId = (await findUserByEmail(s.db, 'learner@example.com'))!.id;
  drill = `/team/people/${lenaId}`;
});
afterAll(() => s?.stop());

const text = (html: string) => parseHTML(html).document.querySelector('main')?.textContent?.replace(/\s+/g, ' ') ?? '';
const quizPage = async () => (await get(s.origin, `/quizzes/${QUIZ}`, lena)).text();
const grant = (cookie: string, fields: Record<string, string>) =>
  postForm(s.origin, drill, { intent: 'grant-attempts', quizId: QUIZ, ...fields }, { cookie });

/** Failed attempts stored directly, each past its retake wait (the quiz page itself is what is under test). */
async function failedAttempts(n: number) {
  for (let i = 0; i < n; i++) {
    const at = waitsAgo(2 * (n - i) + 2);
    await s.db.insert(quizAttempts).values({
      id: `failed-${i}`,
      userId: lenaId,
      quizId: QUIZ,
      plan: '{}',
      status: 'submitted',
      startedAt: at,
      submittedAt: at,
      points: 1,
      maxPoints: 10,
      percent: 10,
      passed: false,
    });
  }
}

describe('attempts left', () => {
  it('says which attempt this is and how many are left before each one', async () => {
    expect(text(await quizPage())).toContain(`This is attempt 1 of ${MAX}: ${MAX - 1} more attempts after this one.`);
    await failedAttempts(MAX - 1);
    expect(text(await quizPage())).toContain(`This is attempt ${MAX} of ${MAX}: your last one, so take your time.`);
  });

  it('explains the next step once every attempt is used', async () => {
    const form = readQuizForm(await quizPage())!;
    const failing = form.entries.filter(([name]) => name === 'attemptId');
    // An empty submission is refused and uses nothing; store the last failure directly instead, past its wait.
    expect((await postForm(s.origin, `/quizzes/${QUIZ}`, Object.fromEntries(failing), { cookie: lena })).status).toBe(400);
    await s.db.$client.execute({
      sql: "update quiz_attempts set status = 'submitted', started_at = ?, submitted_at = ?, percent = 0, passed = 0, points = 0, max_points = 10 where id = ?",
      args: [waitsAgo(1).getTime(), waitsAgo(1).getTime(), form.attemptId],
    });
    const page = await quizPage();
    expect(readQuizForm(page)).toBeUndefined();
    const words = text(page);
    expect(words).toContain(`You have used all ${MAX} attempts at this quiz.`);
    expect(words).toContain('ask Priya Shah (your manager) or an admin for more attempts');
  });
});

describe('granting more attempts', () => {
  it('shows the manager that the learner is stuck, with a form', async () => {
    const html = await (await get(s.origin, drill, await cookieFor(s.db, 'manager@example.com'))).text();
    expect(text(html)).toContain('Lena Fischer has used every attempt at');
    expect(parseHTML(html).document.querySelector('form.grant-form textarea[name="reason"]')).not.toBeNull();
  });

  it('lets nobody but a manager of the team or an admin grant', async () => {
    expect((await grant(lena, { extra: '2', reason: 'me' })).status).toBe(403);
    expect((await grant(await cookieFor(s.db, 'trainer@example.com'), { extra: '2', reason: 'x' })).status).toBe(403);
    expect((await grant(await cookieFor(s.db, 'manager2@example.com'), { extra: '2', reason: 'x' })).status).toBe(404);
    const rows = await s.db.$client.execute('select count(*) as n from attempt_grants');
    expect(Number(rows.rows[0]!.n)).toBe(0);
  });

  it('needs a reason and a sensible number', async () => {
    const priya = await cookieFor(s.db, 'manager@example.com');
    const noReason = await grant(priya, { extra: '2', reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(text(await noReason.text())).toContain('Say why, in a few words: the learner will read it.');
    expect((await grant(priya, { extra: '50', reason: 'a lot' })).status).toBe(400);
    expect((await grant(priya, { extra: '2', reason: 'x', quizId: 'empathy-check-1' })).status).toBe(400);
  });

  it('records who granted and why, and the learner can take the quiz again', async () => {
    const priya = await cookieFor(s.db, 'manager@example.com');
    const res = await grant(priya, { extra: '2', reason: 'Back from leave, one more go with the notes' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${drill}?notice=granted#attempt-grants`);
    const row = await s.db.$client.execute(
      'select g.extra, g.reason, u.email from attempt_grants g join users u on u.id = g.granted_by',
    );
    expect(row.rows.map((r) => [r.extra, r.reason, r.email])).toEqual([
      [2, 'Back from leave, one more go with the notes', 'manager@example.com'],
    ]);
    const page = await quizPage();
    expect(readQuizForm(page)).toBeDefined();
    const words = text(page);
    expect(words).toContain(`This is attempt ${MAX + 1} of ${MAX + 2}: 1 more attempt after this one.`);
    expect(words).toMatch(
      /Priya Shah gave you 2 more attempts on \d{4}-\d\d-\d\d: “ ?Back from leave, one more go with the notes”/,
    );
    // No longer stuck: the manager sees the grant, not the form.
    const after = text(await (await get(s.origin, drill, priya)).text());
    expect(after).not.toContain('has used every attempt');
    expect(after).toContain('Priya Shah granted 2 more at');
  });
});

// The insight pages and the lesson feedback form over HTTP against the real built server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { cookieFor, get, postForm } from '../helpers/http.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s?.stop());

const PAGES = [
  '/insight',
  '/insight/lessons/empathy',
  '/insight/quizzes/empathy-quiz',
  '/insight/scenarios/the-day-after-the-repair',
];
const lesson = { intent: 'rate', moduleId: 'empathy', lessonId: 'what-empathy-looks-like' };
const feedbackRows = async (email: string) =>
  (
    await s.db.$client.execute({
      sql: 'select rating, comment from lesson_feedback f join users u on u.id = f.user_id where u.email = ?',
      args: [email],
    })
  ).rows.map((r) => ({ rating: Number(r.rating), comment: r.comment }));

describe('who may see content insight', () => {
  it.each(
    PAGES.flatMap((path) => [
      ['learner@example.com', path, 403],
      ['manager@example.com', path, 403],
      ['trainer@example.com', path, 200],
      ['admin@example.com', path, 200],
    ]),
  )('%s GET %s -> %i', async (email, path, status) => {
    const res = await get(s.origin, path as string, await cookieFor(s.db, email as string));
    expect(res.status).toBe(status);
  });

  it('sends signed-out visitors to sign-in', async () => {
    const res = await get(s.origin, '/insight/quizzes/empathy-quiz');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in?next=%2Finsight%2Fquizzes%2Fempathy-quiz');
  });

  it.each(['/insight/lessons/nope', '/insight/quizzes/nope', '/insight/scenarios/nope'])('answers %s with 404', async (path) => {
    expect((await get(s.origin, path, await cookieFor(s.db, 'trainer@example.com'))).status).toBe(404);
  });
});

describe('lesson feedback', () => {
  it('saves a rating with a comment, then edits the same row', async () => {
    const cookie = await cookieFor(s.db, 'nadia.kowalski@example.com');
    const first = await postForm(s.origin, '/feedback', { ...lesson, rating: '2', comment: '  Too long.  ' }, { cookie });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/modules/empathy/what-empathy-looks-like?feedback=saved#feedback');
    const again = await postForm(s.origin, '/feedback', { ...lesson, rating: '4', comment: '' }, { cookie });
    expect(again.status).toBe(303);
    expect(await feedbackRows('nadia.kowalski@example.com')).toEqual([{ rating: 4, comment: null }]);
    const page = await (await get(s.origin, '/modules/empathy/what-empathy-looks-like?feedback=saved', cookie)).text();
    expect(page).toContain('your feedback is saved');
    expect(page).toMatch(/<input[^>]*value="4"[^>]*checked/);
  });

  it('refuses a missing rating with a 400 form that keeps the comment', async () => {
    const cookie = await cookieFor(s.db, 'marcus.bell@example.com');
    const res = await postForm(s.origin, '/feedback', { ...lesson, comment: 'Keep this text' }, { cookie });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Choose a rating from 1 to 5 before you send.');
    expect(html).toContain('Keep this text');
    expect(await feedbackRows('marcus.bell@example.com')).toEqual([]);
  });

  it('counts a line break as one character and refuses more than 1000', async () => {
    const cookie = await cookieFor(s.db, 'marcus.bell@example.com');
    const exactly = `${'a'.repeat(500)}\r\n${'b'.repeat(499)}`;
    expect((await postForm(s.origin, '/feedback', { ...lesson, rating: '3', comment: exactly }, { cookie })).status).toBe(303);
    const tooLong = await postForm(s.origin, '/feedback', { ...lesson, rating: '3', comment: 'c'.repeat(1001) }, { cookie });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain('shorten it to 1000 or fewer');
    expect(await feedbackRows('marcus.bell@example.com')).toEqual([{ rating: 3, comment: exactly.replace('\r\n', '\n') }]);
  });

  it('refuses a rating out of range, an unknown lesson, a GET and a cross-site post', async () => {
    const cookie = await cookieFor(s.db, 'marcus.bell@example.com');
    expect((await postForm(s.origin, '/feedback', { ...lesson, rating: '6' }, { cookie })).status).toBe(400);
    expect((await postForm(s.origin, '/feedback', { ...lesson, lessonId: 'nope', rating: '3' }, { cookie })).status).toBe(400);
    expect((await get(s.origin, '/feedback', cookie)).status).toBe(405);
    const cross = await postForm(s.origin, '/feedback', { ...lesson, rating: '1' }, { cookie, origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    expect((await feedbackRows('marcus.bell@example.com'))[0]?.rating).toBe(3);
  });

  it('shows trainers the comment and the average without the author', async () => {
    const cookie = await cookieFor(s.db, 'grace.mensah@example.com');
    const comment = 'The hospital example made it click.';
    await postForm(s.origin, '/feedback', { ...lesson, rating: '5', comment }, { cookie });
    const html = await (await get(s.origin, '/insight/lessons/empathy', await cookieFor(s.db, 'trainer@example.com'))).text();
    expect(html).toContain(comment);
    expect(html).not.toMatch(/Grace|Mensah|grace\.mensah/i);
    // Ratings so far on this lesson: 4 (Nadia), 3 (Marcus), 5 (Grace).
    expect(html).toContain('Average 4.0 of 5 from 3 ratings.');
  });
});

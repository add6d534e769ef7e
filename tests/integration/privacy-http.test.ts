// Decision 010 over HTTP against the built server: a learner's practice (opening a quiz, knowledge
// checks, retakes, role-play runs left halfway) never reaches their manager's drill-down, team page or
// CSV; the best graded result does. Every quiz and role-play page says who sees what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { parseHTML } from 'linkedom';
import { startServer, type TestServer } from '../helpers/server.ts';
import { cookieFor, get, postForm } from '../helpers/http.ts';
import { postEntries, readQuizForm } from '../helpers/learners.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';

let s: TestServer;
let lena: string;
let lenaId: string;
let priya: string;
let drill: string;
let team: string;

beforeAll(async () => {
  s = await startServer();
  lena = await cookieFor(s.db, 'learner@example.com');
  priya = await cookieFor(s.db, 'manager@example.com');
  const row = (await findUserByEmail(s.db, 'learner@example.com'))!;
  lenaId = row.id;
  team = row.teamId!;
  drill = `/team/people/${lenaId}`;
});
afterAll(() => s?.stop());

const text = (html: string) => parseHTML(html).document.querySelector('main')?.textContent?.replace(/\s+/g, ' ') ?? '';
const section = (html: string, id: string) =>
  parseHTML(html).document.querySelector(`section[aria-labelledby="${id}"]`)?.textContent?.replace(/\s+/g, ' ') ?? '';
const drillDown = async () => (await get(s.origin, drill, priya)).text();
async function csvRows(): Promise<string[][]> {
  const body = await (await get(s.origin, `/team/${team}/export/attempts.csv`, priya)).text();
  return Papa.parse<string[]>(body.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
}
async function submit(quizId: string): Promise<number> {
  const form = readQuizForm(await (await get(s.origin, `/quizzes/${quizId}`, lena)).text());
  if (!form) throw new Error(`no form on ${quizId}`);
  const res = await postEntries(s.origin, `/quizzes/${quizId}`, form.entries, lena);
  expect(res.status).toBe(303);
  // Moved two days back, so that the quiz's retake wait (content/quizzes) has passed before the next one.
  await s.db.$client.execute({
    sql: 'update quiz_attempts set started_at = started_at - ?, submitted_at = submitted_at - ? where user_id = ? and quiz_id = ?',
    args: [2 * 86_400_000, 2 * 86_400_000, lenaId, quizId],
  });
  const count = await s.db.$client.execute({
    sql: "select percent from quiz_attempts where user_id = ? and quiz_id = ? and status = 'submitted' order by submitted_at",
    args: [lenaId, quizId],
  });
  return Number(count.rows.at(-1)!.percent);
}

describe('practice stays the learner’s own', () => {
  it('shows no attempt for a quiz that was only opened', async () => {
    const page = await (await get(s.origin, '/quizzes/empathy-quiz', lena)).text();
    expect(readQuizForm(page)).toBeDefined();
    expect(section(await drillDown(), 'attempts-heading')).toContain('No end-of-module quiz submitted yet.');
    expect(await drillDown()).not.toContain('Not submitted');
    expect((await csvRows()).filter((r) => r[1] === 'learner@example.com')).toEqual([]);
  });

  it('never shows a knowledge check, however it went', async () => {
    await submit('empathy-check-1');
    const checkPage = parseHTML(await (await get(s.origin, '/quizzes/empathy-check-1', lena)).text()).document;
    const title = checkPage.querySelector('h1')!.textContent!.trim();
    const html = await drillDown();
    expect(section(html, 'attempts-heading')).toContain('No end-of-module quiz submitted yet.');
    expect(title.length).toBeGreaterThan(3);
    expect(text(html)).not.toContain(title);
    expect((await csvRows()).filter((r) => r[4] === 'empathy-check-1')).toEqual([]);
  });

  it('shows the best end-of-module result once, not the retakes', async () => {
    const scores = [await submit('empathy-quiz'), await submit('empathy-quiz')];
    const best = Math.max(...scores);
    const quizzes = section(await drillDown(), 'attempts-heading');
    expect(quizzes).toContain(`${best}%`);
    const lines = (await csvRows()).filter((r) => r[1] === 'learner@example.com');
    expect(lines.map((r) => [r[4], r[8]])).toEqual([['empathy-quiz', String(best)]]);
    // The team page counts people, not attempts.
    const teamPage = await (await get(s.origin, `/team/${team}`, priya)).text();
    expect(teamPage).not.toContain('Pass rate (attempts)');
  });

  it('shows no role-play run that is still going or was left', async () => {
    const res = await postForm(s.origin, '/scenarios/the-day-after-the-repair', { intent: 'start' }, { cookie: lena });
    expect(res.status).toBe(303);
    expect(section(await drillDown(), 'runs-heading')).toContain('No role-play finished yet.');
  });

  it('tells the learner who sees what on quizzes, knowledge checks and role-plays', async () => {
    const quiz = text(await (await get(s.origin, '/quizzes/empathy-quiz', lena)).text());
    expect(quiz).toContain('Who sees what: Your manager sees your best score in this quiz');
    const check = text(await (await get(s.origin, '/quizzes/empathy-check-1', lena)).text());
    expect(check).toContain('This check is yours alone');
    const play = text(await (await get(s.origin, '/scenarios/the-day-after-the-repair', lena)).text());
    expect(play).toContain('Replays and runs you leave halfway are yours alone');
    expect(text(await drillDown())).toContain('Practice is safe to fail');
  });
});

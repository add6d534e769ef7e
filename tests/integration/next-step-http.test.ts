// "Continue" and the step after a completed lesson always point at the next unfinished thing, against
// the built server: with every lesson of a module read, home, the module page and the last lesson all
// say "take the quiz", and the rating form stays right below on the lesson that was just completed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { startServer, type TestServer } from '../helpers/server.ts';
import { cookieFor, get, postForm } from '../helpers/http.ts';

let s: TestServer;
let cookie: string;
let lessons: string[];

beforeAll(async () => {
  s = await startServer();
  cookie = await cookieFor(s.db, 'marcus.bell@example.com');
  const html = await (await get(s.origin, '/modules/empathy', cookie)).text();
  lessons = [...parseHTML(html).document.querySelectorAll('.lesson-list h3 a')].map((a) => a.getAttribute('href')!);
});
afterAll(() => s?.stop());

const page = async (path: string) => parseHTML(await (await get(s.origin, path, cookie)).text()).document;
const nextLinks = (doc: Document) => [...doc.querySelectorAll('a[data-next-step]')].map((a) => a.textContent!.trim());

describe('the next unfinished thing', () => {
  it('after a lesson that is not the last, goes on and offers to rate the one just completed', async () => {
    expect(lessons.length).toBeGreaterThan(2);
    const res = await postForm(s.origin, lessons[0]!, { intent: 'complete' }, { cookie });
    expect(res.status).toBe(303);
    const doc = await page(res.headers.get('location')!);
    const rate = doc.querySelector('[role="status"] a');
    expect(rate?.getAttribute('href')).toBe(`${lessons[0]}#feedback`);
    expect(rate?.textContent).toMatch(/^Rate “/);
  });

  it('after the last lesson, stays on it with "Next: take the quiz" above the rating form', async () => {
    for (const href of lessons.slice(1, -1)) await postForm(s.origin, href, { intent: 'complete' }, { cookie });
    const last = lessons.at(-1)!;
    const res = await postForm(s.origin, last, { intent: 'complete' }, { cookie });
    const id = last.split('/').at(-1);
    expect(res.headers.get('location')).toBe(`${last}?completed=${id}&then=quiz%3Aempathy#finish`);
    const doc = await page(res.headers.get('location')!);
    const next = doc.querySelector('#finish a[data-next-step="quiz"]');
    expect(next?.textContent).toMatch(/^Next: take the quiz “/);
    expect(next?.getAttribute('href')).toBe('/quizzes/empathy-quiz?from=%2Fmodules%2Fempathy');
    // The rating form follows the finish card on the page.
    const order = [...doc.querySelectorAll('#finish, #feedback')].map((e) => e.id);
    expect(order).toEqual(['finish', 'feedback']);
  });

  it('makes home and the module page point at the quiz, not back to the start', async () => {
    const home = await page('/');
    expect(home.querySelector('#continue-heading')?.textContent).toBe('Continue where you left off');
    expect(nextLinks(home)).toEqual([expect.stringMatching(/^Continue: take the quiz “/)]);
    expect(home.body.textContent).not.toContain('Start the first module');
    expect(nextLinks(await page('/modules/empathy'))).toEqual([expect.stringMatching(/^Next: take the quiz “/)]);
  });

  it('passes over lessons read already, out of order, to the quiz', async () => {
    const reader = await cookieFor(s.db, 'aiko.tanaka@example.com');
    const last = lessons.at(-1)!;
    await postForm(s.origin, last, { intent: 'complete' }, { cookie: reader });
    for (const href of lessons.slice(0, -2)) await postForm(s.origin, href, { intent: 'complete' }, { cookie: reader });
    // The last one left unread is the one before last; completing it skips the read last lesson.
    const before = lessons.at(-2)!;
    const res = await postForm(s.origin, before, { intent: 'complete' }, { cookie: reader });
    expect(res.headers.get('location')).toBe(`${before}?completed=${before.split('/').at(-1)}&then=quiz%3Aempathy#finish`);
  });

  it('ignores a step in the URL that is not part of the module', async () => {
    const last = lessons.at(-1)!;
    const id = last.split('/').at(-1);
    const doc = await page(`${last}?completed=${id}&then=${encodeURIComponent('role-play:not-here')}`);
    expect(nextLinks(doc)).toEqual([]);
    expect(doc.querySelector('#finish')?.textContent).toContain('See what is left in');
  });
});

// The quiz page says what it means, against the built server: the header counts the questions the form
// shows, a repeated ordering position names the positions to fix, a multiple-response result says how it
// was scored, and the journal gives back exactly what was written and says when a reflection is cleared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { startServer, type TestServer } from '../helpers/server.ts';
import { cookieFor, get, postForm } from '../helpers/http.ts';
import { postEntries, readQuizForm } from '../helpers/learners.ts';

let s: TestServer;
let cookie: string;
beforeAll(async () => {
  s = await startServer();
  cookie = await cookieFor(s.db, 'grace.mensah@example.com');
});
afterAll(() => s?.stop());

const doc = async (path: string) => parseHTML(await (await get(s.origin, path, cookie)).text()).document;
const words = (d: Document, selector = 'main') => d.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('the quiz page', () => {
  it.each(['empathy-quiz', 'empathy-check-2'])('%s: the header counts the questions the form numbers', async (quiz) => {
    const page = await doc(`/quizzes/${quiz}`);
    const shown = page.querySelectorAll('fieldset.question').length;
    expect(shown).toBeGreaterThan(1);
    expect(words(page, '.lead')).toMatch(new RegExp(`^${shown} questions`));
    expect(words(page, 'fieldset.question legend .number')).toBe(`Question 1 of ${shown}`);
  });

  it('names the doubled and the empty position of an ordering question', async () => {
    const html = await (await get(s.origin, '/quizzes/mutual-respect-check-1', cookie)).text();
    const form = readQuizForm(html)!;
    const ordering = form.entries.filter(([name]) => name.split(':').length === 3);
    expect(ordering.length).toBeGreaterThan(2);
    // Every item at position 1.
    const entries = form.entries.map(([name, value]): [string, string] => [name, name.split(':').length === 3 ? '1' : value]);
    const res = await postEntries(s.origin, '/quizzes/mutual-respect-check-1', entries, cookie);
    expect(res.status).toBe(400);
    const n = ordering.length;
    const empty = Array.from({ length: n - 1 }, (_, i) => i + 2).join(', ');
    expect(words(parseHTML(await res.text()).document)).toContain(
      `Position 1 is given to ${n} items and positions ${empty} to none: give each item its own position from 1 to ${n}.`,
    );
  });

  it('says how a multiple-response question was scored', async () => {
    const html = await (await get(s.origin, '/quizzes/empathy-check-2', cookie)).text();
    const form = readQuizForm(html)!;
    const res = await postEntries(s.origin, '/quizzes/empathy-check-2', form.entries, cookie);
    expect(res.status).toBe(303);
    const page = await doc(res.headers.get('location')!);
    const multiple = [...page.querySelectorAll('.result-list > li')].find((li) => li.querySelector('.scoring'));
    const text = multiple?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(text).toMatch(
      /How this was scored: all or nothing\. It counts as right only with exactly the right options ticked\. You ticked \d of the \d right options/,
    );
    // The first option is ticked, right or wrong as the shuffle fell.
    expect(text).toMatch(/You ticked a (right|wrong) option:/);
    expect(text).not.toContain('Your choice, right');
  });
});

describe('the journal', () => {
  const key = { intent: 'save', moduleId: 'empathy', lessonId: 'what-empathy-looks-like', reflectionId: 'felt-understood' };

  it('gives a reflection back exactly as written', async () => {
    const body = 'First line.\nSecond line, kept as it was.';
    await postForm(s.origin, '/journal', { ...key, body, returnTo: '/journal?saved=felt-understood' }, { cookie });
    const page = await doc('/journal');
    expect(page.querySelector('form.entry textarea')?.textContent).toBe(body);
  });

  it('says a cleared reflection is cleared, not saved', async () => {
    const res = await postForm(
      s.origin,
      '/journal',
      { ...key, body: '  ', returnTo: '/journal?saved=felt-understood' },
      { cookie },
    );
    expect(res.headers.get('location')).toBe('/journal?cleared=felt-understood');
    const page = words(await doc(res.headers.get('location')!));
    expect(page).toContain('Reflection cleared: it is no longer in your journal.');
    expect(page).not.toContain('Reflection saved');
    const lesson = `/modules/empathy/what-empathy-looks-like?saved=felt-understood#r-felt-understood`;
    const fromLesson = await postForm(s.origin, '/journal', { ...key, body: '', returnTo: lesson }, { cookie });
    expect(fromLesson.headers.get('location')).toBe(lesson.replace('?saved=', '?cleared='));
    expect(words(await doc(fromLesson.headers.get('location')!))).toContain('Removed from your journal');
  });
});

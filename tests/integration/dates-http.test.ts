// Dates on the real server with an organisation in Los Angeles (TIME_ZONE): due dates end at midnight there
// and read as the same day to everyone; moments follow the viewer's own time zone (account page) and their
// browser's locale (Accept-Language).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startServer, type TestServer } from '../helpers/server.ts';
import { cookieFor, postForm } from '../helpers/http.ts';
import { assignments, quizAttempts, teams } from '../../src/lib/server/db/schema.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';
import { endOfDayIn } from '../../src/lib/dates.ts';
import { loadCourseFromDisk } from '../../src/lib/content/course-fs.ts';
import { resolve } from 'node:path';

const [first] = loadCourseFromDisk(resolve(import.meta.dirname, '../..')).modules;
let s: TestServer;
let priya: string;
let lena: string;
beforeAll(async () => {
  s = await startServer({ env: { TIME_ZONE: 'America/Los_Angeles' } });
  priya = await cookieFor(s.db, 'manager@example.com');
  lena = await cookieFor(s.db, 'learner@example.com');
});
afterAll(() => s?.stop());

const page = (path: string, cookie: string, language = 'en-GB') =>
  fetch(`${s.origin}${path}`, { headers: { cookie, 'accept-language': language } }).then((r) => r.text());

// A day two weeks ahead, as a manager would pick it.
const ahead = new Date(Date.now() + 14 * 86_400_000);
const [y, m, d] = [ahead.getUTCFullYear(), ahead.getUTCMonth() + 1, ahead.getUTCDate()];
const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

describe('dates in the viewer’s locale and time zone', () => {
  it('ends a due date at midnight in the organisation’s time zone and shows that day to everyone', async () => {
    const support = (await s.db.select().from(teams).where(eq(teams.name, 'Customer Support')))[0]!.id;
    const form = new FormData();
    for (const [k, v] of [
      ['intent', 'assign'],
      ['moduleId', first!.id],
      ['due', iso],
      ['teamId', support],
    ])
      form.append(k!, v!);
    expect((await postForm(s.origin, '/assignments', form, { cookie: priya })).status).toBe(303);
    const lenaId = (await findUserByEmail(s.db, 'learner@example.com'))!.id;
    const [row] = await s.db.select().from(assignments).where(eq(assignments.userId, lenaId));
    expect(row!.dueAt).toEqual(endOfDayIn(y, m, d, 'America/Los_Angeles'));

    const us = new Intl.DateTimeFormat('en-US', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(Date.UTC(y, m - 1, d)),
    );
    const gb = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(Date.UTC(y, m - 1, d)),
    );
    // Lena chooses Tokyo, where that moment is already the next day: her due date is still the same day.
    expect((await postForm(s.origin, '/account/time-zone', { timeZone: 'Asia/Tokyo' }, { cookie: lena })).status).toBe(303);
    expect(await page('/', lena, 'en-US,en;q=0.8')).toContain(`Due ${us}`);
    expect(await page('/', lena)).toContain(`Due ${gb}`);
    const manager = await page('/assignments', priya);
    expect(manager).toContain(`value="${iso}"`);
    expect(manager).toContain('Due by the end of that day (America/Los_Angeles).');
  });

  it('shows when a quiz was submitted in the learner’s time zone, not in UTC', async () => {
    const lenaId = (await findUserByEmail(s.db, 'learner@example.com'))!.id;
    const at = new Date('2026-11-20T23:30:00Z'); // already 21 November in Tokyo
    await s.db.insert(quizAttempts).values({
      id: 'dates-attempt',
      userId: lenaId,
      quizId: first!.quiz!.id,
      plan: '{"questions":[]}',
      status: 'submitted',
      startedAt: at,
      submittedAt: at,
      points: 0,
      maxPoints: 0,
      percent: 0,
      passed: false,
    });
    const html = await page(`/quizzes/${first!.quiz!.id}`, lena);
    expect(html).toContain('21 November 2026 at 08:30 GMT+9');
    expect(html).not.toContain('2026-11-20 23:30 UTC');
  });

  it('shows moments in the viewer’s own time zone, and refuses one that does not exist', async () => {
    expect(await page('/account/time-zone', lena)).toMatch(/now it is \d{1,2} \w+ \d{4} at \d\d:\d\d GMT\+9/);
    const bad = await postForm(s.origin, '/account/time-zone', { timeZone: 'Mars/Olympus_Mons' }, { cookie: lena });
    expect(bad.status).toBe(400);
    expect((await findUserByEmail(s.db, 'learner@example.com'))!.timeZone).toBe('Asia/Tokyo');
    await postForm(s.origin, '/account/time-zone', { timeZone: '' }, { cookie: lena });
    expect((await findUserByEmail(s.db, 'learner@example.com'))!.timeZone).toBeNull();
    expect(await page('/account/time-zone', lena)).toMatch(/now it is \d{1,2} \w+ \d{4} at \d\d:\d\d (GMT-8|GMT-7|PST|PDT)/);
  });
});

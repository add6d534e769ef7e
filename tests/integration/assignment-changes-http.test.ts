// Managing assignments after they are made, on the real built server with a real SMTP sink: undoing a
// removal, a new due date in place, a reminder sent now (in-app and by email, with the date it was last
// sent), finished work moving to the history with its completion date, and completion dates in the CSV.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { startServer, type TestServer } from '../helpers/server.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp.ts';
import { cookieFor, get, postForm } from '../helpers/http.ts';
import { completeModule } from '../helpers/complete.ts';
import { assignments, teams } from '../../src/lib/server/db/schema.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';
import { loadCourseFromDisk } from '../../src/lib/content/course-fs.ts';
import type { CatalogModule } from '../../src/lib/content/catalog.ts';

const course = loadCourseFromDisk(resolve(import.meta.dirname, '../..'));
const [first, second] = course.modules;
const DAY = 86_400_000;

let s: TestServer;
let smtp: SmtpSink;
let priya: string;
let support: string;
const userId = async (email: string) => (await findUserByEmail(s.db, email))!.id;
const rows = () => s.db.select().from(assignments);
// PUBLIC_ORIGIN is set (links in the mail point there), so a browser's posts come from that origin.
const PUBLIC = 'https://learn.example.com';
const post = (fields: Record<string, string>, cookie = priya) =>
  postForm(s.origin, '/assignments', fields, { cookie, origin: PUBLIC });
const page = async (path = '/assignments', cookie = priya) => (await get(s.origin, path, cookie)).text();
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

async function assign(email: string, moduleId: string, dueInDays: number, viaTeam = true) {
  const at = new Date();
  const id = `${email}-${moduleId}`;
  const dueAt = new Date(at.getTime() + dueInDays * DAY);
  await s.db
    .insert(assignments)
    .values({ id, userId: await userId(email), moduleId, dueAt, teamId: viaTeam ? support : null, createdAt: at, updatedAt: at });
  return { id, dueAt };
}

beforeAll(async () => {
  smtp = await startSmtpSink();
  s = await startServer({ env: { SMTP_URL: smtp.url, PUBLIC_ORIGIN: PUBLIC } });
  priya = await cookieFor(s.db, 'manager@example.com');
  support = (await s.db.select().from(teams).where(eq(teams.name, 'Customer Support')))[0]!.id;
});
afterAll(async () => {
  await s?.stop();
  await smtp?.stop();
});
beforeEach(async () => {
  await s.db.delete(assignments);
  smtp.messages.length = 0;
});

describe('removing and undoing', () => {
  it('says what was removed and puts it back, due date and team included, on Undo', async () => {
    const { id, dueAt } = await assign('learner@example.com', first!.id, 5);
    const removed = await post({ intent: 'remove', assignmentId: id });
    expect(removed.status).toBe(303);
    const html = await page(removed.headers.get('location')!);
    expect(html).toContain(`Removed “${first!.title}” from Lena Fischer.`);
    expect(await rows()).toEqual([]);

    const notice = html.slice(html.indexOf('Removed “'), html.indexOf('</form>', html.indexOf('Removed “')));
    const undo = Object.fromEntries(
      [...notice.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
    );
    expect(undo.intent).toBe('undo');
    const back = await post(undo);
    expect(back.headers.get('location')).toBe('/assignments?restored=1');
    const [row] = await rows();
    expect(row).toMatchObject({ userId: await userId('learner@example.com'), moduleId: first!.id, dueAt, teamId: support });
    expect(await post(undo)).toMatchObject({ status: 409 });
  });

  it('refuses to put back an assignment for someone outside the manager’s teams', async () => {
    const nadia = await userId('nadia.kowalski@example.com');
    const res = await post({
      intent: 'undo',
      userId: nadia,
      moduleId: first!.id,
      dueAt: String(Date.now() + DAY),
      viaTeamId: '',
    });
    expect(res.status).toBe(409);
    expect(await rows()).toEqual([]);
  });
});

describe('changing a due date in place', () => {
  it('moves the date of one assignment and refuses other teams’ and past dates', async () => {
    const mine = await assign('learner@example.com', first!.id, 5);
    const theirs = await assign('nadia.kowalski@example.com', first!.id, 5, false);
    const later = isoDay(new Date(Date.now() + 20 * DAY));
    const res = await post({ intent: 'redate', assignmentId: mine.id, due: later });
    expect(res.headers.get('location')).toBe('/assignments?redated=1');
    const byId = new Map((await rows()).map((r) => [r.id, r]));
    expect(isoDay(byId.get(mine.id)!.dueAt)).toBe(later);
    expect(await post({ intent: 'redate', assignmentId: theirs.id, due: later })).toMatchObject({ status: 404 });
    expect(await post({ intent: 'redate', assignmentId: mine.id, due: '2020-01-01' })).toMatchObject({ status: 400 });
    expect((await rows()).find((r) => r.id === theirs.id)!.dueAt).toEqual(theirs.dueAt);
    expect(await page()).toContain(`value="${later}"`);
  });
});

describe('reminding now', () => {
  it('emails the learner, shows it on their home page, records the date, and sends one an hour', async () => {
    const { id } = await assign('learner@example.com', first!.id, -1);
    expect(await page()).toContain('Not reminded yet');
    const res = await post({ intent: 'remind', assignmentId: id });
    expect(res.headers.get('location')).toBe('/assignments?reminded=mail');
    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail!.to).toEqual(['learner@example.com']);
    expect(mail!.subject).toMatch(new RegExp(`^Reminder: ${first!.title} was due `));
    expect(mail!.text).toContain('Priya Shah sent you a reminder');
    expect(mail!.text).toContain(`https://learn.example.com/modules/${first!.id}`);

    const [row] = await rows();
    expect(row!.lastRemindedAt).toBeInstanceOf(Date);
    expect(await page('/assignments?reminded=mail')).toContain('Reminder sent by email and on their home page.');
    expect(await page()).toMatch(/Last reminded \d{1,2} \w+ \d{4}/);
    const home = await page('/', await cookieFor(s.db, 'learner@example.com'));
    expect(home).toMatch(/Your manager sent a reminder on \d{1,2} \w+ \d{4}\./);

    const again = await post({ intent: 'remind', assignmentId: id });
    expect(again.status).toBe(409);
    expect(smtp.messages).toHaveLength(1);
  });

  it('cannot remind someone in another team', async () => {
    const { id } = await assign('nadia.kowalski@example.com', first!.id, 2, false);
    expect(await post({ intent: 'remind', assignmentId: id })).toMatchObject({ status: 404 });
    expect(smtp.messages).toEqual([]);
  });
});

describe('history and completion dates', () => {
  it('moves finished work to the history with the day it was completed, and puts that day in the CSV', async () => {
    const doneOn = new Date(Date.now() - 3 * DAY);
    await assign('learner@example.com', first!.id, 5);
    await assign('learner@example.com', second!.id, 5);
    await completeModule(s.db, await userId('learner@example.com'), first as unknown as CatalogModule, doneOn);

    const current = await page();
    expect(current).toContain('Finished assignments (1)');
    expect(current).toContain(second!.title);
    expect(current.split('id="current-heading"')[1]).not.toContain(`>${first!.title}<`);
    const history = await page('/assignments?view=history');
    const long = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    expect(history).toContain(first!.title);
    expect(history).toMatch(new RegExp(`<td[^>]*>${long.format(doneOn)}</td>`));

    const csv = await (await get(s.origin, `/team/${support}/export/matrix.csv`, priya)).text();
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    const header = lines[0]!.split(',');
    const column = header.indexOf(`${first!.title}: completed on`);
    expect(column).toBeGreaterThan(0);
    const lena = lines.find((l) => l.includes('learner@example.com'))!.split(',');
    expect(lena[column]).toBe(isoDay(doneOn));
  });
});

// The manager dashboard over HTTP against the real built server: who may open which team, person and
// export whatever URL they try, bad filters, CSV downloads, and what the drill-down never shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { startServer, type TestServer } from '../helpers/server.ts';
import { cookieFor, get } from '../helpers/http.ts';
import { findTeamByName } from '../../src/lib/server/people/teams.ts';
import { createUser, findUserByEmail } from '../../src/lib/server/people/users.ts';
import { journalEntries, lessonFeedback, quizAttempts } from '../../src/lib/server/db/schema.ts';

let s: TestServer;
let support: string;
let field: string;
let lena: string;
let nadia: string;
const EVIL = '=HYPERLINK("http://evil.example","Click me")';

beforeAll(async () => {
  s = await startServer();
  support = (await findTeamByName(s.db, 'Customer Support'))!.id;
  field = (await findTeamByName(s.db, 'Field Service'))!.id;
  lena = (await findUserByEmail(s.db, 'learner@example.com'))!.id;
  nadia = (await findUserByEmail(s.db, 'nadia.kowalski@example.com'))!.id;
  const evil = await createUser(s.db, { email: 'evil@example.com', displayName: EVIL, role: 'learner', teamId: support });
  const at = new Date(Date.UTC(2026, 10, 2, 9));
  await s.db.insert(quizAttempts).values([
    {
      id: 'att-evil',
      userId: evil.id,
      quizId: 'empathy-quiz',
      plan: '{}',
      status: 'submitted',
      startedAt: at,
      submittedAt: at,
      points: 7,
      maxPoints: 10,
      percent: 70,
      passed: true,
    },
    {
      id: 'att-nadia',
      userId: nadia,
      quizId: 'empathy-quiz',
      plan: '{}',
      status: 'submitted',
      startedAt: at,
      submittedAt: at,
      points: 3,
      maxPoints: 10,
      percent: 30,
      passed: false,
    },
  ]);
  // Private words that must never reach a manager.
  const key = { userId: lena, moduleId: 'empathy', lessonId: 'what-empathy-looks-like' };
  await s.db
    .insert(journalEntries)
    .values({ ...key, reflectionId: 'r1', prompt: 'p', body: 'SECRET-JOURNAL-WORDS', createdAt: at, updatedAt: at });
  await s.db.insert(lessonFeedback).values({ ...key, rating: 2, comment: 'SECRET-FEEDBACK-WORDS', createdAt: at, updatedAt: at });
});
afterAll(() => s?.stop());

const paths = () => ({
  supportDash: `/team/${support}`,
  fieldDash: `/team/${field}`,
  supportMatrix: `/team/${support}/export/matrix.csv`,
  fieldMatrix: `/team/${field}/export/matrix.csv`,
  fieldAttempts: `/team/${field}/export/attempts.csv`,
  lena: `/team/people/${lena}`,
  nadia: `/team/people/${nadia}`,
});

describe('authorisation by URL', () => {
  it('sends signed-out visitors to sign-in', async () => {
    const res = await get(s.origin, paths().supportDash);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(paths().supportDash)}`);
    expect((await get(s.origin, paths().supportMatrix)).status).toBe(303);
  });

  it.each(['learner@example.com', 'trainer@example.com'])('refuses %s everything under /team with 403', async (email) => {
    const cookie = await cookieFor(s.db, email);
    for (const path of ['/team', ...Object.values(paths())]) {
      const res = await get(s.origin, path, cookie);
      expect(res.status, path).toBe(403);
      expect(await res.text()).not.toContain('Nadia');
    }
  });

  it('gives a manager their own team, person and exports', async () => {
    const cookie = await cookieFor(s.db, 'manager@example.com');
    for (const path of [paths().supportDash, paths().supportMatrix, `/team/${support}/export/attempts.csv`, paths().lena])
      expect((await get(s.origin, path, cookie)).status, path).toBe(200);
    const html = await (await get(s.origin, paths().supportDash, cookie)).text();
    expect(html).toContain('Lena Fischer');
    expect(html).toContain('Marcus Bell');
    expect(html).toContain('=HYPERLINK(&quot;http://evil.example&quot;'); // a name is text, never markup
    expect(html).not.toContain('Nadia Kowalski');
  });

  it("answers a manager's tampered team, person and export URLs like missing ones, revealing nothing", async () => {
    const cookie = await cookieFor(s.db, 'manager@example.com');
    const tampered = [
      paths().fieldDash,
      `${paths().fieldDash}?module=empathy&status=completed`,
      paths().fieldMatrix,
      paths().fieldAttempts,
      paths().nadia,
      `/team/people/${(await findUserByEmail(s.db, 'manager2@example.com'))!.id}`,
      '/team/no-such-team',
      '/team/no-such-team/export/matrix.csv',
      '/team/people/no-such-person',
      `/team/${encodeURIComponent(`${field}' or '1'='1`)}`,
    ];
    for (const path of tampered) {
      const res = await get(s.origin, path, cookie);
      expect(res.status, path).toBe(404);
      const body = await res.text();
      expect(body, path).not.toContain('Nadia');
      expect(body, path).not.toContain('Field Service');
    }
  });

  it('gives an admin every team and person', async () => {
    const cookie = await cookieFor(s.db, 'admin@example.com');
    for (const path of Object.values(paths())) expect((await get(s.origin, path, cookie)).status, path).toBe(200);
    const html = await (await get(s.origin, '/team', cookie)).text();
    expect(html).toContain('Customer Support');
    expect(html).toContain('Field Service');
  });
});

describe('filters', () => {
  it('answers bad filter values with 400 and a message, still showing the page', async () => {
    const cookie = await cookieFor(s.db, 'manager@example.com');
    const res = await get(s.origin, `${paths().supportDash}?module=nope&status=late&due=31/12/2026`, cookie);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('That module is not in the course');
    expect(html).toContain('Write the due date as a calendar date');
    expect(html).toContain('Lena Fischer');
    const csv = await get(s.origin, `${paths().supportMatrix}?status=late`, cookie);
    expect(csv.status).toBe(400);
    expect(await csv.text()).toContain('Choose a status from the list');
  });

  it('narrows the matrix by module and status', async () => {
    const cookie = await cookieFor(s.db, 'manager@example.com');
    const html = await (await get(s.origin, `${paths().supportDash}?module=empathy&status=completed`, cookie)).text();
    expect(html).toContain('Nobody matches these filters');
    const all = await (await get(s.origin, `${paths().supportDash}?module=empathy&status=not-started`, cookie)).text();
    // The ninth member passed the quiz, which puts their module in progress.
    expect(all).toContain('8 of 9 people, filtered');
    expect(all).toContain('Lena Fischer');
    expect(all).not.toContain('HYPERLINK');
  });
});

async function download(path: string) {
  const res = await get(s.origin, path, await cookieFor(s.db, 'manager@example.com'));
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return { res, bytes, text, rows: Papa.parse<string[]>(text.slice(1).trimEnd(), { newline: '\r\n' }).data };
}

describe('CSV downloads', () => {
  it('answer HEAD like GET without a body, and 405 to any other method', async () => {
    const cookie = await cookieFor(s.db, 'manager@example.com');
    const head = await fetch(`${s.origin}${paths().supportMatrix}`, { method: 'HEAD', headers: { cookie } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await head.text()).toBe('');
    const del = await fetch(`${s.origin}${paths().supportMatrix}`, { method: 'DELETE', headers: { cookie, origin: s.origin } });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, HEAD');
  });

  it('exports the matrix as UTF-8 with a BOM, quoted and defused', async () => {
    const { res, bytes, text, rows } = await download(`${paths().supportMatrix}?module=empathy`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="Customer-Support-matrix-\d{4}-\d\d-\d\d\.csv"/,
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text).toContain('\r\n');
    expect(rows[0]).toEqual([
      'Person',
      'Email',
      'Modules completed',
      'Empathy at work',
      'Empathy at work: progress',
      'Empathy at work: due',
      'Empathy at work: completed on',
    ]);
    expect(rows).toHaveLength(10);
    const evil = rows.find((r) => r[1] === 'evil@example.com')!;
    expect(evil[0]).toBe(`'${EVIL}`);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""Click me"")"`);
    expect(rows.find((r) => r[1] === 'learner@example.com')!.slice(2, 4)).toEqual(['0', 'Not started']);
  });

  it("exports the team's best end-of-module quiz results and no one else's", async () => {
    const { res, rows } = await download(`/team/${support}/export/attempts.csv`);
    expect(res.status).toBe(200);
    expect(rows[0]).toEqual([
      'Person',
      'Email',
      'Module',
      'Quiz',
      'Quiz id',
      'Best score submitted (UTC)',
      'Points',
      'Max points',
      'Best percent',
      'Passed',
    ]);
    expect(rows.slice(1).map((r) => [r[0], r[4], r[8], r[9]])).toEqual([[`'${EVIL}`, 'empathy-quiz', '70', 'yes']]);
  });
});

describe('the drill-down', () => {
  it("shows a learner's progress but never their journal or lesson feedback", async () => {
    const html = await (await get(s.origin, paths().lena, await cookieFor(s.db, 'manager@example.com'))).text();
    expect(html).toContain('Lena Fischer');
    expect(html).toContain('Empathy at work');
    expect(html).not.toContain('SECRET-JOURNAL-WORDS');
    expect(html).not.toContain('SECRET-FEEDBACK-WORDS');
  });
});

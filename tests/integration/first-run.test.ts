// The README's first run: `npm start` (scripts/start.ts) on a database file that does not exist yet
// creates it, migrates it, seeds the demo organisation with its history and serves; started again on
// the same file it seeds nothing. Sign-in goes through the real password check.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, START, stopServer, type ServerProcess } from '../helpers/process-server.ts';
import { get, postForm, setCookie } from '../helpers/http.ts';
import { openDb, type Db } from '../../src/lib/server/db/db.ts';
import { count } from '../helpers/learners.ts';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/seed.ts';

let dir: string;
let dbUrl: string;
let first: ServerProcess;
let db: Db;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rapport-first-run-'));
  // A folder that does not exist yet, like data/ in a fresh clone.
  dbUrl = `file:${join(dir, 'data', 'rapport.db')}`;
  first = await spawnServer(dbUrl, {}, START);
  db = await openDb({ url: dbUrl });
}, 60_000);
afterAll(async () => {
  if (first) await stopServer(first);
  db?.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(origin: string, email: string): Promise<string> {
  const res = await postForm(origin, '/sign-in', { email, password: DEMO_PASSWORD });
  expect(res.status).toBe(303);
  return setCookie(res)!.split(';')[0]!;
}

describe('the first run', () => {
  it('creates, migrates and seeds the database, and prints the demo sign-ins', () => {
    expect(first.output()).toContain('Demo organisation created. Sign in with any of these (password: serve-with-empathy)');
    expect(first.output()).toMatch(/manager\s+manager@example\.com\s+Priya Shah \(Customer Support\)/);
  });

  it("opens on a manager's dashboard with the demo's history in it", async () => {
    const cookie = await signIn(first.origin, 'manager@example.com');
    const teams = await (await get(first.origin, '/team', cookie)).text();
    const team = teams.match(/href="(\/team\/[a-z2-9]+)"/)![1]!;
    const dashboard = await (await get(first.origin, team, cookie)).text();
    expect(dashboard).toContain('Customer Support');
    // A key figure: the count, then its label.
    expect(dashboard).toMatch(/>[1-9]\d*<\/span><span[^>]*>assigned modules? overdue</);
    expect(dashboard).toContain('Completed');
  });

  it('seeds nothing on the next start over the same file', async () => {
    const people = await count(db, 'select count(*) as n from users');
    const progress = await count(db, 'select count(*) as n from lesson_progress');
    await stopServer(first);
    const second = await spawnServer(dbUrl, {}, START);
    try {
      expect(second.output()).not.toContain('Demo organisation created');
      expect(await count(db, 'select count(*) as n from users')).toBe(people);
      expect(await count(db, 'select count(*) as n from lesson_progress')).toBe(progress);
      const cookie = await signIn(second.origin, 'learner@example.com');
      expect(await (await get(second.origin, '/', cookie)).text()).toContain('Continue where you left off');
    } finally {
      await stopServer(second);
    }
  });
});

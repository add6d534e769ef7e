// xAPI delivery through the real built server to a real LRS (Learning Locker's xapi-statements in memory,
// tests/helpers/lrs.ts), with faults: the LRS down for a while, answering 500, holding a statement id with
// other content (409), and Rapport killed with SIGKILL in the middle of a send. After each, every statement
// in the outbox has arrived exactly once, and every one was valid xAPI with the right credentials.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/lib/server/db/db.ts';
import { migrateDb } from '../../src/lib/server/db/migrate.ts';
import { createUser } from '../../src/lib/server/people/users.ts';
import { spawnServer, stopServer, type ServerProcess } from '../helpers/process-server.ts';
import { count, createLearners, postEntries, readQuizForm, type Learner } from '../helpers/learners.ts';
import { cookieFor, postForm } from '../helpers/http.ts';
import { LRS_USER, startLrs, type TestLrs } from '../helpers/lrs.ts';

let dir: string;
let dbUrl: string;
let db: Db;
let lrs: TestLrs;
let server: ServerProcess;
let learners: Learner[];
let admin: string;

const ENV = () => ({
  XAPI_ENDPOINT: lrs.endpoint,
  XAPI_USERNAME: LRS_USER.username,
  XAPI_PASSWORD: LRS_USER.password,
  XAPI_ACCOUNT_HOMEPAGE: 'https://learn.example.com',
  XAPI_BATCH_SIZE: '5',
  XAPI_POLL_MS: '100',
  XAPI_RETRY_BASE_MS: '100',
  // Short for a quick test, long enough that a slow answer on a busy machine is not taken for a dead sender.
  XAPI_LEASE_SECONDS: '5',
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rapport-xapi-'));
  dbUrl = `file:${join(dir, 'xapi.db')}`;
  db = await openDb({ url: dbUrl });
  await migrateDb(db);
  learners = await createLearners(db, 5, 'xapi');
  await createUser(db, { email: 'xapi-admin@example.com', displayName: 'Ad', role: 'admin' });
  admin = await cookieFor(db, 'xapi-admin@example.com');
  lrs = await startLrs();
  server = await spawnServer(dbUrl, ENV());
}, 120_000);
afterAll(async () => {
  if (server) await stopServer(server, 'SIGKILL');
  await lrs?.stop();
  db?.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

async function until(what: string, ok: () => Promise<boolean>, timeoutMs = 30_000) {
  for (let waited = 0; waited < timeoutMs; waited += 100) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting until ${what}\n${server.output().slice(-2000)}`);
}

/** A learner's bit of work: two lessons completed and a knowledge check taken (about a dozen statements). */
async function work(l: Learner, origin = server.origin) {
  for (const lesson of ['empathy/what-empathy-looks-like', 'empathy/listening-for-the-whole-message']) {
    const res = await postEntries(origin, `/modules/${lesson}`, [['intent', 'complete']], l.cookie);
    expect(res.status, lesson).toBeLessThan(400);
  }
  const page = await fetch(`${origin}/quizzes/empathy-check-1`, { headers: { cookie: l.cookie } });
  const form = readQuizForm(await page.text());
  expect(form).toBeDefined();
  expect((await postEntries(origin, '/quizzes/empathy-check-1', form!.entries, l.cookie)).status).toBe(303);
}

const queued = () => count(db, 'select count(*) as n from xapi_outbox where sent_at is null');
const failures = () => count(db, 'select count(*) as n from xapi_outbox where attempts > 0 and sent_at is null');

/** Every statement in the outbox is marked sent and held by the LRS exactly once; nothing else is. */
async function expectExactlyOnce() {
  await until('the queue is empty', async () => (await queued()) === 0);
  const outbox = (await db.$client.execute('select id from xapi_outbox')).rows.map((r) => String(r.id)).sort();
  const stored = (await lrs.stored()).map((s) => s.id).sort();
  expect(stored).toEqual(outbox);
  expect(lrs.problems).toEqual([]);
}

describe('xAPI delivery to a real LRS', () => {
  it('sends the statements of learning records in batches', async () => {
    await work(learners[0]!);
    expect(await count(db, 'select count(*) as n from xapi_outbox')).toBeGreaterThan(5);
    await expectExactlyOnce();
    expect(lrs.requests.some((r) => r.method === 'POST' && r.statements > 1)).toBe(true);
  });

  it('keeps statements while the LRS is down, shows the error to admins, and delivers once it is back', async () => {
    lrs.mode = 'down';
    await work(learners[1]!);
    await until('a send has failed', async () => (await failures()) > 0);
    const page = await (await fetch(`${server.origin}/admin/xapi`, { headers: { cookie: admin } })).text();
    expect(page).toContain('Could not reach the LRS');
    expect(page).toMatch(/<dt>Queued<\/dt>\s*<dd>\s*[1-9]/);
    lrs.mode = 'up';
    const retry = await postForm(server.origin, '/admin/xapi', { intent: 'retry' }, { cookie: admin });
    expect(retry.status).toBe(303);
    await expectExactlyOnce();
    const after = await (await fetch(`${server.origin}/admin/xapi`, { headers: { cookie: admin } })).text();
    expect(after).toMatch(/<dt>Queued<\/dt>\s*<dd>\s*0/);
  });

  it('backs off and retries while the LRS answers 500', async () => {
    lrs.mode = 'fail500';
    const before = lrs.requests.length;
    await work(learners[2]!);
    await until('several sends have failed', async () => lrs.requests.length - before >= 3);
    const [row] = (
      await db.$client.execute('select max(attempts) as n, max(last_error) as e from xapi_outbox where sent_at is null')
    ).rows;
    expect(Number(row!.n)).toBeGreaterThanOrEqual(2);
    expect(String(row!.e)).toContain('The LRS answered 500');
    lrs.mode = 'up';
    await expectExactlyOnce();
  });

  it('takes a 409 (the LRS holds another statement with that id) as delivered and still sends the rest', async () => {
    lrs.mode = 'down';
    await work(learners[3]!);
    const [victim] = (await db.$client.execute('select id, statement from xapi_outbox where sent_at is null limit 1')).rows;
    const other = { ...JSON.parse(String(victim!.statement)), timestamp: '2020-01-01T00:00:00.000Z' };
    const headers = { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3' };
    expect((await fetch(`${lrs.direct}statements`, { method: 'POST', headers, body: JSON.stringify([other]) })).status).toBe(200);
    lrs.mode = 'up';
    await until('the queue is empty', async () => (await queued()) === 0);
    const [note] = (
      await db.$client.execute({ sql: 'select last_error from xapi_outbox where id = ?', args: [String(victim!.id)] })
    ).rows;
    expect(String(note!.last_error)).toContain('409');
    const held = (await lrs.stored()).filter((s) => s.id === victim!.id) as unknown as { timestamp: string }[];
    expect(held.map((s) => s.timestamp)).toEqual(['2020-01-01T00:00:00.000Z']);
    await expectExactlyOnce();
  });

  it('survives SIGKILL in the middle of a send: after a restart each statement arrives once', async () => {
    lrs.mode = 'hold';
    const held = lrs.held();
    await work(learners[4]!);
    await held;
    // The LRS has stored the held batch; Rapport dies before it hears so, with the rows still leased.
    await stopServer(server, 'SIGKILL');
    lrs.mode = 'up';
    const posts = lrs.requests.length;
    server = await spawnServer(dbUrl, ENV());
    await expectExactlyOnce();
    // The held batch was sent again by the new server (after the dead one's lease ran out) and stored once.
    expect(lrs.requests.length).toBeGreaterThan(posts);
  });

  it('sends each statement once from two servers sharing the database (the lease keeps them apart)', async () => {
    const other = await spawnServer(dbUrl, ENV());
    try {
      const before = await count(db, 'select count(*) as n from xapi_outbox');
      const posted = lrs.requests.length;
      const [a, b, c, d] = await createLearners(db, 4, 'xapi-two');
      await Promise.all([work(a!, server.origin), work(b!, other.origin), work(c!, other.origin), work(d!, server.origin)]);
      await expectExactlyOnce();
      const sent = lrs.requests.slice(posted).reduce((sum, r) => sum + r.statements, 0);
      expect(sent).toBe((await count(db, 'select count(*) as n from xapi_outbox')) - before);
    } finally {
      await stopServer(other);
    }
  });
});

// One send of the xAPI sender (src/lib/server/xapi/sender.ts) against the real LRS, step by step: a batch the
// LRS refuses for one conflicting statement is split into single PUTs, the conflict is taken as delivered with
// a note, and the others are stored; the lease keeps a second sender off rows being sent.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { count } from '../helpers/learners.ts';
import { LRS_USER, startLrs, type TestLrs } from '../helpers/lrs.ts';
import { parseConfig } from '../../src/lib/server/config.ts';
import { queueSql } from '../../src/lib/server/xapi/outbox.ts';
import { sendBatch } from '../../src/lib/server/xapi/sender.ts';
import { xapiSettings, type XapiSettings } from '../../src/lib/server/xapi/settings.ts';
import { lessonCompleted } from '../../src/lib/xapi/index.ts';

let t: TestDb;
let lrs: TestLrs;
let settings: XapiSettings;
beforeAll(async () => {
  t = await freshDb();
  lrs = await startLrs();
  settings = xapiSettings(
    parseConfig({
      XAPI_ENDPOINT: lrs.endpoint,
      XAPI_USERNAME: LRS_USER.username,
      XAPI_PASSWORD: LRS_USER.password,
      XAPI_ACCOUNT_HOMEPAGE: 'https://learn.example.com',
      XAPI_BATCH_SIZE: '10',
    }),
  )!;
}, 120_000);
afterAll(async () => {
  await lrs?.stop();
  t?.close();
});

const at = new Date('2026-11-30T09:00:00Z');
const completions = () =>
  ['first', 'second', 'third'].map((lessonId) =>
    lessonCompleted(settings.site, { userId: 'u1', moduleId: 'empathy', lessonId, at }),
  );

it('splits a batch refused for one conflicting statement, takes the conflict as delivered and stores the rest', async () => {
  const statements = completions();
  await t.store.batch(statements.map((s) => queueSql(s, at)));
  const conflicting = { ...statements[1]!, timestamp: '2020-01-01T00:00:00.000Z' };
  const headers = { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3' };
  expect((await fetch(`${lrs.direct}statements`, { method: 'POST', headers, body: JSON.stringify([conflicting]) })).status).toBe(
    200,
  );

  // A second sender finds nothing to take while the first holds the rows.
  const [first, second] = await Promise.all([sendBatch(t.db, settings, 'one'), sendBatch(t.db, settings, 'two')]);
  expect([first, second].sort((a, b) => b.leased - a.leased)).toEqual([
    { leased: 3, sent: 3, failed: 0 },
    { leased: 0, sent: 0, failed: 0 },
  ]);
  expect(lrs.requests.map((r) => `${r.method} ${r.statements}`)).toEqual(['POST 3', 'PUT 1', 'PUT 1', 'PUT 1']);
  const notes = await t.db.$client.execute('select id, last_error from xapi_outbox order by rowid');
  expect(notes.rows.map((r) => r.last_error)).toEqual([null, expect.stringContaining('(409)'), null]);
  const stored = await lrs.stored();
  expect(stored.map((s) => s.id).sort()).toEqual(statements.map((s) => s.id).sort());
  expect(stored.find((s) => s.id === conflicting.id)).toMatchObject({ timestamp: '2020-01-01T00:00:00.000Z' });
  expect(await count(t.db, 'select count(*) as n from xapi_outbox where sent_at is null')).toBe(0);
  expect(lrs.problems).toEqual([]);
});

it('puts a failed batch back with a backoff and the error, and sends it once due', async () => {
  const more = lessonCompleted(settings.site, { userId: 'u2', moduleId: 'empathy', lessonId: 'first', at });
  await t.store.batch([queueSql(more, at)]);
  lrs.mode = 'fail500';
  const now = new Date();
  expect(await sendBatch(t.db, settings, 'one', now)).toEqual({ leased: 1, sent: 0, failed: 1 });
  const [row] = (
    await t.db.$client.execute('select attempts, next_attempt_at, last_error from xapi_outbox where sent_at is null')
  ).rows;
  expect(row).toMatchObject({ attempts: 1, last_error: 'The LRS answered 500: LRS unavailable' });
  // First retry: between half and all of XAPI_RETRY_BASE_MS (5 s by default) later.
  expect(Number(row!.next_attempt_at) - now.getTime()).toBeGreaterThanOrEqual(2500);
  expect(await sendBatch(t.db, settings, 'one', now)).toEqual({ leased: 0, sent: 0, failed: 0 });
  lrs.mode = 'up';
  expect(await sendBatch(t.db, settings, 'one', new Date(now.getTime() + 10_000))).toEqual({ leased: 1, sent: 1, failed: 0 });
});

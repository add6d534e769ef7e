// Without XAPI_ENDPOINT nothing is queued: the write paths write the learning record alone.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { count } from '../helpers/learners.ts';
import { createUser } from '../../src/lib/server/people/users.ts';
import { recordCompleted, recordOpened } from '../../src/lib/server/learning/progress.ts';
import { config } from '../../src/lib/server/config.ts';

let t: TestDb;
beforeAll(async () => {
  t = await freshDb();
});
afterAll(() => t.close());

it('queues no statement when no LRS is configured', async () => {
  expect(config().XAPI_ENDPOINT).toBeUndefined();
  const { id } = await createUser(t.db, { email: 'off@example.com', displayName: 'Off', role: 'learner' });
  await recordOpened(t.db, id, 'listening', 'reflect-back');
  expect(await recordCompleted(t.db, id, 'listening', 'reflect-back', 'v1')).toBe(true);
  expect(await count(t.db, 'select count(*) as n from lesson_progress where completed_at is not null')).toBe(1);
  expect(await count(t.db, 'select count(*) as n from xapi_outbox')).toBe(0);
});

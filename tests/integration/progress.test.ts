import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { lessonRecords, recordCompleted, recordOpened } from '../../src/lib/server/learning/progress.ts';
import { createUser } from '../../src/lib/server/people/users.ts';
import { journalOf, reflectionFor, saveReflection } from '../../src/lib/server/learning/journal.ts';
import { lessonProgress } from '../../src/lib/server/db/schema.ts';

let t: TestDb;
let ann: string;
let bob: string;
beforeAll(async () => {
  t = await freshDb();
  ann = (await createUser(t.db, { email: 'ann@example.com', displayName: 'Ann', role: 'learner' })).id;
  bob = (await createUser(t.db, { email: 'bob@example.com', displayName: 'Bob', role: 'learner' })).id;
});
afterAll(() => t.close());

const at = (s: number) => new Date(Date.UTC(2026, 1, 1, 9, 0, s));

describe('lesson progress', () => {
  it('records the first opening once and the latest opening after a while', async () => {
    await recordOpened(t.db, ann, 'm', 'l1', at(0));
    await recordOpened(t.db, ann, 'm', 'l1', at(30)); // within a minute: no write
    await recordOpened(t.db, ann, 'm', 'l1', at(120));
    const [r] = await lessonRecords(t.db, ann);
    expect(r).toMatchObject({ firstOpenedAt: at(0), lastOpenedAt: at(120), completedAt: null });
  });

  it('keeps the first completion and its content version, however often it is repeated', async () => {
    expect(await recordCompleted(t.db, ann, 'm', 'l1', 'v1', at(200))).toBe(true);
    expect(await recordCompleted(t.db, ann, 'm', 'l1', 'v2', at(300))).toBe(false);
    const rows = await t.db.select().from(lessonProgress);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ completedAt: at(200), completedVersion: 'v1' });
  });

  it('records one completion when many identical requests race', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => recordCompleted(t.db, bob, 'm', 'l2', 'v1', at(10))));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await lessonRecords(t.db, bob)).toHaveLength(1);
  });

  it('completes a lesson that was never opened (a direct post)', async () => {
    await recordCompleted(t.db, bob, 'm', 'l3', 'v1', at(50));
    const r = (await lessonRecords(t.db, bob)).find((x) => x.lessonId === 'l3');
    expect(r).toMatchObject({ firstOpenedAt: at(50), completedAt: at(50) });
  });
});

describe('journal', () => {
  const key = { moduleId: 'm', lessonId: 'l1', reflectionId: 'r1' };
  it('saves, edits and deletes a reflection for its author only', async () => {
    await saveReflection(t.db, ann, key, 'Who depends on you?', '  The night shift.  ', at(0));
    await saveReflection(t.db, ann, key, 'Who depends on you?', 'The night shift and payroll.', at(60));
    expect(await reflectionFor(t.db, ann, key)).toBe('The night shift and payroll.');
    expect(await reflectionFor(t.db, bob, key)).toBeUndefined();
    const [entry] = await journalOf(t.db, ann);
    expect(entry).toMatchObject({ prompt: 'Who depends on you?', createdAt: at(0), updatedAt: at(60) });
    expect(await journalOf(t.db, bob)).toEqual([]);
    await saveReflection(t.db, ann, key, 'Who depends on you?', '   ');
    expect(await journalOf(t.db, ann)).toEqual([]);
  });
});

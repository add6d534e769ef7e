// Reply versions against a real libSQL file: numbers stay unique under concurrent posts, a resent form adds
// nothing, and what trainers read carries no user id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { createUser } from '../../src/lib/server/people/users.ts';
import { setShared, submitReply, versionsOf } from '../../src/lib/server/practice/replies.ts';
import { promptInsight, sharedReplies } from '../../src/lib/server/practice/insight.ts';
import { analysePracticeReply } from '../../src/lib/practice/prompt-analysis.ts';

const PROMPT = { listener: 'colleague', channel: 'chat', rubric: [{ criterion: 'next-step', skill: 'ownership' }] } as const;
const P = { id: 'p', module: 'm', rubric: [...PROMPT.rubric] };
const analysed = (text: string) => analysePracticeReply({ ...PROMPT, rubric: [...PROMPT.rubric] }, text);

let t: TestDb;
let ann: string;
let bob: string;
beforeAll(async () => {
  t = await freshDb();
  ann = (await createUser(t.db, { email: 'ann@example.com', displayName: 'Ann', role: 'learner' })).id;
  bob = (await createUser(t.db, { email: 'bob@example.com', displayName: 'Bob', role: 'learner' })).id;
});
afterAll(() => t.close());

describe('reply versions', () => {
  it('numbers concurrent submissions 1, 2, 3... without a clash, and a resent form returns its first version', async () => {
    const texts = ['I will send it by 4 pm.', 'I will send it today.', 'Sending it soon.', 'I will call you on Monday.', 'Done.'];
    const made = await Promise.all(texts.map((text, i) => submitReply(t.db, ann, P, text, analysed(text), `key-${i}-abcdef`)));
    expect(made.map((v) => v.version).sort()).toEqual([1, 2, 3, 4, 5]);
    const again = await submitReply(t.db, ann, P, 'Something else entirely.', analysed('x'), 'key-2-abcdef');
    expect(again.id).toBe(made[2]!.id);
    expect((await versionsOf(t.db, ann, 'p')).map((v) => v.version)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps each learner’s numbering apart and figures per learner', async () => {
    await submitReply(t.db, bob, P, 'I will send it by 4 pm.', analysed('I will send it by 4 pm.'), 'bob-key-1');
    expect((await versionsOf(t.db, bob, 'p')).map((v) => v.version)).toEqual([1]);
    const stats = await promptInsight(t.db, 'p', ['next-step']);
    expect([stats.learners, stats.versions, stats.revised]).toEqual([2, 6, 1]);
    // Ann's first version (whichever text won number 1) and Bob's only one decide "first"; her 5th is her latest.
    const annLatest = (await versionsOf(t.db, ann, 'p')).at(-1)!;
    const bobMet = (await versionsOf(t.db, bob, 'p'))[0]!.analysis.criteria[0]!.met;
    expect(bobMet).toBe(true);
    const lastMet = Number(annLatest.analysis.criteria[0]!.met) + Number(bobMet);
    expect(stats.criteria[0]!.lastMet).toBe(lastMet);
  });

  it('gives trainers shared text only, with nothing that says whose it is', async () => {
    expect(await sharedReplies(t.db, 'p')).toEqual([]);
    const [first] = await versionsOf(t.db, bob, 'p');
    await setShared(t.db, ann, first!.id, true); // not Ann's reply: nothing changes
    expect(await sharedReplies(t.db, 'p')).toEqual([]);
    await setShared(t.db, bob, first!.id, true);
    const shared = await sharedReplies(t.db, 'p');
    expect(shared.map((r) => r.body)).toEqual(['I will send it by 4 pm.']);
    expect(JSON.stringify(shared)).not.toMatch(new RegExp(`${bob}|${ann}|bob@|Bob`));
  });
});

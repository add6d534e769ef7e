// Practice cards against a real libSQL file and the real course: each rubric criterion a reply does not meet
// becomes one card in the same transaction as the reply, however often it is sent; a met criterion makes none;
// a review asks for a reply to a prompt with the same criterion, judges that criterion only, and moves the card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { createUser } from '../../src/lib/server/people/users.ts';
import { submitReply, versionsOf } from '../../src/lib/server/practice/replies.ts';
import { reviewCards, reviewLogs } from '../../src/lib/server/db/schema.ts';
import { findCard, recordReview } from '../../src/lib/server/review/reviews.ts';
import { loadCourseFromDisk } from '../../src/lib/content/course-fs.ts';
import { analysePracticeReply } from '../../src/lib/practice/prompt-analysis.ts';
import { askFor } from '../../src/lib/review/ask.ts';
import { judgePractice, type PracticeAnswer } from '../../src/lib/review/practice.ts';

const course = loadCourseFromDisk(resolve(import.meta.dirname, '../..'));
const quizzes = [...course.quizzes.values()];
const scenarios = [...course.scenarios.values()];
const prompts = [...course.practice.values()];
const prompt = course.practice.get('the-double-charge')!;
const DAY = 86_400_000;
const t0 = new Date('2027-03-01T08:00:00Z');
// The opening of a model reply: it owns the error but offers no plan yet.
const DRAFT = 'Dear Mrs Adeyemi, I am sorry. That was our error.';

let t: TestDb;
let learner: string;
const cardsOf = (userId: string) =>
  t.db
    .select()
    .from(reviewCards)
    .where(and(eq(reviewCards.userId, userId), eq(reviewCards.kind, 'practice')));

beforeAll(async () => {
  t = await freshDb();
  learner = (await createUser(t.db, { email: 'pra@example.com', displayName: 'Pia Practice', role: 'learner' })).id;
});
afterAll(() => t.close());

describe('cards from missed criteria', () => {
  it('makes one card per criterion not met, exactly once under a parallel double submit', async () => {
    const analysis = analysePracticeReply(prompt, DRAFT);
    const missed = analysis.criteria.filter((c) => !c.met).map((c) => c.id);
    expect(missed).toContain('next-step');
    expect(missed.length).toBeLessThan(prompt.rubric.length);
    const sent = await Promise.all(
      Array.from({ length: 6 }, () => submitReply(t.db, learner, prompt, DRAFT, analysis, 'draft-key-1', t0)),
    );
    expect(new Set(sent.map((v) => v.id)).size).toBe(1);
    const cards = await cardsOf(learner);
    expect(cards.map((c) => c.itemId).sort()).toEqual([...missed].sort());
    for (const c of cards) {
      const skill = prompt.rubric.find((r) => r.criterion === c.itemId)!.skill;
      expect(c).toMatchObject({ sourceId: prompt.id, objective: `${prompt.module}:${skill}` });
      expect(c.due.getTime() - t0.getTime()).toBe(DAY);
    }
  });

  it('makes no card for a met criterion, and none twice when a revision misses the same one again', async () => {
    const other = (await createUser(t.db, { email: 'met@example.com', displayName: 'Mo Met', role: 'learner' })).id;
    const model = prompt.models[0]!.reply;
    await submitReply(t.db, other, prompt, model, analysePracticeReply(prompt, model), 'model-key-1', t0);
    expect(await versionsOf(t.db, other, prompt.id)).toHaveLength(1);
    expect(await cardsOf(other)).toHaveLength(0);
    const before = await cardsOf(learner);
    const revision = `${DRAFT} Thank you for telling us.`;
    const later = new Date(t0.getTime() + 3_600_000);
    await submitReply(t.db, learner, prompt, revision, analysePracticeReply(prompt, revision), 'draft-key-2', later);
    expect(await versionsOf(t.db, learner, prompt.id)).toHaveLength(2);
    const after = await cardsOf(learner);
    expect(after.map((c) => c.id).sort()).toEqual(before.map((c) => c.id).sort());
  });
});

describe('reviewing a practice card', () => {
  it('asks for a reply to another prompt with the same criterion, named with its hint there', async () => {
    const card = (await cardsOf(learner)).find((c) => c.itemId === 'next-step')!;
    const ask = askFor(card, card.reps, quizzes, scenarios, prompts);
    if (ask?.kind !== 'practice') throw new Error('expected a practice ask');
    expect(ask.prompt.id).not.toBe(prompt.id);
    expect(ask.item).toEqual(ask.prompt.rubric.find((r) => r.criterion === 'next-step'));
    // The page and its POST derive the same prompt from the card and step.
    expect(askFor(card, card.reps, quizzes, scenarios, prompts)).toEqual(ask);
    // With no other prompt for the criterion, the card's own prompt is asked.
    expect(askFor(card, card.reps, quizzes, scenarios, [prompt])).toMatchObject({ prompt: { id: prompt.id } });
    expect(askFor(card, card.reps, quizzes, scenarios, [])).toBeNull();
  });

  it('pushes the card out when the criterion is met, brings it back when missed, and stores the reply in the log only', async () => {
    const card = (await cardsOf(learner)).find((c) => c.itemId === 'next-step')!;
    const next = new Date(t0.getTime() + DAY);
    const ask = askFor(card, card.reps, quizzes, scenarios, prompts);
    if (ask?.kind !== 'practice') throw new Error('expected a practice ask');
    expect(judgePractice(ask, '   ')).toMatchObject({ ok: false });
    // Every model reply meets its own rubric (content:check), so it meets the criterion asked.
    const good = judgePractice(ask, ask.prompt.models[0]!.reply);
    if (!good.ok) throw new Error(good.message);
    expect(good.correct).toBe(true);
    const [first, again] = await Promise.all([0, 1].map(() => recordReview(t.store, card, card.reps, good, next)));
    expect([first!.duplicate, again!.duplicate].sort()).toEqual([false, true]);
    const pushed = (await findCard(t.db, learner, card.id))!;
    expect(pushed.due.getTime() - next.getTime()).toBeGreaterThan(DAY);

    const due = pushed.due;
    const ask2 = askFor(pushed, pushed.reps, quizzes, scenarios, prompts);
    if (ask2?.kind !== 'practice') throw new Error('expected a practice ask');
    const bad = judgePractice(ask2, 'Sorry about that.');
    if (!bad.ok) throw new Error(bad.message);
    expect(bad.correct).toBe(false);
    await recordReview(t.store, pushed, pushed.reps, bad, due);
    const back = (await findCard(t.db, learner, card.id))!;
    expect(back.lapses).toBe(pushed.lapses + 1);
    expect(back.due.getTime() - due.getTime()).toBeLessThan(pushed.due.getTime() - next.getTime());

    const logs = await t.db.select().from(reviewLogs).where(eq(reviewLogs.cardId, card.id)).orderBy(reviewLogs.step);
    expect(logs.map((l) => [l.askedId, l.correct])).toEqual([
      [ask.prompt.id, true],
      [ask2.prompt.id, false],
    ]);
    const stored = JSON.parse(logs[1]!.answer) as PracticeAnswer;
    expect(stored.body).toBe('Sorry about that.');
    expect(stored.result).toMatchObject({ id: 'next-step', met: false });
  });
});

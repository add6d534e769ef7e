// The insight queries against a real libSQL file, with facts written through the app's own write paths
// and every expectation counted by hand in the comments.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { createUser } from '../../src/lib/server/people/users.ts';
import { openAttempt, submitAttempt, type QuizWithId } from '../../src/lib/server/learning/quiz-attempts.ts';
import { choose, startRun, type ScenarioWithId } from '../../src/lib/server/learning/scenario-runs.ts';
import { recordCompleted, recordOpened } from '../../src/lib/server/learning/progress.ts';
import { feedbackComments, feedbackFor, ratingCounts, saveFeedback } from '../../src/lib/server/learning/lesson-feedback.ts';
import {
  lessonCounts,
  quizAttemptData,
  scenarioCounts,
  scenarioRunCounts,
  submittedAttemptCounts,
} from '../../src/lib/server/insight/analytics.ts';
import { analyseQuiz } from '../../src/lib/insight/item-analysis.ts';
import { analyseScenario } from '../../src/lib/insight/scenario-analytics.ts';
import { lessonFunnel } from '../../src/lib/insight/lesson-analytics.ts';
import { lessonFeedback } from '../../src/lib/server/db/schema.ts';
import { quizSchema } from '../../src/schemas/quiz.ts';
import { scenarioSchema } from '../../src/schemas/scenario.ts';

const option = (id: string, correct = false) => ({ id, text: id, correct, feedback: 'Why.' });
const quiz: QuizWithId = {
  id: 'check',
  ...quizSchema.parse({
    title: 'Check',
    module: 'm',
    questions: [
      { id: 'q1', type: 'single', prompt: 'One', explanation: 'E', options: [option('a', true), option('b'), option('c')] },
      { id: 'q2', type: 'truefalse', prompt: 'Two', explanation: 'E', options: [option('true'), option('false', true)] },
    ],
  }),
};
const scenario: ScenarioWithId = {
  id: 'late-report',
  ...scenarioSchema.parse(parse(readFileSync('tests/fixtures/scenarios/valid.yaml', 'utf8'))),
};

let t: TestDb;
let u: string[];
beforeAll(async () => {
  t = await freshDb();
  u = [];
  for (const n of [1, 2, 3, 4, 5, 6])
    u.push((await createUser(t.db, { email: `u${n}@example.com`, displayName: `User ${n}`, role: 'learner' })).id);
});
afterAll(() => t.close());

async function takeQuiz(userId: string, q1: string, q2: string, at = new Date()) {
  const opened = await openAttempt(t.db, userId, quiz, at);
  if (!opened.ok) throw new Error(opened.message);
  const submitted = await submitAttempt(
    t.store,
    userId,
    quiz,
    opened.attempt.id,
    [
      ['q:q1', q1],
      ['q:q2', q2],
    ],
    null,
    at,
  );
  if (!submitted.ok) throw new Error(submitted.message);
}

describe('quiz item analysis from stored attempts', () => {
  it('reads submitted attempts only and pins the shares, picks and index', async () => {
    await takeQuiz(u[0]!, 'a', 'false'); // 100%
    await takeQuiz(u[1]!, 'a', 'true'); // 50%
    await takeQuiz(u[2]!, 'b', 'false'); // 50%
    await takeQuiz(u[3]!, 'c', 'true'); // 0%
    expect((await openAttempt(t.db, u[4]!, quiz)).ok).toBe(true); // open, never submitted: not counted
    const result = analyseQuiz(quiz, await quizAttemptData(t.db, quiz.id));
    // Four attempts: groups of round(0.27 * 4) = 1, the 0% attempt below and the 100% attempt above.
    expect(result).toMatchObject({ attempts: 4, groupSize: 1, smallSample: true });
    const [q1, q2] = result.questions;
    expect(q1).toMatchObject({ answered: 4, correct: 2, shareCorrect: 0.5, discrimination: 1, flags: [] });
    expect(q1!.options.map((o) => [o.id, o.picks])).toEqual([
      ['a', 2],
      ['b', 1],
      ['c', 1],
    ]);
    expect(q2).toMatchObject({ answered: 4, correct: 2, shareCorrect: 0.5, discrimination: 1 });
    expect(await submittedAttemptCounts(t.db)).toEqual(new Map([['check', 4]]));
  });

  it("counts each person's first attempt unless asked for all, and never a trainer's or an admin's", async () => {
    const later = new Date(Date.now() + 60_000);
    await takeQuiz(u[0]!, 'c', 'true', later); // User 1's retake after the feedback: 0% this time
    for (const role of ['trainer', 'admin'] as const) {
      const author = await createUser(t.db, { email: `${role}@example.com`, displayName: role, role });
      await takeQuiz(author.id, 'c', 'true'); // checking their own quiz
    }
    const first = analyseQuiz(quiz, await quizAttemptData(t.db, quiz.id));
    // The same four first attempts as above: User 1's is still the 100% one.
    expect(first.attempts).toBe(4);
    expect(first.questions[0]!.options.map((o) => o.picks)).toEqual([2, 1, 1]);
    expect(first.questions[0]!.discrimination).toBe(1);

    const all = analyseQuiz(quiz, await quizAttemptData(t.db, quiz.id, 'all'));
    // Five attempts by learners (User 1 twice); groups of round(0.27 * 5) = 1.
    expect(all.attempts).toBe(5);
    expect(all.questions[0]!.options.map((o) => o.picks)).toEqual([2, 1, 2]);
    expect(await submittedAttemptCounts(t.db)).toEqual(new Map([['check', 5]]));
  });
});

describe('scenario counts', () => {
  async function play(userId: string, choices: string[][], fresh = false) {
    const run = await startRun(t.db, userId, scenario, { fresh });
    for (const [nodeId, choiceId] of choices) {
      const r = await choose(t.store, userId, scenario, run.id, { nodeId: nodeId!, choiceId: choiceId! });
      if (!r.ok) throw new Error(r.reason);
    }
  }

  it('groups decisions, endings and stopping points', async () => {
    await play(u[0]!, [
      ['opening', 'own-it'],
      ['middle', 'ask-needs'],
      ['last', 'deliver'],
    ]); // strong-end
    await play(u[1]!, [
      ['opening', 'own-it'],
      ['middle', 'guess'],
    ]); // fixed (mixed)
    await play(u[2]!, [
      ['opening', 'excuse'],
      ['middle', 'ask-needs'],
      ['last', 'rush'],
    ]); // poor-end
    await play(u[3]!, [['opening', 'own-it']]); // active at middle
    await play(u[4]!, []); // abandoned at opening by the restart below
    await play(u[4]!, [['opening', 'excuse']], true); // active at middle
    await play(u[5]!, []); // active at opening

    const { choices, runs } = await scenarioCounts(t.db, scenario.id);
    const a = analyseScenario(scenario, choices, runs);
    expect(a.runs).toEqual({ total: 7, finished: 3, active: 3, abandoned: 1 });
    expect(a.nodes.map((n) => [n.id, n.choices.map((c) => c.taken), n.waiting, n.abandoned])).toEqual([
      ['opening', [3, 2], 1, 1],
      ['middle', [2, 1], 2, 0],
      ['last', [1, 1], 0, 0],
    ]);
    expect(a.endings.map((e) => e.runs)).toEqual([1, 1, 1]);
    expect(a.stale).toEqual({ decisions: 0, runs: 0 });
    expect(await scenarioRunCounts(t.db)).toEqual(new Map([['late-report', { total: 7, finished: 3 }]]));
  });
});

describe('lesson funnel and feedback', () => {
  it('counts opened, completed and furthest lesson per learner, ignoring other modules and removed lessons', async () => {
    const open = (i: number, lesson: string, module = 'm') => recordOpened(t.db, u[i]!, module, lesson);
    const done = (i: number, lesson: string) => recordCompleted(t.db, u[i]!, 'm', lesson, 'v1');
    await Promise.all([open(0, 'l1'), open(0, 'l2'), open(0, 'l3'), open(1, 'l1'), open(1, 'l2'), open(2, 'l1')]);
    await Promise.all([done(0, 'l1'), done(0, 'l2'), done(0, 'l3'), done(1, 'l1')]);
    await Promise.all([open(3, 'l2'), open(4, 'removed'), open(5, 'l3', 'other')]);

    const lessons = ['l1', 'l2', 'l3'];
    const { counts, furthest } = await lessonCounts(t.db, 'm', lessons);
    const f = lessonFunnel(
      lessons.map((id) => ({ id, title: id })),
      counts,
      furthest,
      [],
    );
    // Furthest: u1 l3, u2 l2, u3 l1, u4 l2 (skipped l1); u5 only opened a removed lesson.
    expect(f.started).toBe(4);
    expect(f.lessons.map((l) => [l.id, l.opened, l.completed, l.wentNoFurther])).toEqual([
      ['l1', 3, 2, 1],
      ['l2', 3, 1, 2],
      ['l3', 1, 1, 1],
    ]);
  });

  it('keeps one row per learner and lesson and aggregates ratings and comments without authors', async () => {
    const key = { moduleId: 'm', lessonId: 'l1' };
    const at = (s: number) => new Date(Date.UTC(2026, 2, 1, 9, 0, s));
    await saveFeedback(t.db, u[0]!, key, { rating: 5, comment: 'Clear' }, at(0));
    await saveFeedback(t.db, u[0]!, key, { rating: 4, comment: 'Clear and short' }, at(10));
    await saveFeedback(t.db, u[1]!, key, { rating: 2, comment: null }, at(20));
    await saveFeedback(t.db, u[2]!, { moduleId: 'm', lessonId: 'l2' }, { rating: 3, comment: 'Too long' }, at(30));
    await saveFeedback(t.db, u[3]!, { moduleId: 'other', lessonId: 'l3' }, { rating: 1, comment: 'Elsewhere' }, at(40));

    expect(await t.db.select().from(lessonFeedback)).toHaveLength(4);
    expect(await feedbackFor(t.db, u[0]!, key)).toEqual({ rating: 4, comment: 'Clear and short' });
    const counts = await ratingCounts(t.db, 'm');
    const f = lessonFunnel(
      [
        { id: 'l1', title: 'l1' },
        { id: 'l2', title: 'l2' },
      ],
      [],
      [],
      counts,
    );
    expect(f.lessons.map((l) => [l.ratings.count, l.ratings.average])).toEqual([
      [2, 3],
      [1, 3],
    ]);
    expect((await ratingCounts(t.db)).reduce((n, r) => n + r.count, 0)).toBe(4);
    expect(await feedbackComments(t.db, 'm')).toEqual([
      { lessonId: 'l2', rating: 3, comment: 'Too long' },
      { lessonId: 'l1', rating: 4, comment: 'Clear and short' },
    ]);
  });
});

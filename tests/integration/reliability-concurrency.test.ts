// Many learners working at once against the real built server: lesson completions, quiz submissions
// and role-play steps, each retried the way a double click or a flaky network retries them. Afterwards
// the database must hold exactly one record per real action, and no request may have failed with a 5xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import {
  count,
  createLearners,
  mapLimit,
  postEntries,
  readFirstChoice,
  readQuizForm,
  type Learner,
} from '../helpers/learners.ts';

const LEARNERS = 50;
// Learners in flight at once; each also fires its retries in parallel, so about twice this many requests.
const CONCURRENCY = 10;
const MODULE = 'empathy';
const LESSONS = ['what-empathy-looks-like', 'listening-for-the-whole-message', 'acknowledge-before-you-fix'];
const QUIZ = 'empathy-quiz';
const SCENARIO = 'the-day-after-the-repair';
const CROWD = "(select id from users where email like 'crowd-%')";

let s: TestServer;
let learners: Learner[];
beforeAll(async () => {
  s = await startServer();
  learners = await createLearners(s.db, LEARNERS, 'crowd');
});
afterAll(() => s?.stop());

interface Tally {
  statuses: { what: string; status: number }[];
  questions: number;
  decisions: number;
}

/** The same request twice at once, as a double click sends it. */
const twice = <T>(send: () => Promise<T>) => Promise.all([send(), send()]);

async function learnerDay(l: Learner): Promise<Tally> {
  const tally: Tally = { statuses: [], questions: 0, decisions: 0 };
  const note = (what: string, ...responses: (Response & { duplicate?: boolean })[]) => {
    for (const r of responses) tally.statuses.push({ what: r.duplicate ? `${what} (again)` : what, status: r.status });
  };
  const post = (path: string, entries: [string, string][]) => postEntries(s.origin, path, entries, l.cookie);
  const get = (path: string) => fetch(`${s.origin}${path}`, { headers: { cookie: l.cookie }, redirect: 'manual' });

  for (const [i, lesson] of LESSONS.entries()) {
    const send = () => post(`/modules/${MODULE}/${lesson}`, [['intent', 'complete']]);
    note('lesson complete', ...(i < 2 ? await twice(send) : [await send()]));
  }

  const page = await get(`/quizzes/${QUIZ}`);
  note('quiz page', page);
  const quiz = readQuizForm(await page.text());
  if (!quiz) throw new Error(`${l.email}: the quiz page showed no form`);
  tally.questions = quiz.questionCount;
  const submissions = await twice(() => post(`/quizzes/${QUIZ}`, quiz.entries));
  // One of a double submission grades the attempt (303 to its result); the other is told it changed nothing (409).
  note(
    'quiz submit',
    ...submissions.toSorted((a, b) => a.status - b.status).map((r, i) => (i === 0 ? r : Object.assign(r, { duplicate: true }))),
  );
  await Promise.all(submissions.map((r) => r.text()));

  note('role-play start', ...(await twice(() => post(`/scenarios/${SCENARIO}`, [['intent', 'start']]))));
  for (let turn = 0; turn < 20; turn++) {
    const play = await get(`/scenarios/${SCENARIO}`);
    note('role-play page', play);
    const choice = readFirstChoice(await play.text());
    if (!choice) break;
    const entries: [string, string][] = [['intent', 'choose'], ...Object.entries(choice)];
    note('role-play choice', ...(await twice(() => post(`/scenarios/${SCENARIO}`, entries))));
    tally.decisions++;
  }
  return tally;
}

describe(`${LEARNERS} learners at once`, () => {
  let tallies: Tally[];
  beforeAll(async () => {
    tallies = await mapLimit(learners, CONCURRENCY, learnerDay);
  }, 180_000);

  it('answers every request without a server error, with the status each action promises', () => {
    const all = tallies.flatMap((t) => t.statuses);
    expect(all.length).toBeGreaterThanOrEqual(LEARNERS * 20);
    expect(all.filter((r) => r.status >= 500)).toEqual([]);
    const expected: Record<string, number> = {
      'lesson complete': 303,
      'quiz page': 200,
      'quiz submit': 303,
      'quiz submit (again)': 409,
      'role-play start': 303,
      'role-play page': 200,
      'role-play choice': 303,
    };
    expect(all.filter((r) => r.status !== expected[r.what])).toEqual([]);
  });

  it('records each lesson completion once however often it was sent', async () => {
    expect(await count(s.db, `select count(*) as n from lesson_progress where user_id in ${CROWD}`)).toBe(
      LEARNERS * LESSONS.length,
    );
    expect(
      await count(s.db, `select count(*) as n from lesson_progress where completed_at is not null and user_id in ${CROWD}`),
    ).toBe(LEARNERS * LESSONS.length);
  });

  it('records one graded attempt per learner and one answer per question, despite double submits', async () => {
    expect(await count(s.db, `select count(*) as n from quiz_attempts where user_id in ${CROWD}`)).toBe(LEARNERS);
    expect(await count(s.db, `select count(*) as n from quiz_attempts where status = 'submitted' and user_id in ${CROWD}`)).toBe(
      LEARNERS,
    );
    const questions = tallies.reduce((sum, t) => sum + t.questions, 0);
    expect(
      await count(
        s.db,
        `select count(*) as n from quiz_responses r join quiz_attempts a on a.id = r.attempt_id where a.user_id in ${CROWD}`,
      ),
    ).toBe(questions);
  });

  it('records one finished run per learner and each decision once', async () => {
    expect(await count(s.db, `select count(*) as n from scenario_runs where user_id in ${CROWD}`)).toBe(LEARNERS);
    expect(await count(s.db, `select count(*) as n from scenario_runs where status = 'finished' and user_id in ${CROWD}`)).toBe(
      LEARNERS,
    );
    const decisions = tallies.reduce((sum, t) => sum + t.decisions, 0);
    expect(
      await count(
        s.db,
        `select count(*) as n from scenario_steps st join scenario_runs r on r.id = st.run_id where r.user_id in ${CROWD}`,
      ),
    ).toBe(decisions);
  });

  it('leaves the server log free of errors', () => {
    expect(s.output()).not.toMatch(/error|SQLITE_BUSY/i);
  });
});

// 2. Write paths at 50 connections: quiz submissions and role-play steps, each by a different learner,
// then the rows in the database are counted and compared with the responses that acknowledged a write.
import { sql } from 'drizzle-orm';
import { course, createLearners, insertMany, seededDb, startServer, type Options, type Person } from './lib.ts';
import { formHeaders, load, type LoadResult } from './load.ts';
import { int, ms, verdict, type Section, type Table } from './report.ts';
import { quizAttempts, scenarioRuns } from '../src/lib/server/schema.ts';
import { randomId } from '../src/lib/server/token.ts';
import { planAttempt, type AttemptPlan } from '../src/lib/quiz/index.ts';
import type { Db } from '../src/lib/server/db.ts';

const QUIZ = 'empathy-quiz';
const SCENARIO = 'the-saturday-rush';
const CONNECTIONS = 50;

/** A valid (not necessarily correct) answer to every question of a planned attempt, as the form sends it. */
function answers(attemptId: string, plan: AttemptPlan): string {
  const form = new URLSearchParams({ attemptId });
  for (const q of plan.questions) {
    if (q.type === 'likert') form.append(`q:${q.id}`, '4');
    else if (q.type === 'ordering') q.order.forEach((item, i) => form.append(`q:${q.id}:${item}`, String(i + 1)));
    else form.append(`q:${q.id}`, q.order[0]!);
  }
  return form.toString();
}

async function count(db: Db, query: ReturnType<typeof sql>): Promise<number> {
  const rows = await db.all<{ n: number }>(query);
  return Number(rows[0]?.n ?? 0);
}

interface WriteRun {
  name: string;
  result: LoadResult;
  acknowledged: number;
  rows: number;
  extra: string;
}

async function quizSubmissions(db: Db, origin: string, learners: Person[]): Promise<WriteRun> {
  const quiz = course().quizzes.get(QUIZ)!;
  const now = new Date();
  const attempts = learners.map((l) => {
    const id = randomId();
    return { person: l, id, plan: planAttempt(quiz, id) };
  });
  await insertMany(
    db,
    quizAttempts,
    attempts.map((a) => ({
      id: a.id,
      userId: a.person.id,
      quizId: QUIZ,
      plan: JSON.stringify(a.plan),
      status: 'open' as const,
      startedAt: now,
    })),
  );
  let i = 0;
  const next = () => {
    const a = attempts[i++];
    if (!a) throw new Error('ran out of prepared quiz attempts');
    return { headers: formHeaders(origin, a.person.cookie), body: answers(a.id, a.plan) };
  };
  const amount = learners.length - 2 * CONNECTIONS;
  const result = await load({ origin, path: `/quizzes/${QUIZ}`, method: 'POST', connections: CONNECTIONS, amount, next });
  const submitted = await count(db, sql`select count(*) as n from quiz_attempts where status = 'submitted'`);
  const responses = await count(db, sql`select count(*) as n from quiz_responses`);
  const perAttempt = attempts[0]!.plan.questions.length;
  return {
    name: `quiz submission POST /quizzes/${QUIZ}`,
    result,
    acknowledged: result.status['2xx'] + result.status['3xx'],
    rows: submitted,
    extra: `quiz_responses rows ${int(responses)} (expected ${int(submitted * perAttempt)}: ${perAttempt} per submitted attempt)`,
  };
}

async function scenarioSteps(db: Db, origin: string, learners: Person[]): Promise<WriteRun> {
  const scenario = course().scenarios.get(SCENARIO)!;
  const start = scenario.nodes.find((n) => n.id === scenario.start)!;
  const now = new Date();
  const runs = learners.map((l) => ({ person: l, id: randomId() }));
  await insertMany(
    db,
    scenarioRuns,
    runs.map((r) => ({
      id: r.id,
      userId: r.person.id,
      scenarioId: SCENARIO,
      status: 'active' as const,
      nodeId: start.id,
      startedAt: now,
      updatedAt: now,
    })),
  );
  let i = 0;
  const next = () => {
    const r = runs[i++];
    if (!r) throw new Error('ran out of prepared role-play runs');
    const body = new URLSearchParams({
      intent: 'choose',
      runId: r.id,
      nodeId: start.id,
      choiceId: start.choices[i % start.choices.length]!.id,
    });
    return { headers: formHeaders(origin, r.person.cookie), body: body.toString() };
  };
  // A recorded step redirects back to the role-play; anything else (moved-on notice, debrief, 4xx) records nothing new.
  const here = `/scenarios/${SCENARIO}`;
  let recorded = 0;
  const amount = learners.length - 2 * CONNECTIONS;
  const result = await load({
    origin,
    path: here,
    method: 'POST',
    connections: CONNECTIONS,
    amount,
    next,
    onResponse: (status, headers) => {
      if (status === 303 && headers.location === here) recorded++;
    },
  });
  const steps = await count(db, sql`select count(*) as n from scenario_steps`);
  const moved = await count(db, sql`select count(*) as n from scenario_runs where node_id is not ${start.id}`);
  return {
    name: `role-play step POST ${here}`,
    result,
    acknowledged: result.status['2xx'] + result.status['3xx'],
    rows: steps,
    extra: `303 to the role-play ${int(recorded)}; runs moved past the first node ${int(moved)}`,
  };
}

export async function benchWrites(options: Options): Promise<Section> {
  const perPath = options.quick ? 300 : 2000;
  const runs: WriteRun[] = [];
  for (const bench of [quizSubmissions, scenarioSteps]) {
    // A fresh server and database for each path, so one path's rows cannot blur the other's count.
    const database = await seededDb();
    const server = await startServer(database.url);
    try {
      const learners = await createLearners(database.db, perPath + 2 * CONNECTIONS, null, bench.name.toLowerCase());
      runs.push(await bench(database.db, server.origin, learners));
    } finally {
      await server.stop();
      database.close();
    }
  }
  const table: Table = {
    caption: 'Writes, each request a different learner',
    head: [
      'path',
      'req/s',
      'p50 ms',
      'p99 ms',
      'requests',
      '2xx',
      '3xx',
      '4xx',
      '5xx',
      'errors',
      'timeouts',
      'acknowledged',
      'rows',
    ],
    rows: runs.map(({ name, result: r, acknowledged, rows }) => [
      name,
      int(r.rps),
      ms(r.p50, 0),
      ms(r.p99, 0),
      int(r.requests),
      int(r.status['2xx']),
      int(r.status['3xx']),
      int(r.status['4xx']),
      int(r.status['5xx']),
      int(r.errors),
      int(r.timeouts),
      int(acknowledged),
      int(rows),
    ]),
  };
  return {
    title: '2. Write paths',
    method: [
      `Two fresh seeded databases, one per path. ${int(perPath)} learners are created straight in the database, each with a ` +
        `session and, for the quiz, an open attempt at ${QUIZ} (planned as the server would) or, for the role-play, an active run ` +
        `of ${SCENARIO} at its first node. autocannon then sends ${int(perPath)} POSTs over ${CONNECTIONS} connections, each as a ` +
        'different learner with the session cookie, an Origin header and valid answers (quiz) or a valid choice (role-play). ' +
        'Rows are counted afterwards: submitted attempts for the quiz, scenario_steps for the role-play.',
    ],
    tables: [table],
    findings: runs.map(
      (r) =>
        `${r.name}: acknowledged (2xx/3xx) ${int(r.acknowledged)}, rows ${int(r.rows)}: ` +
        `${r.acknowledged === r.rows ? 'equal' : 'NOT EQUAL'}; ${r.extra}. ` +
        `Every request acknowledged: ${verdict(r.acknowledged === r.result.requests && r.result.errors + r.result.timeouts === 0)}.`,
    ),
  };
}

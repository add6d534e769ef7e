// 2. Write paths at 50 connections: quiz submissions and role-play steps, each by a different learner,
// then the rows in the database are counted and compared with the responses that acknowledged a write.
import { sql } from 'drizzle-orm';
import { course, createLearners, insertMany, seededDb, startServer, type Options, type Person } from './lib.ts';
import { formHeaders, load, paced as pacedLoad, type LoadResult } from './load.ts';
import { int, ms, verdict, type Section, type Table } from './report.ts';
import { quizAttempts, scenarioRuns } from '../src/lib/server/db/schema.ts';
import { randomId } from '../src/lib/server/auth/token.ts';
import { planAttempt, type AttemptPlan } from '../src/lib/quiz/index.ts';
import type { Db } from '../src/lib/server/db/db.ts';

export const QUIZ = 'empathy-quiz';
const SCENARIO = 'the-saturday-rush';
export const CONNECTIONS = 50;

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

export async function count(db: Db, query: ReturnType<typeof sql>): Promise<number> {
  const rows = await db.all<{ n: number }>(query);
  return Number(rows[0]?.n ?? 0);
}

/** One write path, prepared: a request per learner, and how to count what it recorded. */
export interface WritePath {
  name: string;
  path: string;
  next: () => { headers: Record<string, string>; body: string };
  onResponse?: (status: number, headers: Record<string, string>) => void;
  /** Rows recorded so far (submitted attempts, or role-play steps). */
  rows(): Promise<number>;
  /** A sentence on the secondary checks, after every phase has run. */
  extra(): Promise<string>;
}

export async function quizSubmissions(db: Db, origin: string, learners: Person[]): Promise<WritePath> {
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
  const perAttempt = attempts[0]!.plan.questions.length;
  // A stored submission redirects to its result; anything else (409, 4xx) records nothing new.
  const results = `/quizzes/${QUIZ}/attempts/`;
  let redirected = 0;
  const submitted = () => count(db, sql`select count(*) as n from quiz_attempts where status = 'submitted'`);
  return {
    name: `quiz submission POST /quizzes/${QUIZ}`,
    path: `/quizzes/${QUIZ}`,
    next() {
      const a = attempts[i++];
      if (!a) throw new Error('ran out of prepared quiz attempts');
      return { headers: formHeaders(origin, a.person.cookie), body: answers(a.id, a.plan) };
    },
    onResponse: (status, headers) => {
      if (status === 303 && headers.location?.startsWith(results)) redirected++;
    },
    rows: submitted,
    async extra() {
      const responses = await count(db, sql`select count(*) as n from quiz_responses`);
      return (
        `303 to the attempt's result ${int(redirected)}; quiz_responses rows ${int(responses)} ` +
        `(expected ${int((await submitted()) * perAttempt)}: ${perAttempt} per submitted attempt)`
      );
    },
  };
}

export async function scenarioSteps(db: Db, origin: string, learners: Person[]): Promise<WritePath> {
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
  // A recorded step redirects back to the role-play; anything else (moved-on notice, debrief, 4xx) records nothing new.
  const here = `/scenarios/${SCENARIO}`;
  let recorded = 0;
  return {
    name: `role-play step POST ${here}`,
    path: here,
    next() {
      const r = runs[i++];
      if (!r) throw new Error('ran out of prepared role-play runs');
      const body = new URLSearchParams({
        intent: 'choose',
        runId: r.id,
        nodeId: start.id,
        choiceId: start.choices[i % start.choices.length]!.id,
      });
      return { headers: formHeaders(origin, r.person.cookie), body: body.toString() };
    },
    onResponse: (status, headers) => {
      if (status === 303 && headers.location === here) recorded++;
    },
    rows: () => count(db, sql`select count(*) as n from scenario_steps`),
    async extra() {
      const moved = await count(db, sql`select count(*) as n from scenario_runs where node_id is not ${start.id}`);
      return `303 to the role-play ${int(recorded)}; runs moved past the first node ${int(moved)}`;
    },
  };
}

interface WriteRun {
  name: string;
  saturated: LoadResult;
  paced: LoadResult;
  rate: number;
  /** Over all three phases, warm-up included. */
  requests: number;
  acknowledged: number;
  clean: boolean;
  rows: number;
  extra: string;
}

/**
 * Warm-up (not reported), then as fast as 50 connections go (throughput; latency there is mostly
 * queueing: 50 requests in flight divided by the rate), then an offered rate of half that throughput
 * over the same 50 connections (latency of a server that keeps up).
 */
async function runPhases(write: WritePath, origin: string, sizes: { warmup: number; saturated: number; paced: number }) {
  const spec = {
    origin,
    path: write.path,
    method: 'POST' as const,
    connections: CONNECTIONS,
    next: write.next,
    onResponse: write.onResponse,
  };
  const warmup = await load({ ...spec, amount: sizes.warmup });
  const saturated = await load({ ...spec, amount: sizes.saturated });
  const rate = Math.max(10, Math.round(saturated.rps / 2));
  const paced = await pacedLoad({ ...spec, amount: sizes.paced, rate });
  const phases = [warmup, saturated, paced];
  const sum = (f: (r: LoadResult) => number) => phases.reduce((n, r) => n + f(r), 0);
  return {
    name: write.name,
    saturated,
    paced,
    rate,
    requests: sum((r) => r.requests),
    acknowledged: sum((r) => r.status['2xx'] + r.status['3xx']),
    clean: sum((r) => r.errors + r.timeouts + r.status['4xx'] + r.status['5xx']) === 0,
    rows: await write.rows(),
    extra: await write.extra(),
  };
}

export async function benchWrites(options: Options): Promise<Section> {
  const sizes = options.quick ? { warmup: 100, saturated: 300, paced: 200 } : { warmup: 1000, saturated: 10_000, paced: 4000 };
  // autocannon asks for one more request per connection than it sends, in each phase.
  const learnersPerPath = sizes.warmup + sizes.saturated + sizes.paced + 3 * 2 * CONNECTIONS;
  const runs: WriteRun[] = [];
  for (const prepare of [quizSubmissions, scenarioSteps]) {
    // A fresh server and database for each path, so one path's rows cannot blur the other's count.
    const database = await seededDb();
    const server = await startServer(database.url);
    try {
      const learners = await createLearners(database.db, learnersPerPath, null, prepare.name.toLowerCase());
      runs.push(await runPhases(await prepare(database.db, server.origin, learners), server.origin, sizes));
    } finally {
      await server.stop();
      database.close();
    }
  }
  const table: Table = {
    caption: 'Writes, each request a different learner, 50 connections',
    head: [
      'path',
      'saturated req/s',
      'p50 ms',
      'p99 ms',
      'paced at req/s',
      'p50 ms',
      'p99 ms',
      'requests',
      'acknowledged',
      'rows',
    ],
    rows: runs.map((r) => [
      r.name,
      int(r.saturated.rps),
      ms(r.saturated.p50, 0),
      ms(r.saturated.p99, 0),
      int(r.rate),
      ms(r.paced.p50, 1),
      ms(r.paced.p99, 1),
      int(r.requests),
      int(r.acknowledged),
      int(r.rows),
    ]),
  };
  return {
    title: '2. Write paths',
    method: [
      `Two fresh seeded databases and servers, one per path. Learners are created straight in the database, each with a ` +
        `session and, for the quiz, an open attempt at ${QUIZ} (planned as the server would) or, for the role-play, an active run ` +
        `of ${SCENARIO} at its first node. Every POST is a different learner with the session cookie, an Origin header and valid ` +
        `answers (quiz) or a valid choice (role-play), over ${CONNECTIONS} connections, in three phases: ${int(sizes.warmup)} to warm ` +
        `the server up (not reported); ${int(sizes.saturated)} as fast as the connections go (saturated: each connection sends ` +
        `its next request when it has its answer, so latency there is mostly the queue of ${CONNECTIONS} requests divided by the ` +
        `rate); then ${int(sizes.paced)} at an offered rate of half the saturated throughput (paced: the latency of a server that ` +
        'keeps up with its load; requests are sent on a steady schedule and timed from when each was due). Rows are counted at the end, over all phases: submitted attempts for the quiz, scenario_steps ' +
        'for the role-play. The pages answer these posts on the native store with group commit ' +
        '(docs/decisions/008-write-fast-path.md, 009-one-module-graph.md).',
    ],
    tables: [table],
    findings: runs.flatMap((r) => [
      `${r.name}: acknowledged (2xx/3xx) ${int(r.acknowledged)} of ${int(r.requests)} requests, rows ${int(r.rows)}: ` +
        `${r.acknowledged === r.rows ? 'equal' : 'NOT EQUAL'}; ${r.extra}. ` +
        `Every request acknowledged, no errors: ${verdict(r.acknowledged === r.requests && r.clean)}.`,
      `${r.name}: p99 ${ms(r.paced.p99, 1)} ms paced at ${int(r.rate)} req/s, aim < 25 ms: ${verdict(r.paced.p99 < 25)}; ` +
        `p99 ${ms(r.saturated.p99, 0)} ms saturated at ${int(r.saturated.rps)} req/s, aim < 25 ms: ${verdict(r.saturated.p99 < 25)}` +
        (r.saturated.p99 < 25 ? '.' : ` (meeting it there takes at least ${int((CONNECTIONS / 25) * 1000)} req/s).`),
    ]),
  };
}

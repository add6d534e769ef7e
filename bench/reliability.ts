// 6. Reliability at the bench's size: the promises the reliability suites of `npm test` check at a small
// size (tests/integration/reliability-*.test.ts, fuzz.test.ts), run larger against the built server:
// double submits at 50 connections, SIGKILL in the middle of write load, and many more fuzz runs.
import http from 'node:http';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDb } from '../src/lib/server/db/db.ts';
import { createLearners, ROOT, seededDb, startServer, type BenchDb, type Options } from './lib.ts';
import { load } from './load.ts';
import { int, verdict, type Section, type Table } from './report.ts';
import { CONNECTIONS, count, QUIZ, quizSubmissions, scenarioSteps, type WritePath } from './writes.ts';

/** The same request twice in a row: with 50 connections the two are usually in flight together. */
function twice(next: WritePath['next']): WritePath['next'] {
  let calls = 0;
  let last: ReturnType<WritePath['next']> | undefined;
  return () => (calls++ % 2 === 0 || !last ? (last = next()) : last);
}

interface DoubleRun {
  name: string;
  requests: number;
  statuses: Map<number, number>;
  failures: number;
  checks: [string, boolean][];
}

/** Every submission sent twice at once: recorded once, answered 303 then 409 (quiz) or 303 twice (role-play). */
async function doubleSubmits(size: number): Promise<DoubleRun[]> {
  const runs: DoubleRun[] = [];
  for (const prepare of [quizSubmissions, scenarioSteps]) {
    const database = await seededDb();
    const server = await startServer(database.url);
    try {
      const learners = await createLearners(database.db, size + 2 * CONNECTIONS, null, `double-${prepare.name}`);
      const write = await prepare(database.db, server.origin, learners);
      const statuses = new Map<number, number>();
      const result = await load({
        origin: server.origin,
        path: write.path,
        method: 'POST',
        connections: CONNECTIONS,
        amount: 2 * size,
        next: twice(write.next),
        onResponse: (status, headers) => {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          write.onResponse?.(status, headers);
        },
      });
      runs.push({
        name: write.name,
        requests: result.requests,
        statuses,
        failures: result.errors + result.timeouts,
        checks: await doubleChecks(database, prepare === quizSubmissions, statuses, result.requests),
      });
    } finally {
      await server.stop();
      database.close();
    }
  }
  return runs;
}

async function doubleChecks(database: BenchDb, quiz: boolean, statuses: Map<number, number>, requests: number) {
  const db = database.db;
  const only = (...codes: number[]) => [...statuses.keys()].every((s) => codes.includes(s));
  if (quiz) {
    const submitted = await count(db, sql`select count(*) as n from quiz_attempts where status = 'submitted'`);
    const answers = await count(db, sql`select count(*) as n from quiz_responses`);
    const perAttempt = await count(
      db,
      sql`select max(n) as n from (select count(*) as n from quiz_responses group by attempt_id)`,
    );
    return [
      ['only 303 (stored) and 409 (already submitted) answers', only(303, 409)],
      [`one 303 per submitted attempt (${int(statuses.get(303) ?? 0)} = ${int(submitted)})`, statuses.get(303) === submitted],
      [
        `every other request a 409 (${int(statuses.get(409) ?? 0)} = ${int(requests - submitted)})`,
        statuses.get(409) === requests - submitted,
      ],
      [
        `answers stored once: ${int(answers)} rows = ${perAttempt} per attempt x ${int(submitted)}`,
        answers === perAttempt * submitted,
      ],
    ] as [string, boolean][];
  }
  const steps = await count(db, sql`select count(*) as n from scenario_steps`);
  const moved = await count(
    db,
    sql`select count(*) as n from scenario_runs r where exists (select 1 from scenario_steps s where s.run_id = r.id)`,
  );
  const most = await count(db, sql`select max(n) as n from (select count(*) as n from scenario_steps group by run_id)`);
  return [
    ['every answer a 303 (a repeated step is a duplicate, not an error)', only(303)],
    [
      `one step per run however often it was sent (${int(steps)} steps in ${int(moved)} runs, at most ${most} per run)`,
      steps === moved && most === 1,
    ],
    [`at least half the requests recorded a step (${int(steps)} of ${int(requests)})`, steps * 2 >= requests - 2],
  ] as [string, boolean][];
}

interface CrashRun {
  acknowledged: string[];
  sent: number;
  checks: [string, boolean][];
  cutOff: number;
}

/**
 * Quiz submissions from 50 keep-alive loops until `killAfter` have been acknowledged (a 303 naming the
 * attempt), then SIGKILL. The server is started again on the same file, and the file is checked.
 */
async function crashUnderLoad(size: number, killAfter: number): Promise<CrashRun> {
  const database = await seededDb();
  const server = await startServer(database.url);
  const learners = await createLearners(database.db, size, null, 'crash');
  const write = await quizSubmissions(database.db, server.origin, learners);
  const acknowledged: string[] = [];
  let sent = 0;
  let killing: Promise<void> | undefined;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const post = (work: ReturnType<WritePath['next']>) =>
    new Promise<{ status: number; location: string }>((resolve, reject) => {
      const req = http.request(`${server.origin}${write.path}`, { method: 'POST', agent, headers: work.headers }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, location: String(res.headers.location ?? '') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(work.body);
    });
  const loop = async () => {
    for (let i = 0; i < size && !killing; i++) {
      let work: ReturnType<WritePath['next']>;
      try {
        work = write.next();
      } catch {
        return; // the prepared attempts ran out before the kill
      }
      sent++;
      try {
        const { status, location } = await post(work);
        if (status === 303) acknowledged.push(location.split('/').at(-1)!);
      } catch {
        return; // the connection died with the server: not acknowledged
      }
      if (acknowledged.length >= killAfter) killing ??= server.crash();
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, loop));
  await (killing ?? server.crash());
  agent.destroy();

  const again = await startServer(database.url);
  const started = (await fetch(`${again.origin}/sign-in`)).status === 200;
  await again.stop();
  const { checks, cutOff } = await crashChecks(database.url, acknowledged);
  database.close();
  return { acknowledged, sent, cutOff, checks: [['the server starts again on the same file', started], ...checks] };
}

async function crashChecks(url: string, acknowledged: string[]): Promise<{ checks: [string, boolean][]; cutOff: number }> {
  // A fresh connection, as after a restart: what is on disk, not what a cache remembers.
  const db = await openDb({ url });
  try {
    const integrity = await db.$client.execute('PRAGMA integrity_check');
    const foreign = await db.$client.execute('PRAGMA foreign_key_check');
    const stored = new Map(
      (
        await db.$client.execute(
          "select a.id, count(r.question_id) as answers from quiz_attempts a left join quiz_responses r on r.attempt_id = a.id where a.status = 'submitted' group by a.id",
        )
      ).rows.map((r) => [String(r.id), Number(r.answers)]),
    );
    const missing = acknowledged.filter((id) => !stored.has(id));
    const bare = [...stored.values()].filter((n) => n === 0).length;
    const cutOff = stored.size - (acknowledged.length - missing.length);
    const checks: [string, boolean][] = [
      ['PRAGMA integrity_check is ok', integrity.rows.map((r) => String(r[0])).join() === 'ok'],
      ['no foreign key breaks', foreign.rows.length === 0],
      [
        `every acknowledged submission is stored (${int(acknowledged.length - missing.length)} of ${int(acknowledged.length)})`,
        missing.length === 0,
      ],
      [`no submitted attempt without its answers (${bare})`, bare === 0],
    ];
    return { checks, cutOff };
  } finally {
    db.$client.close();
  }
}

interface FuzzRun {
  runs: number;
  passed: number;
  failed: number;
  seconds: number;
}

/** tests/integration/fuzz.test.ts with FUZZ_RUNS raised: every property, many more random inputs. */
function fuzzLarger(runs: number): FuzzRun {
  const report = join(mkdtempSync(join(tmpdir(), 'rapport-bench-fuzz-')), 'report.json');
  const started = performance.now();
  spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--project',
      'integration',
      'tests/integration/fuzz.test.ts',
      '--reporter=json',
      `--outputFile=${report}`,
    ],
    { cwd: ROOT, env: { ...process.env, FUZZ_RUNS: String(runs) }, stdio: 'ignore' },
  );
  const seconds = (performance.now() - started) / 1000;
  try {
    const json = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number };
    return { runs, passed: json.numPassedTests, failed: json.numFailedTests, seconds };
  } catch {
    return { runs, passed: 0, failed: 1, seconds };
  }
}

export async function benchReliability(options: Options): Promise<Section> {
  const sizes = options.quick
    ? { double: 200, crash: 800, killAfter: 300, fuzz: 50 }
    : { double: 3000, crash: 12_000, killAfter: 5000, fuzz: 500 };
  const doubles = await doubleSubmits(sizes.double);
  const crash = await crashUnderLoad(sizes.crash, sizes.killAfter);
  const fuzz = fuzzLarger(sizes.fuzz);
  const statusText = (s: Map<number, number>) =>
    [...s]
      .sort((a, b) => a[0] - b[0])
      .map(([code, n]) => `${code}: ${int(n)}`)
      .join(', ');
  const table: Table = {
    caption: 'Each write sent twice at once, 50 connections',
    head: ['path', 'requests', 'answers', 'errors and timeouts'],
    rows: doubles.map((d) => [d.name, int(d.requests), statusText(d.statuses), int(d.failures)]),
  };
  const checks = [...doubles.flatMap((d) => d.checks.map(([text, ok]) => [`${d.name}: ${text}`, ok] as const)), ...crash.checks];
  return {
    title: '6. Reliability at a larger size',
    method: [
      `Double submits: for each write path a fresh seeded server and ${int(sizes.double)} learners prepared as in section 2; ` +
        `every request is sent twice in a row over ${CONNECTIONS} connections, so the two copies are often in flight ` +
        'together (a double click, or a retry after a lost answer). The statuses and the rows are then compared.',
      `Crash: quiz submissions (${QUIZ}) from ${CONNECTIONS} keep-alive loops; after ${int(sizes.killAfter)} acknowledged ` +
        'submissions (a 303 naming the attempt) the server gets SIGKILL. It is started again on the same file, and a fresh ' +
        'connection checks the file and looks up every acknowledged attempt.',
      `Fuzzing: tests/integration/fuzz.test.ts with FUZZ_RUNS=${sizes.fuzz} (npm test runs 25 per property).`,
    ],
    tables: [table],
    findings: [
      ...checks.map(([text, ok]) => `${text}: ${verdict(ok)}.`),
      `Crash: ${int(crash.sent)} submissions sent, ${int(crash.acknowledged.length)} acknowledged before the kill, ` +
        `${int(crash.cutOff)} stored whose answer the kill cut off (committed, never acknowledged: allowed).`,
      `Fuzzing at ${fuzz.runs} runs per property: ${fuzz.passed} passed, ${fuzz.failed} failed in ${Math.round(fuzz.seconds)} s: ${verdict(fuzz.failed === 0 && fuzz.passed > 0)}.`,
    ],
  };
}

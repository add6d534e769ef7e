// 3. The manager dashboard (/team/<team id>) in synthetic organisations of two sizes: one manager of a 50-person
// team, requests one after another (a person loading the page), p50 latency and the ratio large/small.
import { statSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { openDb } from '../src/lib/server/db/db.ts';
import { sessions } from '../src/lib/server/db/schema.ts';
import { ensureOrg, MANAGED_TEAM_SIZE, MANAGER_EMAIL, type Org } from './generate.ts';
import { percentile, signInAs, startServer, type Options } from './lib.ts';
import { int, kb, ms, ratio, verdict, type Section } from './report.ts';

/** The dashboard of the bench manager's team (the matrix, figures and charts); /team itself only lists teams. */
const PATH = '/team/<managed team>';
const AIM_MS = 30;
const AIM_RATIO = 1.2;

interface Measured {
  org: Org;
  mb: number;
  counts: Record<string, number>;
  latencies: number[];
  bytes: number;
}

/** A server over one organisation, with a fresh session for the bench manager (removed by `close`). */
async function serve(org: Org) {
  const url = `file:${org.file}`;
  const db = await openDb({ url });
  const counts: Record<string, number> = {};
  for (const table of ['users', 'teams', 'lesson_progress', 'quiz_attempts', 'scenario_runs', 'assignments']) {
    const [row] = await db.all<{ n: number }>(sql.raw(`select count(*) as n from ${table}`));
    counts[table] = Number(row?.n ?? 0);
  }
  const manager = await signInAs(db, MANAGER_EMAIL);
  const [team] = await db.all<{ team_id: string }>(
    sql`select tm.team_id from team_managers tm join users u on u.id = tm.user_id where u.email = ${MANAGER_EMAIL}`,
  );
  if (!team) throw new Error(`${MANAGER_EMAIL} manages no team in ${org.file}`);
  const path = `/team/${team.team_id}`;
  const server = await startServer(url);
  const measured: Measured = { org, mb: statSync(org.file).size / 1024 ** 2, counts, latencies: [], bytes: 0 };
  return {
    measured,
    async get(record: boolean) {
      const t0 = performance.now();
      const res = await fetch(`${server.origin}${path}`, { headers: { cookie: manager.cookie }, redirect: 'manual' });
      const body = await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path} answered ${res.status} for the bench manager`);
      if (record) measured.latencies.push(performance.now() - t0);
      measured.bytes = body.byteLength;
    },
    async close() {
      await server.stop();
      // The cached file stays as generated, apart from this session's coming and going.
      await db.delete(sessions).where(eq(sessions.id, manager.sessionId));
      db.$client.close();
    },
  };
}

export async function benchDashboard(options: Options): Promise<Section> {
  const sizes = options.quick ? [1_000, 10_000] : [10_000, 100_000];
  const requests = options.quick ? 30 : 200;
  const orgs: Org[] = [];
  for (const size of sizes) orgs.push(await ensureOrg(size));
  const servers = await Promise.all(orgs.map(serve));
  try {
    // Both servers run side by side and requests alternate between them, so that load from elsewhere on a
    // shared machine falls on both sizes alike; only one request is in flight at any time.
    for (let i = 0; i < 10; i++) for (const s of servers) await s.get(false);
    for (let i = 0; i < requests; i++) for (const s of servers) await s.get(true);
  } finally {
    for (const s of servers) await s.close();
  }
  const results = servers.map((s) => ({ ...s.measured, latencies: s.measured.latencies.sort((a, b) => a - b) }));
  const [small, large] = results as [Measured, Measured];
  const p50 = (m: Measured) => percentile(m.latencies, 50);
  const growth = p50(large) / p50(small);
  const perLearner = (m: Measured) => m.counts.lesson_progress! / m.org.learners;
  return {
    title: '3. Manager dashboard',
    method: [
      `bench/generate.ts builds each organisation once into bench/.data/ (cached by size, migration count and generator ` +
        `version): learners in teams of 4 to 30 with a manager each, about ${perLearner(large).toFixed(1)} lesson_progress rows per ` +
        `learner (current lessons plus records of retired ones), quiz attempts, role-play runs, two team assignments and up to two sessions each. ` +
        `${MANAGER_EMAIL} manages one team of ${MANAGED_TEAM_SIZE}. One built server per size serves its file; after 10 warm-up requests each, ` +
        `${requests} GET ${PATH} requests per size are made one after another with the manager's session cookie, alternating ` +
        'between the two servers, each timed from request to last byte. The page is the full team dashboard: matrix, figures and server-drawn charts.',
    ],
    tables: [
      {
        caption: `GET ${PATH} as the manager of a ${MANAGED_TEAM_SIZE}-person team`,
        head: [
          'learners',
          'teams',
          'lesson_progress',
          'quiz_attempts',
          'scenario_runs',
          'file MB',
          'generated s',
          'p50 ms',
          'p90 ms',
          'p99 ms',
          'page KB',
        ],
        rows: results.map((m) => [
          int(m.org.learners),
          int(m.counts.teams!),
          int(m.counts.lesson_progress!),
          int(m.counts.quiz_attempts!),
          int(m.counts.scenario_runs!),
          int(m.mb),
          m.org.seconds ? m.org.seconds.toFixed(1) : 'cached',
          ms(p50(m)),
          ms(percentile(m.latencies, 90)),
          ms(percentile(m.latencies, 99)),
          kb(m.bytes),
        ]),
      },
    ],
    findings: [
      `p50 at ${int(large.org.learners)} learners: ${ms(p50(large))} ms; aim < ${AIM_MS} ms: ${verdict(p50(large) < AIM_MS)}.`,
      `Ratio p50 ${int(large.org.learners)}/${int(small.org.learners)}: ${ratio(growth)}; aim < ${AIM_RATIO}: ${verdict(growth < AIM_RATIO)}.`,
    ],
  };
}

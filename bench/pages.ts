// 1. A signed-in learner's lesson page against a static asset of the same server, at 50 connections.
import { createLearners, seededDb, startServer, type Options } from './lib.ts';
import { load, type LoadResult } from './load.ts';
import { int, ms, ratio, verdict, type Section } from './report.ts';
import { findTeamByName } from '../src/lib/server/people/teams.ts';

const LESSON = '/modules/empathy/what-empathy-looks-like';
// A query string always renders the page (a learner's first view of a lesson is like this too).
const LESSON_FULL = `${LESSON}?via=astro`;
const STATIC = '/favicon.svg';
const CONNECTIONS = 50;
const AIM = 0.6;

export async function benchPages(options: Options): Promise<Section> {
  const seconds = options.quick ? 3 : 15;
  const rounds = options.quick ? 1 : 2;
  const bench = await seededDb();
  const server = await startServer(bench.url);
  try {
    // One learner per connection, so the lesson's "opened" upsert touches 50 rows as 50 people would.
    const team = await findTeamByName(bench.db, 'Customer Support');
    const learners = await createLearners(bench.db, CONNECTIONS, team?.id ?? null, 'pages');
    let turn = 0;
    const asLearner = () => ({ headers: { cookie: learners[turn++ % learners.length]!.cookie } });
    const check = await fetch(`${server.origin}${LESSON}`, { headers: asLearner().headers, redirect: 'manual' });
    if (check.status !== 200) throw new Error(`${LESSON} answered ${check.status} for a signed-in learner`);

    // Warm up both paths (JIT, content caches, connections) before measuring.
    for (const path of [LESSON, STATIC])
      await load({ origin: server.origin, path, connections: CONNECTIONS, duration: 2, next: asLearner });
    const lesson: LoadResult[] = [];
    const asset: LoadResult[] = [];
    const full: LoadResult[] = [];
    // Interleaved rounds, so that a burst of work from elsewhere on a shared machine hits both sides.
    for (let round = 0; round < rounds; round++) {
      asset.push(await load({ origin: server.origin, path: STATIC, connections: CONNECTIONS, duration: seconds }));
      lesson.push(
        await load({ origin: server.origin, path: LESSON, connections: CONNECTIONS, duration: seconds, next: asLearner }),
      );
      full.push(
        await load({ origin: server.origin, path: LESSON_FULL, connections: CONNECTIONS, duration: seconds, next: asLearner }),
      );
    }

    const total = (runs: LoadResult[]) => runs.reduce((n, r) => n + r.requests, 0) / runs.reduce((s, r) => s + r.seconds, 0);
    const overall = total(lesson) / total(asset);
    const rows = lesson.flatMap((l, i) => [
      row(`static ${STATIC}`, i, asset[i]!),
      row(`lesson ${LESSON}`, i, l),
      row(`lesson, rendered ${LESSON_FULL}`, i, full[i]!),
    ]);
    const failed = [...lesson, ...asset, ...full].reduce((n, r) => n + r.requests - r.status['2xx'] + r.errors + r.timeouts, 0);
    return {
      title: '1. Lesson page against a static asset',
      method: [
        `The built server on loopback with a seeded database; autocannon with ${CONNECTIONS} connections, ` +
          `${rounds} interleaved round(s) of ${seconds} s per URL after a 2 s warm-up of each. The lesson is requested as ` +
          `${CONNECTIONS} different signed-in learners in turn (session cookie); the static asset without a cookie.`,
        `The middleware answers a plain lesson URL from the shell kept for the learner role after its first view ` +
          `(docs/decisions/007-lesson-shells.md, 009-one-module-graph.md); the same lesson with a query string always ` +
          `renders the page, as a first view does, and is measured alongside for comparison.`,
      ],
      tables: [
        { caption: 'Throughput and latency', head: ['URL', 'round', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx'], rows },
      ],
      findings: [
        `Ratio lesson/static requests per second: ${ratio(overall)} (${rounds > 1 ? 'over all rounds; per round ' + lesson.map((l, i) => ratio(l.rps / asset[i]!.rps)).join(', ') : 'one round'}); aim >= ${AIM}: ${verdict(overall >= AIM)}.`,
        `Ratio lesson rendered/static: ${ratio(total(full) / total(asset))} (not the aim's measure; shows what the shell saves).`,
        `Non-2xx responses, errors and timeouts: ${int(failed)}.`,
      ],
    };
  } finally {
    await server.stop();
    bench.close();
  }
}

function row(label: string, round: number, r: LoadResult): (string | number)[] {
  return [
    label,
    round + 1,
    int(r.rps),
    ms(r.p50, 0),
    ms(r.p99, 0),
    int(r.requests),
    int(r.requests - r.status['2xx'] + r.errors + r.timeouts),
  ];
}

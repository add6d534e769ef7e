// 7. Spaced review at scale (decision 024): the review page (/review) and the "due today" query behind the home
// page's "N reviews due", in the same synthetic organisations as the dashboard bench (bench/generate.ts), whose
// learners carry up to 30 review cards each with their review logs. Same aims as the dashboard: p50 under 30 ms
// at 100,000 learners, and under 1.2 times the p50 at 10,000.
import { statSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { openDb, type Db } from '../src/lib/server/db/db.ts';
import { sessions } from '../src/lib/server/db/schema.ts';
import { reviewsDueToday } from '../src/lib/server/review/reviews.ts';
import { dayBounds } from '../src/lib/review/daily.ts';
import { seededRandom } from '../src/lib/quiz/attempt.ts';
import { ensureOrg, type Org } from './generate.ts';
import { percentile, signInAs, startServer, type Options } from './lib.ts';
import { int, kb, ms, ratio, verdict, type Section } from './report.ts';

const AIM_MS = 30;
const AIM_RATIO = 1.2;
const AIM_QUERY_MS = 1;

interface Measured {
  org: Org;
  mb: number;
  cards: number;
  due: number;
  page: number[];
  query: number[];
  bytes: number;
  plan: string;
}

/** The learner with the most cards due: the heaviest review page there is. */
async function busiest(db: Db, now: number): Promise<string> {
  const [row] = await db.all<{ email: string }>(
    sql`select u.email from review_cards c join users u on u.id = c.user_id where c.due <= ${now} and u.active = 1
        group by c.user_id order by count(*) desc limit 1`,
  );
  if (!row) throw new Error('no learner has a review due');
  return row.email;
}

async function serve(org: Org, now: Date) {
  const db = await openDb({ url: `file:${org.file}` });
  const count = async (q: string) => Number((await db.all<{ n: number }>(sql.raw(q)))[0]?.n ?? 0);
  const learner = await signInAs(db, await busiest(db, now.getTime()));
  const ids = (await db.all<{ id: string }>(sql`select id from users where role = 'learner'`)).map((r) => r.id);
  const plan = (
    await db.$client.execute({
      sql: 'explain query plan select count(*) from review_cards where user_id = ? and due <= ?',
      args: [ids[0]!, now.getTime()],
    })
  ).rows.map((r) => String(r.detail));
  const server = await startServer(`file:${org.file}`);
  const measured: Measured = {
    org,
    mb: statSync(org.file).size / 1024 ** 2,
    cards: await count('select count(*) as n from review_cards'),
    due: await count(`select count(*) as n from review_cards where due <= ${now.getTime()}`),
    page: [],
    query: [],
    bytes: 0,
    plan: plan.join('; '),
  };
  const random = seededRandom(`review-bench-${org.learners}`);
  const day = dayBounds(now, 'UTC');
  return {
    measured,
    async get(record: boolean) {
      const t0 = performance.now();
      const res = await fetch(`${server.origin}/review`, { headers: { cookie: learner.cookie }, redirect: 'manual' });
      const body = await res.text();
      if (res.status !== 200 || !body.includes('left today')) throw new Error(`/review answered ${res.status} without a card`);
      if (record) measured.page.push(performance.now() - t0);
      measured.bytes = body.length;
    },
    async query(record: boolean) {
      const userId = ids[Math.floor(random() * ids.length)]!;
      const t0 = performance.now();
      await reviewsDueToday(db, userId, day);
      if (record) measured.query.push(performance.now() - t0);
    },
    async close() {
      await server.stop();
      await db.delete(sessions).where(eq(sessions.id, learner.sessionId));
      db.$client.close();
    },
  };
}

export async function benchReview(options: Options): Promise<Section> {
  const sizes = options.quick ? [1_000, 10_000] : [10_000, 100_000];
  const requests = options.quick ? 30 : 200;
  const now = new Date();
  const orgs: Org[] = [];
  for (const size of sizes) orgs.push(await ensureOrg(size));
  const servers = await Promise.all(orgs.map((o) => serve(o, now)));
  try {
    // As in the dashboard bench: the sizes alternate, one request or query in flight at a time.
    for (let i = 0; i < 10; i++) for (const s of servers) (await s.get(false), await s.query(false));
    for (let i = 0; i < requests; i++) for (const s of servers) (await s.get(true), await s.query(true));
  } finally {
    for (const s of servers) await s.close();
  }
  const results = servers.map((s) => ({
    ...s.measured,
    page: s.measured.page.sort((a, b) => a - b),
    query: s.measured.query.sort((a, b) => a - b),
  }));
  const [small, large] = results as [Measured, Measured];
  const p50 = (list: number[]) => percentile(list, 50);
  const growth = p50(large.page) / p50(small.page);
  return {
    title: '7. Spaced review',
    method: [
      `The dashboard bench's organisations (bench/generate.ts), whose learners have 0 to 30 review cards each, due from 20 days ago ` +
        `to 60 days ahead, with their review logs. One built server per size; after 10 warm-up requests each, ${requests} GET /review ` +
        `requests per size as the learner with the most cards due (the page shows the first of today's set), one after another, ` +
        `alternating between sizes. Between requests, the "due today" query behind the home page (reviewsDueToday: the learner's ` +
        `settings, cards due by the end of the day, reviews done today) runs in the bench process for a random learner.`,
      `Query plan for the cards-due count: ${large.plan}.`,
    ],
    tables: [
      {
        caption: 'GET /review and the "due today" query',
        head: [
          'learners',
          'review_cards',
          'due now',
          'file MB',
          'page p50 ms',
          'page p90 ms',
          'page p99 ms',
          'page KB',
          'query p50 ms',
          'query p99 ms',
        ],
        rows: results.map((m) => [
          int(m.org.learners),
          int(m.cards),
          int(m.due),
          int(m.mb),
          ms(p50(m.page)),
          ms(percentile(m.page, 90)),
          ms(percentile(m.page, 99)),
          kb(m.bytes),
          ms(p50(m.query)),
          ms(percentile(m.query, 99)),
        ]),
      },
    ],
    findings: [
      `Review page p50 at ${int(large.org.learners)} learners: ${ms(p50(large.page))} ms; aim < ${AIM_MS} ms: ${verdict(p50(large.page) < AIM_MS)}.`,
      `Ratio p50 ${int(large.org.learners)}/${int(small.org.learners)}: ${ratio(growth)}; aim < ${AIM_RATIO}: ${verdict(growth < AIM_RATIO)}.`,
      `"Due today" query p50 at ${int(large.org.learners)} learners: ${ms(p50(large.query))} ms; aim < ${AIM_QUERY_MS} ms: ${verdict(p50(large.query) < AIM_QUERY_MS)}.`,
    ],
  };
}

// A synthetic organisation in a libSQL file, for the dashboard benchmark:
//   node bench/generate.ts <learners> [file]
// Learners sit in teams of 4 to 30 with one manager each; the bench manager (MANAGER_EMAIL) manages one
// team of exactly 50. Each learner has about 30 lesson_progress rows, some quiz attempts, role-play runs,
// team assignments and sessions. Rows are inserted in batches of teams, one transaction each, with the journal and
// fsync off: the file is built under a temporary name and renamed only once complete.
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type InValue, type Transaction } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import * as schema from '../src/lib/server/db/schema.ts';
import type { Db } from '../src/lib/server/db/db.ts';
import { migrateDb } from '../src/lib/server/db/migrate.ts';
import { hashPassword } from '../src/lib/server/auth/password.ts';
import { DEMO_PASSWORD } from '../src/lib/server/demo/seed.ts';
import { seededRandom } from '../src/lib/quiz/index.ts';
import { course, DATA_DIR, migrationCount } from './lib.ts';
import { learnerRows, teamSizes, type Rows } from './org-rows.ts';

/** Bump when the shape of generated data changes, so that cached files are rebuilt. */
const GENERATOR_VERSION = 3;
export const MANAGER_EMAIL = 'manager@bench.example.com';
export const MANAGED_TEAM_SIZE = 50;
const BATCH = 2000;

export interface Org {
  file: string;
  learners: number;
  /** Seconds spent generating in this run; 0 when the cached file was used. */
  seconds: number;
}

/** Generated organisations are cached by size, number of migrations and generator version. */
export function orgFile(learners: number): string {
  return join(DATA_DIR, `org-${learners}-m${migrationCount()}-g${GENERATOR_VERSION}.db`);
}

export async function ensureOrg(learners: number): Promise<Org> {
  const file = orgFile(learners);
  if (existsSync(file)) return { file, learners, seconds: 0 };
  const t0 = performance.now();
  await generateOrg(learners, file);
  return { file, learners, seconds: (performance.now() - t0) / 1000 };
}

/** Rows go in as one JSON text per 5,000 rows, which SQLite unpacks itself: far fewer bindings than VALUES lists. */
async function insert(tx: Transaction, table: string, rows: Record<string, InValue>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  // JSON has no bytes: blob columns travel as hex.
  const select = columns.map((c, i) => (c === 'secret_hash' ? `unhex(value->>${i})` : `value->>${i}`)).join(', ');
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000).map((r) => columns.map((c) => r[c] ?? null));
    await tx.execute({
      sql: `insert into ${table} (${columns.join(', ')}) select ${select} from json_each(?)`,
      args: [JSON.stringify(chunk)],
    });
  }
}

async function insertAll(client: ReturnType<typeof createClient>, rows: Rows): Promise<void> {
  const tx = await client.transaction('write');
  try {
    for (const [table, list] of Object.entries(rows)) await insert(tx, table, list);
    await tx.commit();
  } finally {
    tx.close();
  }
}

export async function generateOrg(learners: number, file: string): Promise<void> {
  mkdirSync(DATA_DIR, { recursive: true });
  const tmp = `${file}.tmp`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) rmSync(f, { force: true });
  // One connection, so that the PRAGMAs below hold for every statement.
  const client = createClient({ url: `file:${tmp}`, concurrency: 1 });
  try {
    await migrateDb(drizzle(client, { schema }) as Db);
    for (const pragma of ['journal_mode = OFF', 'synchronous = OFF', 'cache_size = -262144', 'temp_store = MEMORY'])
      await client.execute(`PRAGMA ${pragma}`);
    const random = seededRandom(`rapport-bench-org-${learners}`);
    const sizes = teamSizes(learners, MANAGED_TEAM_SIZE, random);
    const plan = { course: course(), random, now: Date.now(), passwordHash: await hashPassword(DEMO_PASSWORD) };
    let offset = 0;
    for (let t = 0; t < sizes.length;) {
      // Whole teams per batch, about BATCH learners each, so a team's rows are written together.
      let members = 0;
      const first = t;
      while (t < sizes.length && (members === 0 || members + sizes[t]! <= BATCH)) members += sizes[t++]!;
      await insertAll(client, learnerRows(plan, { firstTeam: first, sizes: sizes.slice(first, t), firstLearner: offset }));
      offset += members;
    }
    await client.execute('PRAGMA journal_mode = WAL');
  } finally {
    client.close();
  }
  renameSync(tmp, file);
}

if (import.meta.main) {
  const learners = Number(process.argv[2]);
  if (!Number.isInteger(learners) || learners < MANAGED_TEAM_SIZE) {
    console.error(`Usage: node bench/generate.ts <learners, at least ${MANAGED_TEAM_SIZE}> [file]`);
    process.exit(1);
  }
  const file = process.argv[3] ?? orgFile(learners);
  const t0 = performance.now();
  await generateOrg(learners, file);
  const mb = (statSync(file).size / 1024 ** 2).toFixed(0);
  console.log(`${learners} learners in ${file} (${mb} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

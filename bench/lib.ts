// Shared helpers of the benchmarks: options, the built server, bench databases, signed-in people and
// content read straight from content/ (the same files the build uses).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDb, type Db } from '../src/lib/server/db/db.ts';
import { migrateDb } from '../src/lib/server/db/migrate.ts';
import { seedDemoIfEmpty } from '../src/lib/server/demo/seed.ts';
import { sessions, users } from '../src/lib/server/db/schema.ts';
import { SESSION_COOKIE } from '../src/lib/server/auth/session.ts';
import { hashSecret, newToken, randomId } from '../src/lib/server/auth/token.ts';
import { findUserByEmail } from '../src/lib/server/people/users.ts';
import { loadCourseFromDisk, type DiskCourse } from '../src/lib/content/course-fs.ts';

export const ROOT = resolve(import.meta.dirname, '..');
export const ENTRY = join(ROOT, 'dist/server/entry.mjs');
/** The production server: the built app in a plain Node HTTP server. */
export const SERVE = join(ROOT, 'scripts/serve.ts');
export const CLIENT_DIR = join(ROOT, 'dist/client');
/** Generated organisations are cached here (gitignored). */
export const DATA_DIR = join(ROOT, 'bench/.data');

export interface Options {
  /** Small sizes and short durations: a smoke run of every benchmark in a minute or two. */
  quick: boolean;
  /** Benchmarks to run (all when null). */
  only: string[] | null;
}

export function parseOptions(argv: string[]): Options {
  const only = argv.find((a) => a.startsWith('--only='));
  return {
    quick: argv.includes('--quick'),
    only: only ? only.slice('--only='.length).split(',').filter(Boolean) : null,
  };
}

/** Number of SQL migrations in drizzle/, part of the cache key of generated databases. */
export function migrationCount(): number {
  return readdirSync(join(ROOT, 'drizzle')).filter((f) => f.endsWith('.sql')).length;
}

export interface BenchServer {
  origin: string;
  stop(): Promise<void>;
  /** Kills the process with SIGKILL (no chance to finish anything) and waits until it is gone. */
  crash(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? res(address.port) : rej(new Error('no port'))));
    });
  });
}

/** Starts the built server (production mode) on loopback over the database at `dbUrl`. */
export async function startServer(dbUrl: string): Promise<BenchServer> {
  if (!existsSync(ENTRY)) throw new Error('No build at dist/server/entry.mjs; run `npx astro build`.');
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(process.execPath, [SERVE], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: dbUrl, HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
    try {
      await fetch(`${origin}/favicon.svg`);
      break;
    } catch {
      if (i > 200) throw new Error(`server did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  };
  return { origin, stop: () => end('SIGTERM'), crash: () => end('SIGKILL') };
}

export interface BenchDb {
  db: Db;
  url: string;
  close(): void;
}

/** A migrated database with the demo organisation, in a temporary directory removed on close. */
export async function seededDb(): Promise<BenchDb> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-'));
  const url = `file:${join(dir, 'bench.db')}`;
  const db = await openDb({ url });
  await migrateDb(db);
  await seedDemoIfEmpty(db);
  return {
    db,
    url,
    close() {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A signed-in person: their id and the Cookie header value of a fresh session. */
export interface Person {
  id: string;
  cookie: string;
  sessionId: string;
}

const CHUNK = 500;

/** Inserts rows in chunks inside one transaction (a multi-row INSERT per chunk). */
export async function insertMany<T extends Record<string, unknown>>(
  db: Db,
  table: Parameters<Db['insert']>[0],
  rows: T[],
): Promise<void> {
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(table).values(rows.slice(i, i + CHUNK) as never);
  });
}

/** Sessions for existing users, written straight to the database as the e2e fixtures do. */
export async function signIn(db: Db, userIds: string[], now = new Date()): Promise<Person[]> {
  const made = userIds.map((id) => ({ id, token: newToken() }));
  await insertMany(
    db,
    sessions,
    made.map(({ id, token }) => ({
      id: token.id,
      userId: id,
      secretHash: Buffer.from(hashSecret(token.secret)),
      createdAt: now,
      lastVerifiedAt: now,
    })),
  );
  return made.map(({ id, token }) => ({ id, cookie: `${SESSION_COOKIE}=${token.value}`, sessionId: token.id }));
}

/** Creates `count` signed-in learners (no password) in the given team. */
export async function createLearners(db: Db, count: number, teamId: string | null, tag: string): Promise<Person[]> {
  const rows = Array.from({ length: count }, (_, i) => ({
    id: randomId(),
    email: `${tag}-${i}@bench.example.com`,
    displayName: `Bench Learner ${i}`,
    role: 'learner' as const,
    teamId,
  }));
  await insertMany(db, users, rows);
  return signIn(
    db,
    rows.map((r) => r.id),
  );
}

/** A session for one of the demo accounts (see src/lib/server/demo/seed.ts). */
export async function signInAs(db: Db, email: string): Promise<Person> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new Error(`no user ${email}`);
  const [person] = await signIn(db, [user.id]);
  return person!;
}

/** The course as plain data, parsed with the same schemas as the build (defaults filled in). */
/** The published course from content/ (see src/lib/content/course-fs.ts). */
export const course = () => loadCourseFromDisk(ROOT);

export type Course = DiskCourse;

/** Percentile of an ascending list (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** The team dashboard of the demo manager (Customer Support); /team itself only lists teams. */
export async function demoTeamPath(db: Db): Promise<string> {
  const rows = await db.$client.execute("select id from teams where name = 'Customer Support'");
  return `/team/${String(rows.rows[0]?.id)}`;
}

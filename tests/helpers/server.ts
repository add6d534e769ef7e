// Starts the real built server (scripts/serve.ts over dist/) on a free port with its own database file.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDb, type Db } from '../../src/lib/server/db.ts';
import { migrateDb } from '../../src/lib/server/migrate.ts';
import { seedDemoIfEmpty } from '../../src/lib/server/seed.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const ENTRY = join(ROOT, 'dist/server/entry.mjs');
/** The production server: Astro's handler behind the lesson fast path. */
const SERVE = join(ROOT, 'scripts/serve.ts');

export interface TestServer {
  origin: string;
  db: Db;
  dbUrl: string;
  output(): string;
  stop(): Promise<void>;
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

async function waitForReady(origin: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    try {
      await fetch(`${origin}/sign-in`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`server did not start:\n${output()}`);
}

export interface ServerOptions {
  seed?: boolean;
  env?: Record<string, string>;
}

/** Starts a server. The site must be built first (`npm run build`; `npm test` does it). */
export async function startServer({ seed = true, env = {} }: ServerOptions = {}): Promise<TestServer> {
  if (!existsSync(ENTRY)) throw new Error('No build found at dist/server/entry.mjs. Run `npm run build` first.');
  const dir = mkdtempSync(join(tmpdir(), 'rapport-server-'));
  const dbUrl = `file:${join(dir, 'server.db')}`;
  const db = await openDb({ url: dbUrl });
  await migrateDb(db);
  if (seed) await seedDemoIfEmpty(db);
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  let log = '';
  const child = spawn(process.execPath, [SERVE], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: dbUrl, HOST: 'localhost', PORT: String(port), NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  await waitForReady(origin, child, () => log);
  return {
    origin,
    db,
    dbUrl,
    output: () => log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

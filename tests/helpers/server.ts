// Starts the real built server (scripts/serve.ts over dist/) on a free port with its own database file,
// migrated and (unless told otherwise) seeded with the demo organisation.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../../src/lib/server/db/db.ts';
import { migrateDb } from '../../src/lib/server/db/migrate.ts';
import { seedDemoIfEmpty } from '../../src/lib/server/demo/seed.ts';
import { nativeStore, type Store } from '../../src/lib/server/db/store.ts';
import { spawnServer, stopServer } from './process-server.ts';

export interface TestServer {
  origin: string;
  db: Db;
  /** The plain-SQL store on the server's file (src/lib/server/db/store.ts). */
  store: Store;
  dbUrl: string;
  /** The id of the process serving requests, the supervisor's worker (to read its memory). */
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  seed?: boolean;
  env?: Record<string, string>;
  /** Runs on the migrated (and seeded) database before the server starts: rows its first scheduled check must see. */
  prepare?: (db: Db) => Promise<void>;
}

/** scripts/serve.ts supervises one worker, which serves: its process is the one whose memory counts. */
function workerPid(supervisor: number): number {
  const children = readFileSync(`/proc/${supervisor}/task/${supervisor}/children`, 'utf8').trim().split(/\s+/);
  return Number(children[0]) || supervisor;
}

/** Starts a server. The site must be built first (`npm run build`; `npm test` does it). */
export async function startServer({ seed = true, env = {}, prepare }: ServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-server-'));
  const file = join(dir, 'server.db');
  const dbUrl = `file:${file}`;
  const db = await openDb({ url: dbUrl });
  await migrateDb(db);
  if (seed) await seedDemoIfEmpty(db);
  await prepare?.(db);
  const server = await spawnServer(dbUrl, env);
  const store = nativeStore(file, { busyTimeoutMs: 5000, synchronous: 'normal' });
  return {
    origin: server.origin,
    db,
    store,
    dbUrl,
    pid: workerPid(server.child.pid!),
    output: server.output,
    async stop() {
      await stopServer(server);
      store.close();
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

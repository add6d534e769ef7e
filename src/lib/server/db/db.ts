/**
 * The database connection: drizzle over @libsql/client, opened lazily on first use so that
 * building the site never touches a database.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { config } from '../config.ts';
import * as schema from './schema.ts';

export type Db = LibSQLDatabase<typeof schema> & { $client: Client };

export interface OpenOptions {
  url: string;
  authToken?: string;
  busyTimeoutMs?: number;
  /** See DATABASE_SYNCHRONOUS in config.ts. */
  synchronous?: 'normal' | 'full';
}

/** Opens a database; for `file:` URLs creates the directory and switches the file to WAL mode. */
export async function openDb({ url, authToken, busyTimeoutMs = 5000, synchronous = 'normal' }: OpenOptions): Promise<Db> {
  const isFile = url.startsWith('file:');
  if (isFile) {
    const path = url.slice('file:'.length).split('?')[0] ?? '';
    if (path && path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  }
  // `timeout` sets the busy timeout on every pooled connection. Without it concurrent writers from
  // several processes get SQLITE_BUSY and (libsql-client-ts#352) can lose writes reported as done.
  const client = createClient({ url, authToken, timeout: busyTimeoutMs });
  if (isFile) {
    // WAL lets readers and one writer work at once and persists in the file once set.
    await client.execute('PRAGMA journal_mode = WAL');
    // Per connection, not stored in the file. The client keeps a pool, but every call outside a
    // transaction borrows and returns a connection synchronously, so in practice one connection
    // serves them all and this reaches it; a second connection (only opened while a transaction
    // holds the first) would run with the default FULL: slower, never less safe.
    await client.execute(`PRAGMA synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  }
  // Foreign keys are per connection in SQLite; libSQL's client enables them on each connection it opens.
  return drizzle(client, { schema }) as Db;
}

let shared: Promise<Db> | undefined;

/** The process-wide database from `DATABASE_URL`. */
export function db(): Promise<Db> {
  if (!shared) {
    const c = config();
    shared = openDb({
      url: c.DATABASE_URL,
      authToken: c.DATABASE_AUTH_TOKEN,
      busyTimeoutMs: c.DATABASE_BUSY_TIMEOUT_MS,
      synchronous: c.DATABASE_SYNCHRONOUS,
    });
  }
  return shared;
}

/**
 * Plain SQL on the write paths (a quiz submission, a role-play step): a few reads, then the writes of
 * one decision committed together. Through drizzle and @libsql/client every statement is built and
 * prepared anew on each call (120-280 µs each, docs/decisions/007-lesson-shells.md); on an embedded
 * file we keep one native read-write connection whose statements are prepared once, as the lesson
 * reader does for reads (src/lib/server/db/fast-read.ts). A remote libSQL server goes through the client.
 *
 * The pages run the decisions (submitAttempt(), choose()) over a store, so there is one set of queries per
 * decision whichever store serves it; FAST_PATHS=false uses the client store on a file too, for comparison.
 */
import Database from 'libsql';
import type { Client, InArgs } from '@libsql/client';
import { config } from '../config.ts';
import { db } from './db.ts';
import type { Row } from './fast-read.ts';

export type Arg = string | number | null;

export interface Statement {
  sql: string;
  args: Arg[];
}

export interface Store {
  /** The rows of one read. */
  all(sql: string, args: Arg[]): Row[] | Promise<Row[]>;
  /** Runs the statements in order in one write transaction; returns how many rows each changed. */
  batch(statements: Statement[]): number[] | Promise<number[]>;
}

/** A store over the shared client (remote databases). */
export function clientStore(client: Client): Store {
  return {
    async all(sql, args) {
      return (await client.execute({ sql, args: args as InArgs })).rows as unknown as Row[];
    },
    async batch(statements) {
      const results = await client.batch(
        statements.map((s) => ({ sql: s.sql, args: s.args as InArgs })),
        'write',
      );
      return results.map((r) => r.rowsAffected);
    },
  };
}

export interface NativeOptions {
  busyTimeoutMs: number;
  synchronous: 'normal' | 'full';
}

interface Pending {
  statements: Statement[];
  resolve(changes: number[]): void;
  reject(error: unknown): void;
}

/**
 * A store on its own native connection to a database file (already migrated, in WAL mode).
 *
 * Writes are group-committed: the batches asked for within one turn of the event loop (under load,
 * the requests that arrived together) commit in one transaction, each inside its own savepoint so
 * that a batch that fails rolls back alone and the others still commit. A commit was a quarter of
 * a quiz submission's CPU when each batch had its own (the profile in
 * docs/decisions/008-write-fast-path.md); in a group, the pages several batches touch (an index's
 * hot end, the same table page) are also written to the WAL once. Each batch's promise settles only
 * after the commit, so nothing is acknowledged before it is committed (as durable as DATABASE_SYNCHRONOUS
 * makes a commit: docs/decisions/006-database-durability.md).
 *
 * Every call runs to completion synchronously, so the connection is never left inside a transaction
 * while other requests use it; `BEGIN IMMEDIATE` takes the write lock up front, so a writer in
 * another process makes it wait (up to the busy timeout) rather than fail halfway.
 */
export function nativeStore(path: string, { busyTimeoutMs, synchronous }: NativeOptions): Store & { close(): void } {
  const native = new Database(path, { timeout: busyTimeoutMs } as never);
  // Per connection in SQLite: the same durability and integrity rules as the shared client's.
  native.exec(`PRAGMA synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  native.exec('PRAGMA foreign_keys = ON');
  // An array argument binds positionally (the binding's own path for spread arguments).
  const statements = new Map<string, ReturnType<typeof native.prepare<[Arg[]]>>>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = native.prepare<[Arg[]]>(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const run = (sql: string) => prepared(sql).run([]);

  let queue: Pending[] = [];
  function runOne({ statements: list }: Pending): { changes: number[] } | { error: unknown } {
    run('SAVEPOINT batch');
    try {
      const changes = list.map((s) => prepared(s.sql).run(s.args).changes);
      run('RELEASE batch');
      return { changes };
    } catch (error) {
      // A constraint broken by this batch: undo it alone. (Should SQLite have ended the whole transaction
      // itself, as it does on a full disk or an I/O error, this throws and the group fails as one.)
      run('ROLLBACK TO batch');
      run('RELEASE batch');
      return { error };
    }
  }
  function commitGroup() {
    const group = queue;
    queue = [];
    let outcomes: ReturnType<typeof runOne>[];
    try {
      run('BEGIN IMMEDIATE');
      outcomes = group.map(runOne);
      run('COMMIT');
    } catch (error) {
      // The lock was not had in time, or the commit failed (disk full, I/O): nothing of the group stands.
      if (native.inTransaction) run('ROLLBACK');
      for (const pending of group) pending.reject(error);
      return;
    }
    group.forEach((pending, i) => {
      const outcome = outcomes[i]!;
      if ('changes' in outcome) pending.resolve(outcome.changes);
      else pending.reject(outcome.error);
    });
  }

  return {
    all(sql, args) {
      return prepared(sql).all(args) as Row[];
    },
    batch(list) {
      return new Promise((resolve, reject) => {
        queue.push({ statements: list, resolve, reject });
        if (queue.length === 1) setImmediate(commitGroup);
      });
    },
    close() {
      // Whatever is queued commits first: a batch asked for is never silently dropped.
      if (queue.length > 0) commitGroup();
      native.close();
    },
  };
}

/** A store for `url`: native for `file:` URLs, otherwise the given client. */
export function openStore(url: string, client: Client, options: NativeOptions): Store {
  if (!url.startsWith('file:')) return clientStore(client);
  return nativeStore(url.slice('file:'.length).split('?')[0] ?? '', options);
}

let shared: Promise<Store> | undefined;

/** The process-wide store for `DATABASE_URL`, opened after the shared connection (which creates and migrates the file). */
export function store(): Promise<Store> {
  shared ??= db().then((database) => {
    const c = config();
    if (!c.FAST_PATHS) return clientStore(database.$client);
    return openStore(c.DATABASE_URL, database.$client, {
      busyTimeoutMs: c.DATABASE_BUSY_TIMEOUT_MS,
      synchronous: c.DATABASE_SYNCHRONOUS,
    });
  });
  return shared;
}

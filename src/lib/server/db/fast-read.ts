/**
 * Reads on the hot paths: the session lookup of every request, and lesson pages. Through drizzle and
 * @libsql/client a small SELECT costs about 120-280 µs here, mostly building the SQL and preparing
 * the statement anew on every call; a statement prepared once on libSQL's native binding answers in
 * about 13-50 µs (measurements in docs/decisions/007-lesson-shells.md). For an embedded file we
 * therefore keep a second, read-only connection with a statement cache; for a remote libSQL server
 * we go through the client as usual.
 *
 * Only single statements, each run to completion synchronously: no transactions, so the connection
 * is never left inside one while other requests use it.
 */
import Database from 'libsql';
import type { Client } from '@libsql/client';
import { config } from '../config.ts';
import { db } from './db.ts';

export type Row = Record<string, unknown>;

export interface Reader {
  all(sql: string, args: (string | number)[]): Row[] | Promise<Row[]>;
  close(): void;
}

/** A reader over the shared client (the Astro pages, and remote databases). */
export function clientReader(client: Client): Reader {
  return {
    async all(sql, args) {
      return (await client.execute({ sql, args })).rows as unknown as Row[];
    },
    close() {},
  };
}

/** A reader for `url`: native and read-only for `file:` URLs, otherwise the given client. */
export function openReader(url: string, client: Client, busyTimeoutMs: number): Reader {
  if (!url.startsWith('file:')) return clientReader(client);
  const path = url.slice('file:'.length).split('?')[0] ?? '';
  const native = new Database(path, { readonly: true, timeout: busyTimeoutMs } as never);
  const statements = new Map<string, ReturnType<typeof native.prepare<(string | number)[]>>>();
  return {
    all(sql, args) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = native.prepare<(string | number)[]>(sql);
        statements.set(sql, statement);
      }
      return statement.all(...args) as Row[];
    },
    close() {
      native.close();
    },
  };
}

let shared: Promise<Reader> | undefined;

/** The process-wide reader for `DATABASE_URL`, opened after the shared connection (which creates the file). */
export function reader(): Promise<Reader> {
  shared ??= db().then((database) => {
    const c = config();
    if (!c.FAST_PATHS) return clientReader(database.$client);
    return openReader(c.DATABASE_URL, database.$client, c.DATABASE_BUSY_TIMEOUT_MS);
  });
  return shared;
}

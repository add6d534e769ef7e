/**
 * Queueing statements (docs/decisions/021-xapi.md): each is one more SQL statement in the batch that writes
 * the learning record, so the record and its statements commit together or not at all. The same record
 * gives the same statement id, and `on conflict do nothing` queues it once however often it is written.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Arg, Statement as SqlStatement } from '../db/store.ts';
import type { Statement } from '../../xapi/index.ts';

/** A condition the queued row needs, checked inside the transaction (e.g. "this write changed the record"). */
export interface Condition {
  sql: string;
  args: Arg[];
}

// INSERT ... SELECT needs its WHERE for SQLite to parse the ON CONFLICT clause.
const QUEUE = 'insert into xapi_outbox (id, statement, created_at, next_attempt_at) select ?, ?, ?, ? where ';

/** The SQL that queues `statement` (only if `when` holds), for a store batch. */
export function queueSql(statement: Statement, now: Date, when?: Condition): SqlStatement {
  const time = now.getTime();
  return {
    sql: `${QUEUE}${when?.sql ?? '1'} on conflict do nothing`,
    args: [statement.id, JSON.stringify(statement), time, time, ...(when?.args ?? [])],
  };
}

/** The same as drizzle SQL, for a `db.batch([...])` beside drizzle queries. */
export function queueQuery(statement: Statement, now: Date, when?: Condition): SQL {
  const { sql: text, args } = queueSql(statement, now, when);
  const parts = text.split('?');
  const chunks: SQL[] = [sql.raw(parts[0]!)];
  args.forEach((arg, i) => chunks.push(sql`${arg}`, sql.raw(parts[i + 1]!)));
  return sql.join(chunks);
}

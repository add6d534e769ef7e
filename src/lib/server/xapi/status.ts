/** What the admin page shows of xAPI delivery, and its "Retry now". */
import type { Db } from '../db/db.ts';

export interface XapiStatus {
  /** Statements not yet delivered. */
  queued: number;
  delivered: number;
  oldestQueuedAt: Date | null;
  /** When the next queued statement is due (after a backoff), if any. */
  nextAttemptAt: Date | null;
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  lastError: string | null;
}

const at = (v: unknown) => (v == null ? null : new Date(Number(v)));

export async function xapiStatus(db: Db): Promise<XapiStatus> {
  const [counts, status] = await db.$client.batch(
    [
      'select sum(sent_at is null) as queued, sum(sent_at is not null) as delivered, ' +
        'min(case when sent_at is null then created_at end) as oldest, min(case when sent_at is null then next_attempt_at end) as next ' +
        'from xapi_outbox',
      'select last_success_at, last_error_at, last_error from xapi_status where id = 1',
    ],
    'read',
  );
  const c = counts!.rows[0]!;
  const s = status!.rows[0];
  return {
    queued: Number(c.queued ?? 0),
    delivered: Number(c.delivered ?? 0),
    oldestQueuedAt: at(c.oldest),
    nextAttemptAt: at(c.next),
    lastSuccessAt: at(s?.last_success_at),
    lastErrorAt: at(s?.last_error_at),
    lastError: s?.last_error == null ? null : String(s.last_error),
  };
}

/** Makes every queued statement due now (leases are left alone: a send in progress finishes first). */
export async function retryNow(db: Db, now = new Date()): Promise<number> {
  const result = await db.$client.execute({
    sql: 'update xapi_outbox set next_attempt_at = ? where sent_at is null and next_attempt_at > ?',
    args: [now.getTime(), now.getTime()],
  });
  return result.rowsAffected;
}

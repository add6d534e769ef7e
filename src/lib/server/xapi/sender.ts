/**
 * The xAPI sender inside each app server (docs/decisions/021-xapi.md). It leases a batch of due statements
 * (so two servers never send the same rows at once, and a killed server's lease runs out), POSTs them as
 * one array, and marks them sent, or splits a refused batch into single PUTs, or puts them back with a
 * backoff. A statement sent twice (the server died after sending, before marking) has the same id and
 * content both times, which an LRS stores once.
 */
import type { Db } from '../db/db.ts';
import { retryDelay, verdict, type Verdict } from '../../xapi/delivery.ts';
import type { XapiSettings } from './settings.ts';

interface Leased {
  id: string;
  statement: string;
  attempts: number;
}

export interface BatchReport {
  /** Rows leased for this batch (fewer than the batch size: the queue is drained for now). */
  leased: number;
  sent: number;
  failed: number;
}

const LEASE =
  'update xapi_outbox set lease_owner = ?, lease_until = ? where id in (select id from xapi_outbox ' +
  'where sent_at is null and next_attempt_at <= ? and (lease_until is null or lease_until <= ?) ' +
  'order by created_at, id limit ?) returning id, statement, attempts, created_at';

async function lease(db: Db, s: XapiSettings, owner: string, now: Date): Promise<Leased[]> {
  const time = now.getTime();
  const { rows } = await db.$client.execute({ sql: LEASE, args: [owner, time + s.leaseMs, time, time, s.batchSize] });
  // RETURNING gives no order; statements go out in the order they were written.
  return rows
    .map((r) => ({ id: String(r.id), statement: String(r.statement), attempts: Number(r.attempts), at: Number(r.created_at) }))
    .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

/** One request, given up at `deadline` (ms since the epoch). */
async function send(
  s: XapiSettings,
  method: 'POST' | 'PUT',
  url: string,
  body: string,
  count: number,
  deadline: number,
): Promise<Verdict> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3' };
  if (s.authorization) headers.Authorization = s.authorization;
  const left = deadline - Date.now();
  if (left <= 0) return { kind: 'retry', error: 'Not sent: the LRS answered too slowly for the rest of the batch' };
  try {
    const response = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(left) });
    const text = response.ok ? '' : await response.text().catch(() => '');
    return verdict(response.status, count, text);
  } catch (error) {
    return { kind: 'retry', error: `Could not reach the LRS: ${(error as Error).message}` };
  }
}

/** Sends one leased batch; returns what became of it. */
export async function sendBatch(db: Db, s: XapiSettings, owner: string, now = new Date()): Promise<BatchReport> {
  const rows = await lease(db, s, owner, now);
  if (rows.length === 0) return { leased: 0, sent: 0, failed: 0 };
  // The whole batch, single sends included, ends within half the lease: rows are never still being sent when
  // their lease runs out and another server may take them.
  const deadline = Date.now() + s.leaseMs / 2;
  const body = `[${rows.map((r) => r.statement).join(',')}]`;
  const outcome = await send(s, 'POST', s.statementsUrl, body, rows.length, deadline);
  const outcomes: [Leased, Verdict][] = [];
  if (outcome.kind === 'split') {
    for (const row of rows) {
      const url = `${s.statementsUrl}?statementId=${encodeURIComponent(row.id)}`;
      outcomes.push([row, await send(s, 'PUT', url, row.statement, 1, deadline)]);
    }
  } else outcomes.push(...rows.map((row): [Leased, Verdict] => [row, outcome]));
  await record(db, s, owner, outcomes, new Date());
  const sent = outcomes.filter(([, v]) => v.kind === 'delivered').length;
  return { leased: rows.length, sent, failed: rows.length - sent };
}

const SENT = 'update xapi_outbox set sent_at = ?, lease_owner = null, lease_until = null, last_error = ? where id = ?';
const FAILED =
  'update xapi_outbox set attempts = attempts + 1, next_attempt_at = ?, lease_owner = null, lease_until = null, last_error = ? ' +
  'where id = ? and lease_owner = ?';
const STATUS =
  'insert into xapi_status (id, last_success_at, last_error_at, last_error) values (1, ?, ?, ?) on conflict (id) do update set ' +
  'last_success_at = coalesce(excluded.last_success_at, last_success_at), ' +
  'last_error_at = coalesce(excluded.last_error_at, last_error_at), last_error = coalesce(excluded.last_error, last_error)';

/** Marks each leased row sent or due again later, and notes the latest success and error for the admin page. */
async function record(db: Db, s: XapiSettings, owner: string, outcomes: [Leased, Verdict][], now: Date) {
  const time = now.getTime();
  let success = false;
  let lastError: string | null = null;
  const writes = outcomes.map(([row, v]) => {
    if (v.kind === 'delivered') {
      success = true;
      const note = v.conflict ? 'The LRS already held a different statement with this id (409): taken as delivered.' : null;
      return { sql: SENT, args: [time, note, row.id] };
    }
    lastError = v.kind === 'retry' ? v.error : 'The LRS refused the statement';
    const next = time + retryDelay(row.attempts + 1, s.retryBaseMs);
    return { sql: FAILED, args: [next, lastError, row.id, owner] };
  });
  writes.push({ sql: STATUS, args: [success ? time : null, lastError ? time : null, lastError] });
  await db.$client.batch(writes, 'write');
}

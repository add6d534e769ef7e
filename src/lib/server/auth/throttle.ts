/**
 * Password throttling, for sign-in and for the current password on /account. Three counters slow an
 * attacker down without letting anyone lock a real person out for long:
 *
 * - `pair:<email>|<address>`: one client guessing one account. Exponential back-off after 5
 *   attempts, capped at 15 minutes.
 * - `address:<ip>`: one client spraying many accounts. Back-off after 30 attempts, capped at 15 minutes.
 * - `account:<email>`: many clients guessing one account. Back-off after 10 attempts but capped at
 *   one minute, so an attacker elsewhere can delay the real person by a minute at most.
 *
 * An attempt is counted before its password is checked, in the same statement that decides whether
 * it may be checked at all (admitAttempt), so parallel guesses, on one app server or several sharing
 * the database, cannot all pass the check before any of them is counted (issue #14, item 4). A right
 * password then gives the attempt back: the pair and account counters reset and the address counter
 * drops by one (recordSuccess). Counters forget attempts older than a day. Attempts refused while a
 * counter blocks are not counted, so waiting out a block is always enough.
 */
import type { InStatement } from '@libsql/client';
import type { Db } from '../db/db.ts';

interface Rule {
  freeFailures: number;
  baseMs: number;
  maxMs: number;
}

const MINUTE = 60_000;
export const RULES = {
  pair: { freeFailures: 5, baseMs: 15_000, maxMs: 15 * MINUTE },
  address: { freeFailures: 30, baseMs: 15_000, maxMs: 15 * MINUTE },
  account: { freeFailures: 10, baseMs: 5_000, maxMs: MINUTE },
} satisfies Record<string, Rule>;
const FORGET_AFTER_MS = 24 * 60 * MINUTE;

type Kind = keyof typeof RULES;
const KINDS = Object.keys(RULES) as Kind[];

/** Milliseconds of block after `failures` counted attempts. */
export function blockFor(rule: Rule, failures: number): number {
  if (failures < rule.freeFailures) return 0;
  return Math.min(rule.maxMs, rule.baseMs * 2 ** (failures - rule.freeFailures));
}

function keys(email: string, address: string): Record<Kind, string> {
  const e = email.trim().toLowerCase();
  return { pair: `pair:${e}|${address}`, address: `address:${address}`, account: `account:${e}` };
}

// The count this attempt makes (a day-old count starts again), and blockFor() of it in SQL. The rule
// numbers are our constants, written into the statement; the shift is capped so it cannot overflow.
const COUNT = 'case when last_failure_at < :forget then 1 else failures + 1 end';
const blockSql = ({ freeFailures: free, baseMs, maxMs }: Rule) =>
  `case when ${COUNT} < ${free} then 0 else :now + min(${maxMs}, ${baseMs} << min(${COUNT} - ${free}, 30)) end`;
const BLOCK_BY_KIND = KINDS.map((kind) => `when :${kind} then ${blockSql(RULES[kind])}`).join(' ');
const IN_KEYS = `key in (${KINDS.map((kind) => `:${kind}`).join(', ')})`;

/**
 * One UPDATE counts the attempt on all three counters, or on none when any of them blocks now. SQLite
 * evaluates the uncorrelated NOT EXISTS once, before the first row changes, so a block this very
 * statement sets cannot stop it halfway (tests/unit/throttle.test.ts checks exactly that case).
 */
const COUNT_ATTEMPT = `update throttles set failures = ${COUNT}, last_failure_at = :now,
  blocked_until = case key ${BLOCK_BY_KIND} end
  where ${IN_KEYS} and not exists (select 1 from throttles where ${IN_KEYS} and blocked_until > :now)
  returning key`;

/**
 * Counts an attempt to check `email`'s password from `address`, unless a counter blocks it. Returns 0
 * when the password may be checked (the attempt is counted), else the milliseconds to wait. The
 * check and the count are one write transaction, which SQLite runs one at a time across processes.
 */
export async function admitAttempt(db: Db, email: string, address: string, now = new Date()): Promise<number> {
  const k = keys(email, address);
  const args = { ...k, now: now.getTime(), forget: now.getTime() - FORGET_AFTER_MS };
  const statements: InStatement[] = [
    {
      sql: `insert into throttles (key, failures, last_failure_at, blocked_until) values ${KINDS.map((kind) => `(:${kind}, 0, :now, 0)`).join(', ')} on conflict (key) do nothing`,
      args: { ...k, now: args.now },
    },
    { sql: COUNT_ATTEMPT, args },
    { sql: `select max(blocked_until) as until from throttles where ${IN_KEYS}`, args: k },
  ];
  const [, counted, blocked] = await db.$client.batch(statements, 'write');
  if (counted!.rows.length === KINDS.length) return 0;
  return Math.max(1, Number(blocked!.rows[0]?.until ?? 0) - now.getTime());
}

/** The password was right: forget this pair's and account's attempts, and give the address its one back. */
export async function recordSuccess(db: Db, email: string, address: string): Promise<void> {
  const k = keys(email, address);
  await db.$client.batch(
    [
      { sql: 'delete from throttles where key in (?, ?)', args: [k.pair, k.account] },
      {
        sql: `update throttles set failures = max(failures - 1, 0),
          blocked_until = case when failures - 1 < ? then 0 else blocked_until end where key = ?`,
        args: [RULES.address.freeFailures, k.address],
      },
    ],
    'write',
  );
}

/**
 * A plain rate limit on the same table, for actions that are not password guesses (single sign-on
 * starts): at most `max` per fixed window of `windowMs` per key. `last_failure_at` holds the window's
 * start. One statement counts and reads, so parallel requests cannot all slip under the limit.
 * Returns 0 when admitted, else the milliseconds until the window ends.
 */
export async function admitInWindow(
  db: Db,
  key: string,
  limit: { max: number; windowMs: number },
  now = new Date(),
): Promise<number> {
  const fresh = `last_failure_at <= :now - ${limit.windowMs}`;
  const result = await db.$client.execute({
    sql: `insert into throttles (key, failures, last_failure_at, blocked_until) values (:key, 1, :now, 0)
      on conflict (key) do update set failures = case when ${fresh} then 1 else failures + 1 end,
        last_failure_at = case when ${fresh} then :now else last_failure_at end
      returning failures, last_failure_at`,
    args: { key, now: now.getTime() },
  });
  const row = result.rows[0]!;
  if (Number(row.failures) <= limit.max) return 0;
  return Math.max(1, Number(row.last_failure_at) + limit.windowMs - now.getTime());
}

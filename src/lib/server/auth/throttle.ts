/**
 * Sign-in throttling. Three counters slow an attacker down without letting anyone lock a real
 * person out for long:
 *
 * - `pair:<email>|<address>`: one client guessing one account. Exponential back-off after 5
 *   failures, capped at 15 minutes.
 * - `address:<ip>`: one client spraying many accounts. Back-off after 30 failures, capped at 15 minutes.
 * - `account:<email>`: many clients guessing one account. Back-off after 10 failures but capped at
 *   one minute, so an attacker elsewhere can delay the real person by a minute at most.
 *
 * Counters forget failures older than a day and the pair/account counters reset on success. They
 * live in the database so that every app server sees the same numbers.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { throttles } from '../db/schema.ts';

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

/** Milliseconds of block after `failures` consecutive failures. */
export function blockFor(rule: Rule, failures: number): number {
  if (failures < rule.freeFailures) return 0;
  return Math.min(rule.maxMs, rule.baseMs * 2 ** (failures - rule.freeFailures));
}

function keys(email: string, address: string): Record<Kind, string> {
  const e = email.trim().toLowerCase();
  return { pair: `pair:${e}|${address}`, address: `address:${address}`, account: `account:${e}` };
}

/** Milliseconds until this email may be tried again from this address; 0 when it may now. */
export async function retryAfterMs(db: Db, email: string, address: string, now = new Date()): Promise<number> {
  const rows = await db
    .select({ blockedUntil: throttles.blockedUntil })
    .from(throttles)
    .where(inArray(throttles.key, Object.values(keys(email, address))));
  return Math.max(0, ...rows.map((r) => r.blockedUntil.getTime() - now.getTime()));
}

export async function recordFailure(db: Db, email: string, address: string, now = new Date()): Promise<void> {
  const forgetBefore = now.getTime() - FORGET_AFTER_MS;
  for (const [kind, key] of Object.entries(keys(email, address)) as [Kind, string][]) {
    // One statement increments atomically even with several app servers.
    const [row] = await db
      .insert(throttles)
      .values({ key, failures: 1, lastFailureAt: now, blockedUntil: new Date(0) })
      .onConflictDoUpdate({
        target: throttles.key,
        set: {
          failures: sql`case when ${throttles.lastFailureAt} < ${forgetBefore} then 1 else ${throttles.failures} + 1 end`,
          lastFailureAt: now,
        },
      })
      .returning({ failures: throttles.failures });
    const block = blockFor(RULES[kind], row?.failures ?? 1);
    if (block > 0) {
      await db
        .update(throttles)
        .set({ blockedUntil: new Date(now.getTime() + block) })
        .where(eq(throttles.key, key));
    }
  }
}

export async function recordSuccess(db: Db, email: string, address: string): Promise<void> {
  const k = keys(email, address);
  await db.delete(throttles).where(inArray(throttles.key, [k.pair, k.account]));
}

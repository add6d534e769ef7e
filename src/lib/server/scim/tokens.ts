/**
 * SCIM bearer tokens: created and revoked by admins, `<id>.<secret>` with only SHA-256(secret) stored
 * (as sessions, src/lib/server/auth/token.ts), rate-limited per token, every use recorded.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { scimTokens, users } from '../db/schema.ts';
import { hashSecret, newToken, parseToken, secretMatches } from '../auth/token.ts';
import { recordEvent } from '../sso/identity.ts';

export interface ScimTokenRow {
  id: string;
  label: string;
  createdAt: Date;
  createdBy: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Creates a token and returns its value, which is shown once and never stored. */
export async function createScimToken(db: Db, label: string, adminId: string, now = new Date()): Promise<string> {
  const token = newToken();
  await db.insert(scimTokens).values({
    id: token.id,
    label,
    secretHash: Buffer.from(hashSecret(token.secret)),
    createdBy: adminId,
    createdAt: now,
  });
  await recordEvent(
    db,
    { kind: 'token-create', userId: adminId, providerId: 'scim', email: null, detail: `token "${label}"` },
    now,
  );
  return token.value;
}

/** Revokes a live token; returns false when there is none by that id (or it was revoked already). */
export async function revokeScimToken(db: Db, id: string, adminId: string, now = new Date()): Promise<boolean> {
  const [row] = await db
    .update(scimTokens)
    .set({ revokedAt: now })
    .where(and(eq(scimTokens.id, id), isNull(scimTokens.revokedAt)))
    .returning({ label: scimTokens.label, revokedAt: scimTokens.revokedAt });
  if (!row) return false;
  await recordEvent(
    db,
    { kind: 'token-revoke', userId: adminId, providerId: 'scim', email: null, detail: `token "${row.label}"` },
    now,
  );
  return true;
}

/** Every token, newest first, with the name of the admin who made it. */
export async function listScimTokens(db: Db): Promise<ScimTokenRow[]> {
  return db
    .select({
      id: scimTokens.id,
      label: scimTokens.label,
      createdAt: scimTokens.createdAt,
      createdBy: users.displayName,
      lastUsedAt: scimTokens.lastUsedAt,
      revokedAt: scimTokens.revokedAt,
    })
    .from(scimTokens)
    .leftJoin(users, eq(users.id, scimTokens.createdBy))
    .orderBy(isNull(scimTokens.revokedAt), desc(scimTokens.createdAt));
}

/** The live token an `Authorization: Bearer <token>` header presents, or null. */
export async function authenticateScim(db: Db, header: string | null): Promise<{ id: string; label: string } | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  const token = parseToken(match?.[1]);
  if (!token) return null;
  const [row] = await db.select().from(scimTokens).where(eq(scimTokens.id, token.id));
  if (!row || row.revokedAt || !secretMatches(token.secret, row.secretHash)) return null;
  return { id: row.id, label: row.label };
}

const WINDOW_MS = 60_000;

/**
 * Counts a request against its token's minute (a fixed window in the shared `throttles` table, so
 * that several app servers count together). Returns 0 when it may go on, else seconds to wait.
 */
export async function admitScimRequest(db: Db, tokenId: string, perMinute: number, now = new Date()): Promise<number> {
  const at = now.getTime();
  const result = await db.$client.execute({
    sql: `insert into throttles (key, failures, last_failure_at, blocked_until) values (:key, 1, :now, 0)
      on conflict (key) do update set
        failures = case when last_failure_at <= :start then 1 else failures + 1 end,
        last_failure_at = case when last_failure_at <= :start then :now else last_failure_at end
      returning failures, last_failure_at`,
    args: { key: `scim:${tokenId}`, now: at, start: at - WINDOW_MS },
  });
  const row = result.rows[0]!;
  if (Number(row.failures) <= perMinute) return 0;
  return Math.max(1, Math.ceil((Number(row.last_failure_at) + WINDOW_MS - at) / 1000));
}

/** Notes a use: the token's last-used time, and one audit event naming the request. */
export async function noteScimUse(db: Db, token: { id: string; label: string }, what: string, now = new Date()): Promise<void> {
  await db.update(scimTokens).set({ lastUsedAt: now }).where(eq(scimTokens.id, token.id));
  await recordEvent(
    db,
    { kind: 'token-use', userId: null, providerId: 'scim', email: null, detail: `${what} (token "${token.label}")` },
    now,
  );
}

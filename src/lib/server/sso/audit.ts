/** Reading the identity audit log (`identity_events`) for the admin page and its CSV export. */
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { identityEvents, userIdentities, users } from '../db/schema.ts';
import type { CsvValue } from '../../insight/csv.ts';

export interface IdentityEventRow {
  at: Date;
  kind: string;
  /** The person's name now, or null when the event has no account (a refused sign-in) or it was deleted. */
  name: string | null;
  email: string | null;
  providerId: string | null;
  detail: string;
}

/** The newest events first; `limit` keeps the page readable (the CSV takes them all). */
export async function listIdentityEvents(db: Db, limit?: number): Promise<IdentityEventRow[]> {
  const query = db
    .select({
      at: identityEvents.at,
      kind: identityEvents.kind,
      name: users.displayName,
      email: identityEvents.email,
      providerId: identityEvents.providerId,
      detail: identityEvents.detail,
    })
    .from(identityEvents)
    .leftJoin(users, eq(users.id, identityEvents.userId))
    .orderBy(desc(identityEvents.at), desc(identityEvents.id));
  return limit ? query.limit(limit) : query;
}

export const EVENT_CSV_HEADER = ['time (UTC)', 'event', 'person', 'email', 'provider', 'detail'] as const;

export function eventCsvRows(rows: IdentityEventRow[]): CsvValue[][] {
  return rows.map((r) => [r.at, r.kind, r.name, r.email, r.providerId ?? 'password or admin', r.detail]);
}

export interface AccessSource {
  userId: string;
  name: string;
  email: string;
  /** The latest role and team events' details, e.g. "learner -> trainer (group rapport-trainers)". */
  role: string | null;
  team: string | null;
}

/**
 * Where each person's current role and team came from: the latest role and team event per person.
 * People with neither kept what their invite or import gave them, and are left out.
 */
export async function accessSources(db: Db): Promise<AccessSource[]> {
  const rows = await db
    .select({
      userId: users.id,
      name: users.displayName,
      email: users.email,
      kind: identityEvents.kind,
      detail: identityEvents.detail,
    })
    .from(identityEvents)
    .innerJoin(users, eq(users.id, identityEvents.userId))
    .orderBy(identityEvents.at, identityEvents.id);
  const sources = new Map<string, AccessSource>();
  for (const row of rows) {
    if (row.kind !== 'role' && row.kind !== 'team') continue;
    const source = sources.get(row.userId) ?? { userId: row.userId, name: row.name, email: row.email, role: null, team: null };
    source[row.kind] = row.detail;
    sources.set(row.userId, source);
  }
  return [...sources.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export interface PersonAccess {
  /** The latest role and team events' details; null: as the invite or import gave them. */
  role: string | null;
  team: string | null;
  /** The provider accounts that sign in as this person. */
  identities: { providerId: string; since: Date; lastSignIn: Date }[];
}

/** Where one person's role and team came from, and how they sign in, for their admin view. */
export async function personAccess(db: Db, userId: string): Promise<PersonAccess> {
  const events = await db
    .select({ kind: identityEvents.kind, detail: identityEvents.detail })
    .from(identityEvents)
    .where(eq(identityEvents.userId, userId))
    .orderBy(desc(identityEvents.at), desc(identityEvents.id));
  const identities = await db
    .select({ providerId: userIdentities.providerId, since: userIdentities.createdAt, lastSignIn: userIdentities.lastSignInAt })
    .from(userIdentities)
    .where(eq(userIdentities.userId, userId));
  return {
    role: events.find((e) => e.kind === 'role')?.detail ?? null,
    team: events.find((e) => e.kind === 'team')?.detail ?? null,
    identities,
  };
}

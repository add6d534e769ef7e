/**
 * Issuing, renewing, reading and revoking certificates. Issuing is idempotent: the unique index on
 * (user, path, cycle) lets only the first of two simultaneous submissions insert, whichever server
 * handles them. See docs/decisions/014-certificates.md.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { certificates, users } from '../db/schema.ts';
import { randomId } from '../auth/token.ts';
import type { CatalogModule } from '../../content/catalog.ts';
import type { LearningPath } from '../../certificates/paths.ts';
import { decide, recertDueAt, needsRecertAssignment, type LatestCertificate } from '../../certificates/rules.ts';
import { validUntil } from '../../certificates/validity.ts';
import { datedFacts } from './facts.ts';
import { certificateEarned } from '../../xapi/index.ts';
import { queueQuery } from '../xapi/outbox.ts';
import { recordingSite } from '../xapi/settings.ts';

export type CertificateRow = typeof certificates.$inferSelect;

export async function certificatesOf(db: Db, userId: string): Promise<CertificateRow[]> {
  return db
    .select()
    .from(certificates)
    .where(eq(certificates.userId, userId))
    .orderBy(certificates.pathId, desc(certificates.cycle));
}

export async function findCertificate(db: Db, id: string): Promise<CertificateRow | undefined> {
  return (await db.select().from(certificates).where(eq(certificates.id, id)).limit(1))[0];
}

/** The highest cycle per path: the certificate that counts now. */
export function latestByPath(rows: CertificateRow[]): Map<string, CertificateRow> {
  const latest = new Map<string, CertificateRow>();
  for (const r of rows) if ((latest.get(r.pathId)?.cycle ?? 0) < r.cycle) latest.set(r.pathId, r);
  return latest;
}

/** Writes the next cycle's certificate; undefined when another request wrote it first. */
export async function insertCertificate(
  db: Db,
  user: { id: string; displayName: string },
  path: LearningPath,
  previous: LatestCertificate | undefined,
  now: Date,
) {
  const id = randomId();
  const insert = db
    .insert(certificates)
    .values({
      id,
      userId: user.id,
      pathId: path.id,
      cycle: (previous?.cycle ?? 0) + 1,
      holderName: user.displayName,
      pathTitle: path.title,
      issuer: path.issuer,
      pathVersion: path.version,
      issuedAt: now,
      validUntil: validUntil(now, path.validityMonths, previous?.validUntil ?? null),
    })
    .onConflictDoNothing()
    .returning();
  const site = recordingSite();
  if (!site) return (await insert)[0];
  const statement = certificateEarned(site, {
    certificateId: id,
    userId: user.id,
    pathId: path.id,
    pathTitle: path.title,
    validUntil: validUntil(now, path.validityMonths, previous?.validUntil ?? null),
    at: now,
  });
  // Queued only when this insert won (another request's certificate queues its own).
  const earned = { sql: 'exists (select 1 from certificates where id = ?)', args: [id] };
  const [inserted] = await db.batch([insert, db.run(queueQuery(statement, now, earned))]);
  return inserted[0];
}

/** Gives a learner every certificate they have earned and not yet received; returns the new ones. */
export async function issueEarned(
  db: Db,
  userId: string,
  paths: LearningPath[],
  catalog: CatalogModule[],
  now = new Date(),
): Promise<CertificateRow[]> {
  const [user] = await db.select({ id: users.id, displayName: users.displayName }).from(users).where(eq(users.id, userId));
  if (!user) return [];
  const [facts, rows] = await Promise.all([datedFacts(db, userId), certificatesOf(db, userId)]);
  const latest = latestByPath(rows);
  const issued: CertificateRow[] = [];
  for (const path of paths) {
    const decision = decide(path, paths, latest.get(path.id), catalog, facts, now);
    if (decision.kind === 'none') continue;
    const row = await insertCertificate(db, user, path, decision.kind === 'renew' ? decision.previous : undefined, now);
    if (row) issued.push(row);
  }
  return issued;
}

/**
 * Makes the recertification assignment for each of the learner's latest certificates whose window
 * has opened. The update only touches a row not yet assigned, so it happens once however often it runs.
 */
export async function assignRecertifications(db: Db, userId: string, paths: LearningPath[], now = new Date()): Promise<number> {
  const latest = latestByPath(await certificatesOf(db, userId));
  let made = 0;
  for (const path of paths) {
    const cert = latest.get(path.id);
    if (!cert || !needsRecertAssignment(path, cert, now)) continue;
    const updated = await db
      .update(certificates)
      .set({ recertAssignedAt: now, recertDueAt: recertDueAt(cert, now) })
      .where(and(eq(certificates.id, cert.id), isNull(certificates.recertAssignedAt)))
      .returning({ id: certificates.id });
    made += updated.length;
  }
  return made;
}

/** Revokes a certificate with a reason; revoking again keeps the first reason. Returns whether it changed. */
export async function revokeCertificate(db: Db, id: string, adminId: string, reason: string, now = new Date()): Promise<boolean> {
  const updated = await db
    .update(certificates)
    .set({ revokedAt: now, revokedBy: adminId, revokedReason: reason })
    .where(and(eq(certificates.id, id), isNull(certificates.revokedAt)))
    .returning({ id: certificates.id });
  return updated.length === 1;
}

/** The public verification address of a certificate, on the origin people use. */
export function verifyUrl(origin: string, id: string): string {
  return `${origin.replace(/\/+$/, '')}/verify/${id}`;
}

/**
 * The certificate work of the day, run by the digest scheduler on every server: issue what has been
 * earned, and make the recertification assignments whose window has opened. Both are idempotent in
 * the database (unique index, conditional update), so servers running it at once do each thing once.
 * Also the open recertifications as the daily digest lists them.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { certificates, teams, users } from '../db/schema.ts';
import type { CatalogModule } from '../../content/catalog.ts';
import type { LearningPath } from '../../certificates/paths.ts';
import { renewalPath } from '../../certificates/rules.ts';
import { DUE_SOON_MS, dueStatus, type DueStatus } from '../../insight/due.ts';
import { assignRecertifications, issueEarned, latestByPath } from './certificates.ts';

export interface CertificateDayReport {
  issued: number;
  recertificationsAssigned: number;
}

export async function certificateDay(
  db: Db,
  paths: LearningPath[],
  catalog: CatalogModule[],
  now = new Date(),
): Promise<CertificateDayReport> {
  const report: CertificateDayReport = { issued: 0, recertificationsAssigned: 0 };
  if (paths.length === 0) return report;
  const people = await db.select({ id: users.id }).from(users).where(eq(users.active, true));
  for (const { id } of people) {
    report.issued += (await issueEarned(db, id, paths, catalog, now)).length;
    report.recertificationsAssigned += await assignRecertifications(db, id, paths, now);
  }
  return report;
}

export interface OpenRecertification {
  userId: string;
  email: string;
  displayName: string;
  teamId: string | null;
  teamName: string | null;
  pathId: string;
  /** The first module of the renewal path, where the digest's link leads. */
  moduleId: string;
  title: string;
  dueAt: Date;
  due: DueStatus;
}

/** Recertifications assigned and not yet renewed, of active people, due soon or overdue at `now`. */
export async function openRecertifications(db: Db, paths: LearningPath[], now: Date): Promise<OpenRecertification[]> {
  const rows = await db
    .select({
      cert: certificates,
      email: users.email,
      displayName: users.displayName,
      teamId: users.teamId,
      teamName: teams.name,
    })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(and(eq(users.active, true), isNull(certificates.revokedAt)));
  // latestByPath groups by path only: group per person first so that one learner never hides another.
  const perPerson = Map.groupBy(rows, (r) => r.cert.userId);
  const latestIds = new Set(
    [...perPerson.values()].flatMap((rs) => [...latestByPath(rs.map((r) => r.cert)).values()].map((c) => c.id)),
  );
  return rows.flatMap((r) => {
    const path = paths.find((p) => p.id === r.cert.pathId);
    if (!latestIds.has(r.cert.id) || !path || !r.cert.recertAssignedAt || !r.cert.recertDueAt) return [];
    if (r.cert.recertDueAt.getTime() > now.getTime() + DUE_SOON_MS) return [];
    const { cert, ...person } = r;
    return [
      {
        ...person,
        userId: cert.userId,
        pathId: path.id,
        moduleId: renewalPath(path, paths).modules[0]!,
        title: `Recertification: ${path.title}`,
        dueAt: cert.recertDueAt!,
        due: dueStatus(cert.recertDueAt!, 'in-progress', now),
      },
    ];
  });
}

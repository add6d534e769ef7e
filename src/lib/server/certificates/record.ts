/**
 * A learner's certificate record: what they hold, what needs renewing, and how far they are through
 * the paths they have not completed yet. Viewing it also issues what has been earned and makes due
 * recertification assignments, so a learner never waits for the daily pass (both are idempotent).
 */
import type { Db } from '../db/db.ts';
import type { CatalogModule } from '../../content/catalog.ts';
import { pathCompletion, type LearningPath, type PathCompletion } from '../../certificates/paths.ts';
import { noticeDays, renewalPath } from '../../certificates/rules.ts';
import { certificateStatus, recertificationOpensAt, type CertificateStatus } from '../../certificates/validity.ts';
import { assignRecertifications, certificatesOf, issueEarned, latestByPath, type CertificateRow } from './certificates.ts';
import { datedFacts } from './facts.ts';

export interface HeldRow extends CertificateRow {
  status: CertificateStatus;
  /** Whether a later cycle replaced it. */
  superseded: boolean;
}

export interface OpenRenewal {
  path: LearningPath;
  renewal: LearningPath;
  dueAt: Date;
  certificate: CertificateRow;
  /** How far the learner is through the renewal (quizzes and role-plays since the window opened). */
  completion: PathCompletion;
}

export interface LearnerRecord {
  held: HeldRow[];
  renewals: OpenRenewal[];
  /** Paths without a certificate yet, and how far the learner is. */
  inProgress: { path: LearningPath; completion: PathCompletion }[];
  /** Certificates issued by this view. */
  newlyIssued: CertificateRow[];
}

export async function learnerRecord(
  db: Db,
  userId: string,
  paths: LearningPath[],
  catalog: CatalogModule[],
  now = new Date(),
): Promise<LearnerRecord> {
  const newlyIssued = await issueEarned(db, userId, paths, catalog, now);
  await assignRecertifications(db, userId, paths, now);
  const [rows, facts] = await Promise.all([certificatesOf(db, userId), datedFacts(db, userId)]);
  const latest = latestByPath(rows);
  const latestIds = new Set([...latest.values()].map((c) => c.id));
  const held = rows.map((r) => ({ ...r, status: certificateStatus(r, now), superseded: !latestIds.has(r.id) }));
  const renewals = paths.flatMap((path) => {
    const cert = latest.get(path.id);
    if (!cert || cert.revokedAt || !cert.recertAssignedAt || !cert.recertDueAt) return [];
    const renewal = renewalPath(path, paths);
    const since = recertificationOpensAt(cert.validUntil!, noticeDays(path) ?? 0);
    return [
      { path, renewal, dueAt: cert.recertDueAt, certificate: cert, completion: pathCompletion(renewal, catalog, facts, since) },
    ];
  });
  const inProgress = paths
    .filter((p) => !p.refresher && !latest.has(p.id))
    .map((path) => ({ path, completion: pathCompletion(path, catalog, facts) }));
  return { held, renewals, inProgress, newlyIssued };
}

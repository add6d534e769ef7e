/**
 * What to do for one learner and one path: issue a first certificate, renew the latest one, or
 * nothing. Pure, so the server (src/lib/server/certificates/) only reads facts and writes the answer.
 */
import type { CatalogModule } from '../content/catalog.ts';
import { pathCompletion, type DatedFacts, type LearningPath } from './paths.ts';
import { addDays, recertificationDue, recertificationOpensAt, type CertificateDates } from './validity.ts';

export interface LatestCertificate extends CertificateDates {
  cycle: number;
  recertAssignedAt: Date | null;
}

export type Decision = { kind: 'none' } | { kind: 'issue' } | { kind: 'renew'; previous: LatestCertificate };

/** Days before expiry that recertification opens; a path without `recertification` opens it on expiry. */
export function noticeDays(path: LearningPath): number | undefined {
  if (!path.validityMonths) return undefined;
  return path.recertification?.noticeDays ?? 0;
}

/** The path a renewal asks for: the refresher when the path names one that exists, else the path itself. */
export function renewalPath(path: LearningPath, paths: LearningPath[]): LearningPath {
  const id = path.recertification?.refresher;
  return (id && paths.find((p) => p.id === id)) || path;
}

/**
 * A revoked latest certificate is never replaced automatically: revoking is an admin's decision,
 * and a learner who simply re-earned the path would undo it. Only quizzes and role-plays done since
 * the recertification window opened count towards a renewal.
 */
export function decide(
  path: LearningPath,
  paths: LearningPath[],
  latest: LatestCertificate | undefined,
  catalog: CatalogModule[],
  facts: DatedFacts,
  now: Date,
): Decision {
  if (path.draft || path.refresher) return { kind: 'none' };
  if (!latest) return pathCompletion(path, catalog, facts).complete ? { kind: 'issue' } : { kind: 'none' };
  const notice = noticeDays(path);
  if (!recertificationDue(latest, notice, now)) return { kind: 'none' };
  const since = recertificationOpensAt(latest.validUntil!, notice!);
  const done = pathCompletion(renewalPath(path, paths), catalog, facts, since).complete;
  return done ? { kind: 'renew', previous: latest } : { kind: 'none' };
}

/** Whether the learner should now be given a recertification assignment (made once per certificate). */
export function needsRecertAssignment(path: LearningPath, latest: LatestCertificate | undefined, now: Date): boolean {
  if (!latest || latest.recertAssignedAt || path.draft || path.refresher) return false;
  return recertificationDue(latest, noticeDays(path), now);
}

/** Due on the day the certificate lapses; one already lapsed gets 30 days from now. */
export function recertDueAt(latest: CertificateDates, now: Date): Date {
  return latest.validUntil && latest.validUntil.getTime() > now.getTime() ? latest.validUntil : addDays(now, 30);
}

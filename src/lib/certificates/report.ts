/** A team's certificates as a manager sees them: who holds which, and in which expiry window. */
import { BUCKET_LABELS, expiryBucket, type CertificateDates, type ExpiryBucket } from './validity.ts';

export interface HeldCertificate extends CertificateDates {
  id: string;
  displayName: string;
  email: string;
  pathTitle: string;
}

export interface ReportRow extends HeldCertificate {
  bucket: ExpiryBucket;
}

const URGENCY: ExpiryBucket[] = ['lapsed', '30', '60', '90', 'later', 'never', 'revoked'];

/** Most urgent first (lapsed, then soonest expiry), then by name. */
export function expiryReport(held: HeldCertificate[], now: Date): ReportRow[] {
  return held
    .map((h) => ({ ...h, bucket: expiryBucket(h, now) }))
    .sort(
      (a, b) =>
        URGENCY.indexOf(a.bucket) - URGENCY.indexOf(b.bucket) ||
        (a.validUntil?.getTime() ?? Infinity) - (b.validUntil?.getTime() ?? Infinity) ||
        a.displayName.localeCompare(b.displayName),
    );
}

/** How many certificates fall in each window, for the summary above the table. */
export function bucketCounts(rows: ReportRow[]): Record<ExpiryBucket, number> {
  const counts = Object.fromEntries(URGENCY.map((b) => [b, 0])) as Record<ExpiryBucket, number>;
  for (const r of rows) counts[r.bucket]++;
  return counts;
}

export const REPORT_HEADER = ['Name', 'Email', 'Certificate', 'Issued', 'Valid until', 'Status'] as const;

export function reportCsvRows(rows: ReportRow[]): (string | Date | null)[][] {
  return rows.map((r) => [r.displayName, r.email, r.pathTitle, r.issuedAt, r.validUntil, BUCKET_LABELS[r.bucket]]);
}

/**
 * Dates of a certificate: until when it is valid, what a verifier is told, when recertification is
 * assigned and which expiry window a manager sees it in. Every function takes `now`, so tests move
 * the clock instead of waiting.
 */

export interface CertificateDates {
  issuedAt: Date;
  /** Null for a path without `validityMonths`: the certificate never expires. */
  validUntil: Date | null;
  revokedAt: Date | null;
}

export type CertificateStatus = 'valid' | 'expired' | 'revoked';

/** Calendar months later, clamped to the month's last day (31 January + 1 month = 28/29 February). */
export function addMonths(date: Date, months: number): Date {
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  target.setUTCHours(date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds());
  return target;
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/**
 * Until when a certificate issued at `issuedAt` is valid. A renewal before the old certificate
 * lapses starts from the old expiry, so renewing early never costs the learner time.
 */
export function validUntil(issuedAt: Date, validityMonths: number | undefined, previousUntil: Date | null = null): Date | null {
  if (!validityMonths) return null;
  const from = previousUntil && previousUntil.getTime() > issuedAt.getTime() ? previousUntil : issuedAt;
  return addMonths(from, validityMonths);
}

export function certificateStatus(cert: CertificateDates, now: Date): CertificateStatus {
  if (cert.revokedAt) return 'revoked';
  if (cert.validUntil && cert.validUntil.getTime() <= now.getTime()) return 'expired';
  return 'valid';
}

/** When the recertification assignment is due to be made: `noticeDays` before expiry. */
export function recertificationOpensAt(validUntilDate: Date, noticeDays: number): Date {
  return addDays(validUntilDate, -noticeDays);
}

/** Whether a certificate is in its recertification window (or lapsed) and not revoked. */
export function recertificationDue(cert: CertificateDates, noticeDays: number | undefined, now: Date): boolean {
  if (cert.revokedAt || !cert.validUntil || noticeDays === undefined) return false;
  return now.getTime() >= recertificationOpensAt(cert.validUntil, noticeDays).getTime();
}

export type ExpiryBucket = 'lapsed' | '30' | '60' | '90' | 'later' | 'never' | 'revoked';

/** The window a manager sees a certificate in: lapsed, expiring within 30, 60 or 90 days, or later. */
export function expiryBucket(cert: CertificateDates, now: Date): ExpiryBucket {
  if (cert.revokedAt) return 'revoked';
  if (!cert.validUntil) return 'never';
  const days = (cert.validUntil.getTime() - now.getTime()) / 86_400_000;
  if (days <= 0) return 'lapsed';
  if (days <= 30) return '30';
  if (days <= 60) return '60';
  if (days <= 90) return '90';
  return 'later';
}

export const BUCKET_LABELS: Record<ExpiryBucket, string> = {
  lapsed: 'Lapsed',
  '30': 'Expires within 30 days',
  '60': 'Expires within 60 days',
  '90': 'Expires within 90 days',
  later: 'Valid',
  never: 'Valid, no expiry',
  revoked: 'Revoked',
};

/** "1 February 2027": the form printed on certificates and shown on their pages (UTC, no time zone per person). */
export function formatCertificateDate(date: Date): string {
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export const STATUS_LABELS: Record<CertificateStatus, string> = { valid: 'Valid', expired: 'Expired', revoked: 'Revoked' };
export const STATUS_BADGES: Record<CertificateStatus, string> = {
  valid: 'badge ok',
  expired: 'badge warn',
  revoked: 'badge bad',
};

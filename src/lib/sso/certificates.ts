/**
 * What an admin needs to know about an IdP's signing certificate: whose it is and until when it is
 * valid. IdP certificates typically last one to three years, and sign-in stops the day one expires.
 */
import { X509Certificate } from 'node:crypto';
import { toPem } from './saml-provider.ts';

/** Warn this many days before a certificate expires. */
export const EXPIRY_WARNING_DAYS = 30;

export interface CertificateFacts {
  subject: string;
  validFrom: Date;
  validTo: Date;
  daysLeft: number;
  /** `ok`, `expiring` (within EXPIRY_WARNING_DAYS), `expired`, `not-yet-valid` or `unreadable`. */
  state: 'ok' | 'expiring' | 'expired' | 'not-yet-valid' | 'unreadable';
}

/** Reads a certificate body (as the providers file holds it); `unreadable` when it is not X.509. */
export function certificateFacts(body: string, now: Date): CertificateFacts {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(toPem(body));
  } catch {
    const never = new Date(0);
    return { subject: '', validFrom: never, validTo: never, daysLeft: 0, state: 'unreadable' };
  }
  const validFrom = new Date(cert.validFrom);
  const validTo = new Date(cert.validTo);
  const daysLeft = Math.floor((validTo.getTime() - now.getTime()) / 86_400_000);
  const state =
    now < validFrom ? 'not-yet-valid' : now > validTo ? 'expired' : daysLeft < EXPIRY_WARNING_DAYS ? 'expiring' : 'ok';
  return { subject: cert.subject.replace(/\n/g, ', '), validFrom, validTo, daysLeft, state };
}

/** One line per certificate for the admin page and the connection test. */
export function describeCertificate(facts: CertificateFacts): string {
  const until = facts.validTo.toISOString().slice(0, 10);
  const days = `${facts.daysLeft} day${facts.daysLeft === 1 ? '' : 's'}`;
  switch (facts.state) {
    case 'unreadable':
      return 'Certificate cannot be read: paste the signing certificate from the IdP metadata again.';
    case 'expired':
      return `Certificate ${facts.subject} expired on ${until}: sign-in fails until you paste the IdP's new one.`;
    case 'not-yet-valid':
      return `Certificate ${facts.subject} is valid only from ${facts.validFrom.toISOString().slice(0, 10)}.`;
    case 'expiring':
      return `Certificate ${facts.subject} expires on ${until} (in ${days}): add the IdP's next certificate now.`;
    case 'ok':
      return `Certificate ${facts.subject} is valid until ${until} (${days}).`;
  }
}

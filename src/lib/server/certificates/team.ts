/** The latest certificate per person and path in one team, for the manager's expiry report. */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { certificates, users } from '../db/schema.ts';
import type { HeldCertificate } from '../../certificates/report.ts';
import { latestByPath, type CertificateRow } from './certificates.ts';

export async function teamCertificates(db: Db, teamId: string): Promise<(CertificateRow & HeldCertificate)[]> {
  const rows = await db
    .select({ cert: certificates, displayName: users.displayName, email: users.email })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .where(eq(users.teamId, teamId));
  return [...Map.groupBy(rows, (r) => r.cert.userId).values()].flatMap((own) =>
    [...latestByPath(own.map((r) => r.cert)).values()].map((cert) => ({
      ...cert,
      displayName: own[0]!.displayName,
      email: own[0]!.email,
    })),
  );
}

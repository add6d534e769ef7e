// A certificate written straight into the database as the issuer writes it, for suites that walk every
// route and need a real /verify/<id> and PDF to reach (the course itself is not completed there).
import type { Db } from '../../src/lib/server/db/db.ts';
import { certificates } from '../../src/lib/server/db/schema.ts';
import { randomId } from '../../src/lib/server/auth/token.ts';

export async function insertCertificate(db: Db, userId: string, holderName = 'Lena Fischer'): Promise<string> {
  const id = randomId();
  await db.insert(certificates).values({
    id,
    userId,
    pathId: 'customer-care-standards',
    cycle: 1,
    holderName,
    pathTitle: 'Customer Care Standards',
    issuer: 'Rapport Training Team',
    pathVersion: 'test',
    issuedAt: new Date(),
    validUntil: new Date(Date.now() + 365 * 86_400_000),
  });
  return id;
}

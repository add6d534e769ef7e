/**
 * Certificates for the demo organisation. Its history covers only a few weeks, too short for a
 * certificate to near its expiry, so these are written as the issuer would have written them on
 * earlier dates: some valid, one expiring within the month (with its recertification assigned) and
 * one lapsed, so the learner record and the managers' expiry report have something to show.
 */
import { inArray } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { users } from '../db/schema.ts';
import type { LearningPath } from '../../certificates/paths.ts';
import { addDays, addMonths } from '../../certificates/validity.ts';
import { assignRecertifications, insertCertificate } from '../certificates/certificates.ts';

/** Who holds one and how many months ago it was issued (plus days, to place the expiry exactly). */
const HOLDERS: [email: string, monthsAgo: number, daysAgo: number][] = [
  ['marcus.bell@example.com', 2, 0],
  ['nadia.kowalski@example.com', 5, 0],
  ['grace.mensah@example.com', 1, 10],
  // Expires in about 20 days: inside the 60-day recertification window.
  ['aiko.tanaka@example.com', 11, 10],
  // Lapsed about a month ago.
  ['owen.gallagher@example.com', 13, 0],
];

export async function seedDemoCertificates(db: Db, paths: LearningPath[], now = new Date()): Promise<number> {
  const path = paths.find((p) => p.id === 'customer-care-standards');
  if (!path) return 0;
  const people = await db
    .select({ id: users.id, email: users.email, displayName: users.displayName })
    .from(users)
    .where(
      inArray(
        users.email,
        HOLDERS.map(([email]) => email),
      ),
    );
  let issued = 0;
  for (const [email, monthsAgo, daysAgo] of HOLDERS) {
    const person = people.find((p) => p.email === email);
    if (!person) continue;
    if (await insertCertificate(db, person, path, undefined, addDays(addMonths(now, -monthsAgo), -daysAgo))) issued++;
    await assignRecertifications(db, person.id, paths, now);
  }
  return issued;
}

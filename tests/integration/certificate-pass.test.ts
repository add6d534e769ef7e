// The certificates' daily pass runs in every server with or without mail: a certificate whose renewal
// window has opened gets its recertification assignment from the scheduler on its own, once, though
// SMTP_URL is not set and nobody opens the record. DIGEST_HOUR_UTC=0 makes the first check run at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startServer, type TestServer } from '../helpers/server.ts';
import { get } from '../helpers/http.ts';
import { insertCertificate } from '../helpers/certificate.ts';
import { certificates } from '../../src/lib/server/db/schema.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';

let s: TestServer;
let certificate: string;
beforeAll(async () => {
  // The certificate is there before the server starts: waiting for the server to answer already starts the
  // scheduler, whose first check runs at once and the next only 15 minutes later.
  s = await startServer({
    env: { DIGEST_HOUR_UTC: '0', SMTP_URL: '' },
    prepare: async (db) => {
      const lena = (await findUserByEmail(db, 'learner@example.com'))!;
      certificate = await insertCertificate(db, lena.id);
      // Lapses in ten days: inside the path's notice period (content/paths/customer-care-standards.yaml).
      await db
        .update(certificates)
        .set({ validUntil: new Date(Date.now() + 10 * 86_400_000) })
        .where(eq(certificates.id, certificate));
    },
  });
});
afterAll(() => s?.stop());

const row = async () => (await s.db.select().from(certificates).where(eq(certificates.id, certificate)))[0]!;

describe('the daily pass without mail', () => {
  it('assigns the recertification of a certificate about to lapse, once, with nobody opening the record', async () => {
    // Any request starts the scheduler (the middleware does), whose first check runs at once.
    expect((await get(s.origin, '/sign-in')).status).toBe(200);
    await expect.poll(async () => (await row()).recertAssignedAt, { timeout: 15_000 }).not.toBeNull();
    const first = await row();
    expect(first.recertDueAt!.getTime()).toBeLessThanOrEqual(first.validUntil!.getTime());
    expect(s.output()).not.toMatch(/digest check failed/);
  });
});

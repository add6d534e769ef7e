// npm run digest: sends today's reminder digests once, for cron (e.g. `0 7 * * *`). Safe next to app
// servers running their own scheduler: every digest is claimed in the database before it is sent,
// so nobody gets two. Also issues earned certificates and makes due recertification assignments
// (idempotent, docs/decisions/014-certificates.md). Exits 1 when SMTP_URL is not set or a message could not be sent.
import { fileURLToPath } from 'node:url';
import { db } from '../src/lib/server/db/db.ts';
import { mailEnabled } from '../src/lib/server/mail/mail.ts';
import { describeDigestReport, sendDailyDigests } from '../src/lib/server/mail/digest.ts';
import { loadCatalogFromDisk } from '../src/lib/content/catalog-fs.ts';
import { exitOnConfigError } from './lib.ts';
import { loadPathsFromDisk } from '../src/lib/certificates/paths-fs.ts';
import { certificateDay } from '../src/lib/server/certificates/daily.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

await exitOnConfigError(async () => {
  if (!mailEnabled()) {
    console.error('SMTP_URL is not set, so no digests were sent. Set it to the mail server to send reminders.');
    process.exit(1);
  }
  const database = await db();
  const now = new Date();
  const catalog = loadCatalogFromDisk(root);
  const paths = loadPathsFromDisk(root);
  // Certificates earned and recertifications due first, so that today's digest already lists them.
  const day = await certificateDay(database, paths, catalog, now);
  const report = await sendDailyDigests(database, now, { catalog, paths });
  console.log(describeDigestReport(report));
  console.log(`certificates: ${day.issued} issued, ${day.recertificationsAssigned} recertifications assigned`);
  database.$client.close();
  if (report.failed > 0) process.exitCode = 1;
});

// A recertification assignment reaches the learner's daily digest (and their manager's once it is
// overdue), through a real SMTP server on localhost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp.ts';
import { completeModule } from '../helpers/complete.ts';
import { createUser } from '../../src/lib/server/people/users.ts';
import { addManager, ensureTeam } from '../../src/lib/server/people/teams.ts';
import { sendDailyDigests } from '../../src/lib/server/mail/digest.ts';
import { loadCatalogFromDisk } from '../../src/lib/content/catalog-fs.ts';
import { loadPathsFromDisk } from '../../src/lib/certificates/paths-fs.ts';
import { certificateDay } from '../../src/lib/server/certificates/daily.ts';
import { digestLog } from '../../src/lib/server/db/schema.ts';

const catalog = loadCatalogFromDisk(process.cwd());
const paths = loadPathsFromDisk(process.cwd());
const issued = new Date('2026-03-01T09:00:00Z');
const until = new Date('2027-03-01T09:00:00Z');

let t: TestDb;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  process.env.MAIL_FROM = 'Rapport <reminders@example.com>';
  process.env.PUBLIC_ORIGIN = 'https://learn.example.com';
  t = await freshDb();
  const team = (await ensureTeam(t.db, 'Customer Support')).id;
  const lena = (await createUser(t.db, { email: 'lena@example.com', displayName: 'Lena Fischer', role: 'learner', teamId: team }))
    .id;
  const priya = (await createUser(t.db, { email: 'priya@example.com', displayName: 'Priya Shah', role: 'learner' })).id;
  await addManager(t.db, team, priya);
  for (const id of ['who-are-your-customers', 'why-both-matter', 'empathy', 'feedback-loops', 'mutual-respect'])
    await completeModule(
      t.db,
      lena,
      catalog.find((m) => m.id === id)!,
      issued,
    );
  await certificateDay(t.db, paths, catalog, issued);
});
afterAll(async () => {
  t?.close();
  await sink?.stop();
});

describe('recertification in the digest', () => {
  it('is not mentioned before it is assigned, then listed as due soon', async () => {
    const early = new Date('2026-12-01T09:00:00Z');
    await certificateDay(t.db, paths, catalog, early);
    await sendDailyDigests(t.db, early, { catalog, paths });
    expect(sink.messages).toEqual([]);
    const soon = new Date('2027-02-27T09:00:00Z');
    expect(await certificateDay(t.db, paths, catalog, soon)).toEqual({ issued: 0, recertificationsAssigned: 1 });
    await sendDailyDigests(t.db, soon, { catalog, paths });
    expect(sink.messages.map((m) => m.to.join())).toEqual(['lena@example.com']);
    expect(sink.messages[0]!.text).toContain('- Recertification: Customer Care Standards, due');
    expect(sink.messages[0]!.text).toContain('https://learn.example.com/modules/empathy');
  });

  it('goes to the manager as overdue once the certificate has lapsed', async () => {
    await t.db.delete(digestLog);
    sink.messages.length = 0;
    await sendDailyDigests(t.db, new Date(until.getTime() + 86_400_000), { catalog, paths });
    const manager = sink.messages.find((m) => m.to.includes('priya@example.com'));
    expect(manager?.text).toContain('Recertification: Customer Care Standards');
  });
});

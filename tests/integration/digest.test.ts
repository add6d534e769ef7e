// Daily digests delivered through a real SMTP server on localhost, from several senders sharing
// one libSQL file, as several app servers would.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp.ts';
import { expectConsoleErrors } from '../helpers/console.ts';
import { completeModule } from '../helpers/complete.ts';
import { openDb, type Db } from '../../src/lib/server/db/db.ts';
import { createUser, setActive } from '../../src/lib/server/people/users.ts';
import { addManager, ensureTeam } from '../../src/lib/server/people/teams.ts';
import { assignments, digestLog, reviewCards } from '../../src/lib/server/db/schema.ts';
import { sendDailyDigests, STALE_CLAIM_MS } from '../../src/lib/server/mail/digest.ts';
import { loadCatalogFromDisk } from '../../src/lib/content/catalog-fs.ts';
import { randomId } from '../../src/lib/server/auth/token.ts';

const catalog = loadCatalogFromDisk(process.cwd());
const now = new Date('2027-03-10T09:00:00Z');
const nextDay = new Date('2027-03-11T09:00:00Z');
const dueOn = (day: string) => new Date(`${day}T23:59:59.999Z`);

let t: TestDb;
let sink: SmtpSink;
let others: Db[];
const id: Record<string, string> = {};

async function assign(who: string, moduleId: string, day: string) {
  await t.db
    .insert(assignments)
    .values({ id: randomId(), userId: id[who]!, moduleId, dueAt: dueOn(day), createdAt: now, updatedAt: now });
}

beforeAll(async () => {
  sink = await startSmtpSink();
  // Read once by config(); nothing in this file has asked for the configuration before this point.
  process.env.SMTP_URL = sink.url;
  process.env.MAIL_FROM = 'Rapport <reminders@example.com>';
  process.env.PUBLIC_ORIGIN = 'https://learn.example.com';
  t = await freshDb();
  others = await Promise.all([openDb({ url: t.url }), openDb({ url: t.url })]);
  const support = (await ensureTeam(t.db, 'Customer Support')).id;
  const field = (await ensureTeam(t.db, 'Field Service')).id;
  const people: [string, string, 'learner', string | null][] = [
    ['lena', 'Lena Fischer', 'learner', support],
    ['marcus', 'Marcus Bell', 'learner', support],
    ['aiko', 'Aiko Tanaka', 'learner', support],
    ['gone', 'Gone Person', 'learner', support],
    ['nadia', 'Nadia Kowalski', 'learner', field],
    ['priya', 'Priya Shah', 'learner', null],
    ['tomas', 'Tomás Rivera', 'learner', null],
  ];
  for (const [key, name, role, teamId] of people)
    id[key] = (await createUser(t.db, { email: `${key}@example.com`, displayName: name, role, teamId })).id;
  await addManager(t.db, support, id.priya!);
  await addManager(t.db, field, id.tomas!);
  await setActive(t.db, id.gone!, false);

  await assign('lena', 'empathy', '2027-03-08'); // overdue
  await assign('lena', 'feedback-loops', '2027-03-12'); // due soon
  await assign('lena', 'mutual-respect', '2027-04-30'); // upcoming: not mentioned
  await assign('marcus', 'empathy', '2027-04-30'); // upcoming only: no mail
  await assign('aiko', 'empathy', '2027-03-01'); // overdue on paper but completed: done, no mail
  await completeModule(
    t.db,
    id.aiko!,
    catalog.find((m) => m.id === 'empathy')!,
    now,
  );
  await assign('gone', 'empathy', '2027-03-01'); // deactivated: no mail
  await assign('nadia', 'mutual-respect', '2027-03-09'); // overdue
});
afterAll(async () => {
  for (const db of others ?? []) db.$client.close();
  t?.close();
  await sink?.stop();
});
beforeEach(async () => {
  await t.db.delete(digestLog);
  sink.messages.length = 0;
});

const to = (email: string) => sink.messages.filter((m) => m.to.includes(email));

describe('daily digests', () => {
  it('reach each person once when three senders run at the same moment on one database file', async () => {
    const reports = await Promise.all([t.db, ...others].map((db) => sendDailyDigests(db, now, { catalog })));
    const sent = reports.reduce((n, r) => n + r.sent.learner, 0);
    expect(sent).toBe(2);
    expect(reports.reduce((n, r) => n + r.sent.manager, 0)).toBe(2);
    expect(reports.reduce((n, r) => n + r.claimedElsewhere, 0)).toBe(8);
    expect(sink.messages.map((m) => m.to.join()).sort()).toEqual([
      'lena@example.com',
      'nadia@example.com',
      'priya@example.com',
      'tomas@example.com',
    ]);
    const log = await t.db.select().from(digestLog);
    expect(log).toHaveLength(4);
    expect(log.every((row) => row.day === '2027-03-10' && row.sentAt !== null)).toBe(true);
  });

  it('tell a learner what is overdue and what is due soon, with links', async () => {
    await sendDailyDigests(t.db, now, { catalog });
    const [mail] = to('lena@example.com');
    expect(mail?.subject).toBe('Your assigned training: 1 overdue, 1 due soon');
    expect(mail?.text).toBe(
      [
        'Hello Lena,',
        '',
        '2 modules assigned to you need your attention.',
        '',
        'Overdue:',
        '- Empathy at work, was due 8 March 2027',
        '  https://learn.example.com/modules/empathy',
        '',
        'Due within three days:',
        '- Feedback loops, due 12 March 2027',
        '  https://learn.example.com/modules/feedback-loops',
        '',
        'Continue in Rapport: https://learn.example.com/',
        '',
        'You receive this digest at most once a day, while assigned work is due soon or overdue.',
      ].join('\n'),
    );
  });

  it('add one line for reviews due to a digest going out anyway, and send no mail for reviews alone', async () => {
    const card = (who: string, item: string, due: Date) => ({
      id: randomId(),
      userId: id[who]!,
      kind: 'quiz' as const,
      sourceId: 'empathy-quiz',
      itemId: item,
      objective: 'empathy:empathy',
      due,
      stability: 1,
      difficulty: 5,
      scheduledDays: 1,
      reps: 1,
      lapses: 0,
      state: 2,
      lastReview: null,
      createdAt: new Date(now.getTime() - 2 * 86_400_000),
    });
    await t.db.insert(reviewCards).values([
      card('nadia', 'a', now),
      card('nadia', 'b', now),
      card('nadia', 'c', nextDay), // tomorrow: not counted today
      card('marcus', 'a', now),
    ]);
    try {
      await sendDailyDigests(t.db, now, { catalog });
      expect(to('nadia@example.com')[0]?.text).toContain('\n2 reviews are due today: https://learn.example.com/review\n');
      expect(to('lena@example.com')[0]?.text).not.toContain('review');
      expect(to('marcus@example.com')).toHaveLength(0);
    } finally {
      await t.db.delete(reviewCards);
    }
  });

  it('give each manager the overdue work of their own teams only', async () => {
    await sendDailyDigests(t.db, now, { catalog });
    const [priya] = to('priya@example.com');
    expect(priya?.subject).toBe('Overdue training in your teams: 1 assignment');
    expect(priya?.text).toContain('Customer Support\n- Lena Fischer: Empathy at work, was due 8 March 2027\n');
    expect(priya?.text).not.toMatch(/Aiko|Gone|Marcus|Nadia/);
    const [tomas] = to('tomas@example.com');
    expect(tomas?.text).toMatch(/^Hello Tomás,/);
    expect(tomas?.text).toContain('Field Service\n- Nadia Kowalski: Mutual respect, was due 9 March 2027\n');
    expect(tomas?.text).toContain('See every assignment: https://learn.example.com/assignments');
  });

  it('send nothing more the same day, and again the next day', async () => {
    await sendDailyDigests(t.db, now, { catalog });
    const again = await sendDailyDigests(others[0]!, new Date(now.getTime() + 3_600_000), { catalog });
    expect(again).toMatchObject({ sent: { learner: 0, manager: 0 }, claimedElsewhere: 4 });
    expect(sink.messages).toHaveLength(4);
    const tomorrow = await sendDailyDigests(t.db, nextDay, { catalog });
    expect(tomorrow.sent).toEqual({ learner: 2, manager: 2 });
    expect(sink.messages).toHaveLength(8);
  });

  it('release the claim when sending fails, so a later check sends it', async () => {
    sink.refuse.add('lena@example.com');
    const { result, errors } = await expectConsoleErrors(() => sendDailyDigests(t.db, now, { catalog }));
    sink.refuse.clear();
    expect(result).toMatchObject({ sent: { learner: 1, manager: 2 }, failed: 1 });
    expect(String(errors[0]?.[0])).toContain('mail to lena@example.com failed');
    expect(to('lena@example.com')).toEqual([]);
    const retry = await sendDailyDigests(t.db, new Date(now.getTime() + 15 * 60_000), { catalog });
    expect(retry.sent).toEqual({ learner: 1, manager: 0 });
    expect(to('lena@example.com')).toHaveLength(1);
  });

  it('take over a claim whose sender died before sending, but not one still fresh', async () => {
    const claimedAt = (ms: number) => new Date(now.getTime() - ms);
    await t.db.insert(digestLog).values([
      { userId: id.lena!, day: '2027-03-10', kind: 'learner', claimedAt: claimedAt(STALE_CLAIM_MS + 1) },
      { userId: id.nadia!, day: '2027-03-10', kind: 'learner', claimedAt: claimedAt(60_000) },
    ]);
    const report = await sendDailyDigests(t.db, now, { catalog });
    expect(report).toMatchObject({ sent: { learner: 1, manager: 2 }, claimedElsewhere: 1 });
    expect(to('lena@example.com')).toHaveLength(1);
    expect(to('nadia@example.com')).toEqual([]);
  });
});

describe('npm run digest', () => {
  const run = promisify(execFile);
  const script = (env: Record<string, string>) =>
    run(process.execPath, ['scripts/digest.ts'], { env: { ...process.env, DATABASE_URL: t.url, ...env } });

  it('sends the digests due today and says what it did', async () => {
    // The script uses the real clock; assign work due today so that it is due soon whatever the date.
    const today = new Date().toISOString().slice(0, 10);
    await t.db.delete(assignments);
    await assign('marcus', 'empathy', today);
    const { stdout } = await script({ SMTP_URL: sink.url });
    expect(stdout).toMatch(/^digest \d{4}-\d{2}-\d{2}: sent 1 learner and 0 manager digests;/);
    expect(sink.messages.map((m) => [m.to.join(), m.subject])).toEqual([
      ['marcus@example.com', 'Your assigned training: 1 due soon'],
    ]);
  });

  it('refuses to run without SMTP_URL', async () => {
    const failure = await script({ SMTP_URL: '' }).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain('SMTP_URL is not set, so no digests were sent.');
  });
});

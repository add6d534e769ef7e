// Two real app servers sharing one database file, each starting its own digest scheduler on its
// first request: together they send each digest once, to a real SMTP server on localhost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp.ts';
import { seedDemoIfEmpty } from '../../src/lib/server/demo/seed.ts';
import { findUserByEmail } from '../../src/lib/server/people/users.ts';
import { assignments, digestLog } from '../../src/lib/server/db/schema.ts';
import { randomId } from '../../src/lib/server/auth/token.ts';

let t: TestDb;
let sink: SmtpSink;
let servers: TestServer[] = [];

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await freshDb();
  await seedDemoIfEmpty(t.db);
  // Due dates relative to the real clock, which is what the servers use.
  const now = new Date();
  const endOfDay = (offsetDays: number) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offsetDays + 1) - 1);
  for (const [email, dueAt] of [
    ['learner@example.com', endOfDay(-1)], // overdue: Lena, and her manager Priya hears of it
    ['nadia.kowalski@example.com', endOfDay(0)], // due today
  ] as const) {
    const user = await findUserByEmail(t.db, email);
    await t.db
      .insert(assignments)
      .values({ id: randomId(), userId: user!.id, moduleId: 'empathy', dueAt, createdAt: now, updatedAt: now });
  }
  // The hour 0 has always passed, so the first check on start-up sends.
  const env = { DATABASE_URL: t.url, SMTP_URL: sink.url, DIGEST_HOUR_UTC: '0' };
  servers = await Promise.all([startServer({ env }), startServer({ env })]);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  t?.close();
  await sink?.stop();
});

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300 && !condition(); i++) await new Promise((r) => setTimeout(r, 100));
  if (!condition()) throw new Error(`gave up waiting: ${what}\n${servers.map((s) => s.output()).join('\n---\n')}`);
}

describe('the in-process digest scheduler', () => {
  it('sends each digest once although both servers check', async () => {
    await until(() => servers.every((s) => /digest \d{4}-\d{2}-\d{2}: sent/.test(s.output())), 'both servers reporting a check');
    expect(sink.messages.map((m) => m.to.join()).sort()).toEqual([
      'learner@example.com',
      'manager@example.com',
      'nadia.kowalski@example.com',
    ]);
    const lines = servers.map((s) => s.output().match(/digest .*$/m)![0]);
    const sent = lines.map((l) => /sent (\d+) learner and (\d+) manager/.exec(l)!.slice(1).map(Number));
    expect(sent.reduce((n, [learner, manager]) => n + learner! + manager!, 0)).toBe(3);
    const log = await t.db.select().from(digestLog);
    expect(log.map((r) => r.kind).sort()).toEqual(['learner', 'learner', 'manager']);
    expect(log.every((r) => r.sentAt !== null)).toBe(true);
    const nadia = sink.messages.find((m) => m.to.includes('nadia.kowalski@example.com'))!;
    expect(nadia.subject).toBe('Your assigned training: 1 due soon');
    expect(nadia.text).toContain('- Empathy at work, due ');
  });
});

/**
 * Daily reminder digests by email: each learner with assigned work due soon or overdue gets one
 * message, each manager one listing their teams' overdue work. Any number of app servers (and the
 * `npm run digest` command) may run this at the same time: before sending, a sender claims the
 * (person, day, kind) row in digest_log with an insert, and only the one whose insert succeeds sends.
 */
import { and, eq, gte, isNotNull, isNull, lt, lte, or } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { assignments, digestLog, teamManagers, teams, users } from '../db/schema.ts';
import { config } from '../config.ts';
import { mailEnabled, sendMail } from './mail.ts';
import { learnerFactsMany } from '../learning/facts-many.ts';
import type { CatalogModule } from '../../content/catalog.ts';
import { loadCatalogFromDisk } from '../../content/catalog-fs.ts';
import { moduleProgress } from '../../progress/rules.ts';
import { DUE_SOON_MS, dueStatus, sortByUrgency, utcDay, type DueStatus } from '../../insight/due.ts';
import { learnerDigest, managerDigest, type DigestMail } from '../../insight/digest-mail.ts';
import { orgClock } from '../http/clock.ts';
import type { LearningPath } from '../../certificates/paths.ts';
import { loadPathsFromDisk } from '../../certificates/paths-fs.ts';
import { openRecertifications } from '../certificates/daily.ts';
import { reviewsDueMany } from '../review/reviews.ts';
import { dayBounds } from '../../review/daily.ts';

/** A claim older than this without a sent time belongs to a sender that died; another may take it over. */
export const STALE_CLAIM_MS = 30 * 60_000;

export interface DigestOptions {
  /** Published modules. Read from content/ in the working directory when not given (the command line). */
  catalog?: CatalogModule[];
  /** Origin for links in the mail; defaults to PUBLIC_ORIGIN (no links without it). */
  origin?: string;
  /** Learning paths, for recertifications due; read from content/paths/ when not given. */
  paths?: LearningPath[];
}

export interface DigestReport {
  day: string;
  sent: { learner: number; manager: number };
  /** Digests another sender had already claimed or sent today. */
  claimedElsewhere: number;
  /** Digests whose sending failed; their claims are released so a later check retries. */
  failed: number;
}

type Kind = 'learner' | 'manager';
interface Key {
  userId: string;
  day: string;
  kind: Kind;
}

interface Pending {
  userId: string;
  email: string;
  displayName: string;
  teamId: string | null;
  teamName: string | null;
  moduleId: string;
  title: string;
  dueAt: Date;
  due: DueStatus;
}

/** Assignments of active people that are due soon or overdue now, with their module's title. */
async function pendingWork(db: Db, catalog: CatalogModule[], now: Date): Promise<Pending[]> {
  const rows = await db
    .select({
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      teamId: users.teamId,
      teamName: teams.name,
      moduleId: assignments.moduleId,
      dueAt: assignments.dueAt,
    })
    .from(assignments)
    .innerJoin(users, eq(users.id, assignments.userId))
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(and(eq(users.active, true), lte(assignments.dueAt, new Date(now.getTime() + DUE_SOON_MS))));
  const modules = new Map(catalog.map((m) => [m.id, m]));
  const facts = await learnerFactsMany(
    db,
    rows.map((r) => r.userId),
  );
  return rows.flatMap((r) => {
    const module = modules.get(r.moduleId);
    if (!module) return []; // unpublished since it was assigned: nothing the learner could do about it
    const due = dueStatus(r.dueAt, moduleProgress(module, facts.get(r.userId)!).status, now);
    return due === 'done' ? [] : [{ ...r, title: module.title, due }];
  });
}

async function learnerMails(
  db: Db,
  work: Pending[],
  origin: string | undefined,
  now: Date,
): Promise<[Key['userId'], DigestMail][]> {
  const byPerson = Map.groupBy(work, (w) => w.userId);
  // Reviews due ride along in the same digest (one line), never a mail of their own.
  const reviews = await reviewsDueMany(db, [...byPerson.keys()], dayBounds(now, orgClock().timeZone));
  return [...byPerson].map(([userId, items]) => {
    const sorted = sortByUrgency(items.map((i) => ({ ...i, label: i.title, due: i.due as 'overdue' | 'due-soon' })));
    return [userId, learnerDigest(items[0]!, sorted, origin, orgClock(), reviews.get(userId) ?? 0)];
  });
}

async function managerMails(db: Db, work: Pending[], origin: string | undefined): Promise<[string, DigestMail][]> {
  const overdue = work.filter((w) => w.due === 'overdue' && w.teamId);
  if (overdue.length === 0) return [];
  const rows = await db
    .select({ userId: users.id, email: users.email, displayName: users.displayName, teamId: teamManagers.teamId })
    .from(teamManagers)
    .innerJoin(users, eq(users.id, teamManagers.userId))
    .where(eq(users.active, true));
  return [...Map.groupBy(rows, (r) => r.userId)].flatMap(([userId, managed]) => {
    const teamIds = new Set(managed.map((m) => m.teamId));
    const items = overdue
      .filter((w) => teamIds.has(w.teamId!))
      .sort(
        (a, b) =>
          a.teamName!.localeCompare(b.teamName!) ||
          a.dueAt.getTime() - b.dueAt.getTime() ||
          a.displayName.localeCompare(b.displayName),
      )
      .map((w) => ({ personName: w.displayName, teamName: w.teamName!, title: w.title, dueAt: w.dueAt }));
    return items.length ? [[userId, managerDigest(managed[0]!, items, origin, orgClock())] as [string, DigestMail]] : [];
  });
}

const keyIs = (k: Key) => and(eq(digestLog.userId, k.userId), eq(digestLog.day, k.day), eq(digestLog.kind, k.kind));

/** Digests of the day already sent, or claimed recently enough that their sender may still be at work. */
async function settled(db: Db, day: string, now: Date): Promise<Set<string>> {
  const rows = await db
    .select({ userId: digestLog.userId, kind: digestLog.kind })
    .from(digestLog)
    .where(
      and(
        eq(digestLog.day, day),
        or(isNotNull(digestLog.sentAt), gte(digestLog.claimedAt, new Date(now.getTime() - STALE_CLAIM_MS))),
      ),
    );
  return new Set(rows.map((r) => `${r.userId}:${r.kind}`));
}

/** True for exactly one sender per key: the insert that creates the row, or the takeover of a stale claim. */
async function claim(db: Db, key: Key, now: Date): Promise<boolean> {
  const inserted = await db
    .insert(digestLog)
    .values({ ...key, claimedAt: now })
    .onConflictDoNothing()
    .returning({ day: digestLog.day });
  if (inserted.length === 1) return true;
  const stale = new Date(now.getTime() - STALE_CLAIM_MS);
  const taken = await db
    .update(digestLog)
    .set({ claimedAt: now })
    .where(and(keyIs(key), isNull(digestLog.sentAt), lt(digestLog.claimedAt, stale)))
    .returning({ day: digestLog.day });
  return taken.length === 1;
}

async function deliver(db: Db, key: Key, mail: DigestMail, now: Date, report: DigestReport): Promise<void> {
  if (!(await claim(db, key, now))) {
    report.claimedElsewhere++;
    return;
  }
  if (await sendMail(mail)) {
    await db.update(digestLog).set({ sentAt: now }).where(keyIs(key));
    report.sent[key.kind]++;
  } else {
    // Release the claim so that the next check (here or on another server) tries again.
    await db.delete(digestLog).where(and(keyIs(key), isNull(digestLog.sentAt)));
    report.failed++;
  }
}

/** Sends today's digests that nobody has sent yet. Does nothing without SMTP_URL. */
export async function sendDailyDigests(db: Db, now = new Date(), options: DigestOptions = {}): Promise<DigestReport> {
  const day = utcDay(now);
  const report: DigestReport = { day, sent: { learner: 0, manager: 0 }, claimedElsewhere: 0, failed: 0 };
  if (!mailEnabled()) return report;
  const catalog = options.catalog ?? loadCatalogFromDisk(process.cwd());
  const origin = (options.origin ?? config().PUBLIC_ORIGIN)?.replace(/\/+$/, '');
  const paths = options.paths ?? loadPathsFromDisk(process.cwd());
  // A recertification due is assigned work like a module: it joins the same lists.
  const work = [...(await pendingWork(db, catalog, now)), ...(await openRecertifications(db, paths, now))];
  const done = await settled(db, day, now);
  const outgoing: [Key, DigestMail][] = [
    ...(await learnerMails(db, work, origin, now)).map(([userId, mail]): [Key, DigestMail] => [
      { userId, day, kind: 'learner' },
      mail,
    ]),
    ...(await managerMails(db, work, origin)).map(([userId, mail]): [Key, DigestMail] => [
      { userId, day, kind: 'manager' },
      mail,
    ]),
  ];
  for (const [key, mail] of outgoing) {
    if (done.has(`${key.userId}:${key.kind}`)) report.claimedElsewhere++;
    else await deliver(db, key, mail, now, report);
  }
  return report;
}

/** One line for logs: what a pass did. */
export function describeDigestReport(r: DigestReport): string {
  return (
    `digest ${r.day}: sent ${r.sent.learner} learner and ${r.sent.manager} manager digests; ` +
    `${r.claimedElsewhere} already sent or being sent by another server; ${r.failed} failed`
  );
}

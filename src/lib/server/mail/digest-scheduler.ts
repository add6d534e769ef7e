/**
 * The reminder scheduler inside each app server. Started once per process (lazily, by the middleware
 * on the first request), it checks every 15 minutes and, from DIGEST_HOUR_UTC on, sends the day's
 * digests that nobody has sent yet. Every server runs it; the claims in digest_log keep it to one
 * mail per person a day. Checking again through the rest of the day picks up work assigned or
 * falling due after the first check. Digests need SMTP_URL; the certificates' daily pass (issuing what was
 * earned, making recertification assignments before a certificate lapses) runs with or without mail.
 */
import type { Db } from '../db/db.ts';
import { config } from '../config.ts';
import { describeDigestReport, sendDailyDigests } from './digest.ts';
import type { CatalogModule } from '../../content/catalog.ts';
import type { LearningPath } from '../../certificates/paths.ts';
import { certificateDay } from '../certificates/daily.ts';

export const CHECK_INTERVAL_MS = 15 * 60_000;

export interface SchedulerDeps {
  db: () => Promise<Db>;
  /** The published catalog (the server passes its content collections). */
  catalog: () => Promise<CatalogModule[]>;
  /** Learning paths; when given, each check first issues earned certificates and makes due recertification assignments. */
  paths?: () => Promise<LearningPath[]>;
}

let started = false;

/** One check: sends if the hour has come. Overlapping checks are skipped rather than queued. */
function checker({ db, catalog, paths }: SchedulerDeps, hourUtc: number, mail: boolean) {
  let running = false;
  return async () => {
    const now = new Date();
    if (running || now.getUTCHours() < hourUtc) return;
    running = true;
    try {
      const options = { catalog: await catalog(), paths: paths ? await paths() : [] };
      // Idempotent in the database, so every server may run it on every check (docs/decisions/014-certificates.md).
      if (paths) await certificateDay(await db(), options.paths, options.catalog, now);
      if (!mail) return;
      const report = await sendDailyDigests(await db(), now, options);
      if (report.sent.learner + report.sent.manager + report.claimedElsewhere + report.failed > 0)
        console.log(describeDigestReport(report));
    } catch (error) {
      // A database hiccup must not take the server down; the next check tries again.
      console.error(`digest check failed: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
}

/**
 * Starts the scheduler unless it is already running in this process, or it has nothing to do (no mail and
 * no learning paths). Returns whether it started.
 */
export function startDigestScheduler(deps: SchedulerDeps): boolean {
  const c = config();
  const mail = Boolean(c.SMTP_URL);
  if (started || (!mail && !deps.paths)) return false;
  started = true;
  const check = checker(deps, c.DIGEST_HOUR_UTC, mail);
  // unref: a pending check never keeps a stopping server alive.
  setInterval(check, CHECK_INTERVAL_MS).unref();
  void check();
  return true;
}

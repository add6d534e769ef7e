/** The learning paths from content/paths/, as plain data, once per process (content is fixed per build). */
import { getCollection } from 'astro:content';
import type { LearningPath } from '../lib/certificates/paths.ts';
import { pathVersion } from '../lib/certificates/version.ts';
import type { Db } from '../lib/server/db/db.ts';
import { issueEarned } from '../lib/server/certificates/certificates.ts';
import { getCatalog } from './catalog.ts';

let paths: Promise<LearningPath[]> | undefined;

/** Every published path (drafts left out: nothing is issued for them), refreshers included. */
export function getPaths(): Promise<LearningPath[]> {
  paths ??= getCollection('paths').then((entries) =>
    entries.filter((e) => !e.data.draft).map((e) => ({ ...e.data, id: e.id, version: pathVersion(e.data) })),
  );
  return paths;
}

/**
 * Issues the certificates a learner has just earned. Called where a requirement is met (a lesson completed,
 * a module quiz passed, a role-play ended), so a certificate exists the moment its path is complete; the
 * learner's record and the daily pass call issueEarned() too, and the unique (user, path, cycle) index keeps
 * every caller to one certificate.
 */
export async function issueOnProgress(database: Db, userId: string): Promise<void> {
  await issueEarned(database, userId, await getPaths(), await getCatalog(false));
}

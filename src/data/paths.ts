/** The learning paths from content/paths/, as plain data, once per process (content is fixed per build). */
import { getCollection } from 'astro:content';
import type { LearningPath } from '../lib/certificates/paths.ts';
import { pathVersion } from '../lib/certificates/version.ts';

let paths: Promise<LearningPath[]> | undefined;

/** Every published path (drafts left out: nothing is issued for them), refreshers included. */
export function getPaths(): Promise<LearningPath[]> {
  paths ??= getCollection('paths').then((entries) =>
    entries.filter((e) => !e.data.draft).map((e) => ({ ...e.data, id: e.id, version: pathVersion(e.data) })),
  );
  return paths;
}

/**
 * Learning paths read straight from content/paths/ on disk, for scripts that run outside Astro (the
 * daily digest) and for tests. Files that do not validate are skipped: the build refuses them anyway.
 */
import { loadContent } from '../content/load-fs.ts';
import { pathSchema } from '../../schemas/path.ts';
import type { LearningPath } from './paths.ts';
import { pathVersion } from './version.ts';

export function loadPathsFromDisk(root: string): LearningPath[] {
  return (loadContent(root).paths ?? []).flatMap((f) => {
    const parsed = pathSchema.safeParse(f.data);
    return parsed.success ? [{ ...parsed.data, id: f.id, version: pathVersion(parsed.data) }] : [];
  });
}

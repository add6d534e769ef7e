// Which build `dist/` is, for the supervisor (scripts/supervisor.ts). After a swap, once the old build has
// stopped serving, `dist` becomes a link to the build now serving, so that `npm start` and the test servers
// start what learners already see, and its build stamp says it matches the sources. Older studio builds are
// deleted, keeping the two newest besides the one serving.
import { existsSync, lstatSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** Studio builds kept besides the one serving (a look back when something goes wrong). */
const KEEP = 2;

/** Points `<root>/dist` at `dist` (a studio build's dist folder); a real dist/ folder is kept as a build. */
export function pointDist(root: string, dist: string): void {
  const link = join(root, 'dist');
  if (existsSync(link) && realpathSync(link) === dist) return;
  const stat = lstatSync(link, { throwIfNoEntry: false });
  if (stat && !stat.isSymbolicLink()) {
    const kept = join(root, '.studio', 'builds', `${new Date().toISOString().replace(/[:.]/g, '-')}-before-the-studio`);
    mkdirSync(kept, { recursive: true });
    renameSync(link, join(kept, 'dist'));
  }
  // A new link renamed over the old one: `dist` is never missing, not even for a moment.
  const temp = `${link}.${process.pid}.tmp`;
  rmSync(temp, { force: true });
  symlinkSync(relative(root, dist), temp);
  renameSync(temp, link);
}

/** Deletes studio builds older than the newest KEEP, never the one serving. */
export function pruneBuilds(root: string, serving: string): void {
  const builds = join(root, '.studio', 'builds');
  if (!existsSync(builds)) return;
  const servingBuild = dirname(serving);
  const old = readdirSync(builds)
    .map((name) => join(builds, name))
    .filter((path) => path !== servingBuild)
    .sort()
    .slice(0, -KEEP);
  for (const path of old) rmSync(path, { recursive: true, force: true });
}

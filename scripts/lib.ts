// Shared bits of the command-line scripts.
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../src/lib/server/config.ts';
import type { Db } from '../src/lib/server/db/db.ts';
import { describeDemoSignIns, seedDemoIfEmpty } from '../src/lib/server/demo/seed.ts';
import { seedDemoActivity } from '../src/lib/server/demo/demo-activity.ts';
import { store } from '../src/lib/server/db/store.ts';
import { loadCourseFromDisk } from '../src/lib/content/course-fs.ts';
import { seedDemoCertificates } from '../src/lib/server/demo/demo-certificates.ts';
import { loadPathsFromDisk } from '../src/lib/certificates/paths-fs.ts';

/** Runs `main`; a configuration error prints its message (naming the variable) and exits 1. */
export async function exitOnConfigError(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * On an empty database: the demo organisation, then a few weeks of its history (so that dashboards and
 * insight pages have something to show), and the sign-ins on the console. Returns whether it seeded.
 */
export async function seedDemo(database: Db): Promise<boolean> {
  if (!(await seedDemoIfEmpty(database))) return false;
  const course = loadCourseFromDisk(fileURLToPath(new URL('..', import.meta.url)));
  await seedDemoActivity(database, await store(), course);
  await seedDemoCertificates(database, loadPathsFromDisk(fileURLToPath(new URL('..', import.meta.url))));
  console.log(describeDemoSignIns());
  return true;
}

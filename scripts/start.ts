// npm start: validate configuration, migrate, seed the demo organisation (with some history) into an
// empty database, build when there is no build or it was made from other sources than these (after a
// `git pull`, or an edit to a lesson), then serve the built site (scripts/serve.ts).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { db } from '../src/lib/server/db/db.ts';
import { migrateDb } from '../src/lib/server/db/migrate.ts';
import { config } from '../src/lib/server/config.ts';
import { xapiSettings } from '../src/lib/server/xapi/settings.ts';
import { builtFrom, sourceHash } from '../src/integrations/build-stamp.ts';
import { reportSsoConfigOnce } from '../src/lib/server/sso/settings.ts';
import { exitOnConfigError, seedDemo } from './lib.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Why the site needs building, or null when the build matches the sources. */
function buildReason(): string | null {
  if (process.argv.includes('--build')) return 'Building the site (--build)...';
  const built = builtFrom(root);
  if (built === null) return 'No build found; building the site (about a minute)...';
  if (built !== sourceHash(root))
    return 'The sources changed since the last build (src, content, config or lockfile); rebuilding...';
  return null;
}

await exitOnConfigError(async () => {
  const c = config();
  // Stops here, naming the variables, when XAPI_ENDPOINT is set without the homePage statements need.
  xapiSettings(c);
  // A broken providers file does not stop the server (password sign-in and admins go on), but it is said here.
  reportSsoConfigOnce();
  const database = await db();
  await migrateDb(database);
  await seedDemo(database);

  const reason = buildReason();
  if (reason) {
    console.log(reason);
    const result = spawnSync(process.execPath, [`${root}node_modules/astro/bin/astro.mjs`, 'build'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (result.status !== 0) process.exit(result.status ?? 1);
  } else {
    console.log('The build is up to date with the sources.');
  }
  process.env.HOST = c.HOST;
  process.env.PORT = String(c.PORT);
  console.log(`Rapport is serving http://${c.HOST}:${c.PORT} (database ${c.DATABASE_URL})`);
  // The same process goes on to serve.
  await import('./serve.ts');
});

// npm start: validate configuration, migrate, seed the demo organisation (with some history) into an
// empty database, build if there is no build yet, then serve the built site (scripts/serve.ts: Astro's
// Node adapter behind the lesson and write fast paths).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { db } from '../src/lib/server/db/db.ts';
import { migrateDb } from '../src/lib/server/db/migrate.ts';
import { config } from '../src/lib/server/config.ts';
import { exitOnConfigError, seedDemo } from './lib.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = `${root}dist/server/entry.mjs`;

await exitOnConfigError(async () => {
  const c = config();
  const database = await db();
  await migrateDb(database);
  await seedDemo(database);

  if (!existsSync(entry) || process.argv.includes('--build')) {
    console.log('No build found; building the site (about a minute)...');
    const result = spawnSync(process.execPath, [`${root}node_modules/astro/bin/astro.mjs`, 'build'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
  process.env.HOST ??= 'localhost';
  process.env.PORT ??= '4321';
  console.log(`Rapport is serving http://${process.env.HOST}:${process.env.PORT} (database ${c.DATABASE_URL})`);
  // The same process goes on to serve, reusing this database connection.
  await import('./serve.ts');
});

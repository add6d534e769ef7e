// npm run db:migrate: applies committed migrations to DATABASE_URL. With --seed-if-empty (used by
// `npm run dev`) also creates the demo organisation, with some history, when the database has no people yet.
import { db } from '../src/lib/server/db/db.ts';
import { migrateDb } from '../src/lib/server/db/migrate.ts';
import { config } from '../src/lib/server/config.ts';
import { exitOnConfigError, seedDemo } from './lib.ts';

await exitOnConfigError(async () => {
  const database = await db();
  await migrateDb(database);
  console.log(`Migrations applied to ${config().DATABASE_URL}`);
  if (process.argv.includes('--seed-if-empty')) await seedDemo(database);
  database.$client.close();
});

// npm run db:seed: migrates, then creates the demo organisation if (and only if) there are no people yet.
import { db } from '../src/lib/server/db.ts';
import { migrateDb } from '../src/lib/server/migrate.ts';
import { describeDemoSignIns, seedDemoIfEmpty } from '../src/lib/server/seed.ts';
import { exitOnConfigError } from './lib.ts';

await exitOnConfigError(async () => {
  const database = await db();
  await migrateDb(database);
  console.log((await seedDemoIfEmpty(database)) ? describeDemoSignIns() : 'The database already has people; nothing seeded.');
  database.$client.close();
});

// npm run db:seed: migrates, then creates the demo organisation and some of its history if (and only if)
// there are no people yet.
import { db } from '../src/lib/server/db/db.ts';
import { migrateDb } from '../src/lib/server/db/migrate.ts';
import { exitOnConfigError, seedDemo } from './lib.ts';

await exitOnConfigError(async () => {
  const database = await db();
  await migrateDb(database);
  if (!(await seedDemo(database))) console.log('The database already has people; nothing seeded.');
  database.$client.close();
});

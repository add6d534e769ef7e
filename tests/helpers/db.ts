// A fresh, migrated libSQL database file in a temp directory for each test file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../../src/lib/server/db/db.ts';
import { migrateDb } from '../../src/lib/server/db/migrate.ts';
import { nativeStore, type Store } from '../../src/lib/server/db/store.ts';

export interface TestDb {
  db: Db;
  /** The plain-SQL store on the same file, as the server opens it (src/lib/server/db/store.ts). */
  store: Store;
  url: string;
  dir: string;
  close(): void;
}

export async function freshDb(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-test-'));
  const url = `file:${join(dir, 'test.db')}`;
  const db = await openDb({ url });
  await migrateDb(db);
  const store = nativeStore(join(dir, 'test.db'), { busyTimeoutMs: 5000, synchronous: 'normal' });
  return {
    db,
    store,
    url,
    dir,
    close() {
      store.close();
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// The embedded database is opened the way the docs promise: WAL, a busy timeout, the chosen
// synchronous level, and foreign keys enforced.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../src/lib/server/db/db.ts';
import { migrateDb } from '../../src/lib/server/db/migrate.ts';

const dir = mkdtempSync(join(tmpdir(), 'rapport-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pragma = async (db: Awaited<ReturnType<typeof openDb>>, name: string) =>
  (await db.$client.execute(`PRAGMA ${name}`)).rows[0]![0];

describe('opening a file database', () => {
  it('creates the directory, switches to WAL and uses synchronous NORMAL by default', async () => {
    const db = await openDb({ url: `file:${join(dir, 'nested/deeper/a.db')}` });
    expect(await pragma(db, 'journal_mode')).toBe('wal');
    expect(await pragma(db, 'synchronous')).toBe(1); // NORMAL
    expect(await pragma(db, 'busy_timeout')).toBe(5000);
    db.$client.close();
  });

  it('uses synchronous FULL when asked', async () => {
    const db = await openDb({ url: `file:${join(dir, 'b.db')}`, synchronous: 'full', busyTimeoutMs: 8000 });
    expect(await pragma(db, 'synchronous')).toBe(2); // FULL
    expect(await pragma(db, 'busy_timeout')).toBe(8000);
    db.$client.close();
  });

  it('enforces foreign keys', async () => {
    const db = await openDb({ url: `file:${join(dir, 'c.db')}` });
    await migrateDb(db);
    await expect(
      db.$client.execute(
        "insert into sessions (id, user_id, secret_hash, created_at, last_verified_at) values ('x', 'no-such-user', x'00', 0, 0)",
      ),
    ).rejects.toThrow(/FOREIGN KEY/);
    db.$client.close();
  });
});

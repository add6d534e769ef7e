// `npm start` never serves a stale build: in a copy of the project whose build predates an edit to a
// lesson, scripts/start.ts sees that the sources changed, rebuilds, and serves the edit; started again
// it finds the build up to date and serves at once.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, stopServer } from '../helpers/process-server.ts';
import { cookieFor, get } from '../helpers/http.ts';
import { openDb, type Db } from '../../src/lib/server/db/db.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const COPIED = ['src', 'content', 'public', 'scripts', 'drizzle', 'dist'];
const FILES = ['astro.config.mjs', 'tsconfig.json', 'package.json', 'package-lock.json'];
const LESSON_FILE = 'content/modules/empathy/what-empathy-looks-like.mdx';
const MARKER = 'A sentence a trainer added after the last build.';

let copy: string;
let dbUrl: string;
let db: Db;
beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'rapport-stale-'));
  for (const name of [...COPIED, ...FILES]) cpSync(join(ROOT, name), join(copy, name), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const lesson = join(copy, LESSON_FILE);
  writeFileSync(lesson, `${readFileSync(lesson, 'utf8').trimEnd()}\n\n${MARKER}\n`);
  dbUrl = `file:${join(copy, 'data', 'rapport.db')}`;
});
afterAll(() => {
  db?.$client.close();
  rmSync(copy, { recursive: true, force: true });
});

describe('npm start after an edit', () => {
  it('rebuilds, says why, and serves the edited lesson; the next start serves without building', async () => {
    const start = join(copy, 'scripts/start.ts');
    const first = await spawnServer(dbUrl, { ASTRO_TELEMETRY_DISABLED: '1' }, start, 240_000);
    try {
      expect(first.output()).toContain('The sources changed since the last build');
      db = await openDb({ url: dbUrl });
      const res = await get(first.origin, '/modules/empathy/what-empathy-looks-like', await cookieFor(db, 'learner@example.com'));
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(MARKER);
    } finally {
      await stopServer(first);
    }
    const second = await spawnServer(dbUrl, {}, start);
    try {
      expect(second.output()).toContain('The build is up to date with the sources.');
      expect(second.output()).not.toContain('building');
    } finally {
      await stopServer(second);
    }
  }, 300_000);
});

// A copy of the project in a temp folder, with its build, sharing node_modules: for tests that change files
// the server reads (content/, dist/) or that build (tests/integration/stale-build.test.ts and the studio's
// publishing). The copy has the build inputs, scripts, migrations and the curriculum map the content check reads.
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const COPIED = ['src', 'content', 'public', 'scripts', 'drizzle', 'dist', 'docs/curriculum-map.md'];
const FILES = ['astro.config.mjs', 'tsconfig.json', 'package.json', 'package-lock.json'];

export function copyProject(prefix: string): string {
  const copy = mkdtempSync(join(tmpdir(), prefix));
  for (const name of [...COPIED, ...FILES]) cpSync(join(ROOT, name), join(copy, name), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}

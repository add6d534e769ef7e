// A throwaway project root for studio tests (STUDIO_ROOT): a copy of content/ and the curriculum map, so
// drafts and checks never touch the repository's own files.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '../..');

export function copyProjectRoot(): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'rapport-studio-'));
  cpSync(join(REPO, 'content'), join(root, 'content'), { recursive: true });
  const map = join(REPO, 'docs/curriculum-map.md');
  if (existsSync(map)) cpSync(map, join(root, 'docs/curriculum-map.md'));
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

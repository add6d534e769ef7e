/**
 * Stamps each build with a hash of what it was built from, so that `npm start` can tell a build that
 * no longer matches its sources (after `git pull`, or a trainer's edit to a lesson) and rebuild it
 * rather than serve the old site. Written as `dist/build-stamp.json` when a build completes.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folders and files a build is made from; anything else (tests, docs, data) does not change the site. */
export const BUILD_INPUTS = [
  'src',
  'content',
  'public',
  'astro.config.mjs',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
];

export const STAMP_FILE = 'dist/build-stamp.json';

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

/** SHA-256 over the path and bytes of every build input under `root`, in a stable order. */
export function sourceHash(root: string): string {
  const hash = createHash('sha256');
  for (const input of BUILD_INPUTS) {
    for (const file of files(join(root, input))) {
      hash.update(`${relative(root, file)}\0`);
      hash.update(readFileSync(file));
      hash.update('\0');
    }
  }
  return hash.digest('hex');
}

/** The hash the build in `root/dist` was made from, or null when there is no stamped build. */
export function builtFrom(root: string): string | null {
  try {
    return (JSON.parse(readFileSync(join(root, STAMP_FILE), 'utf8')) as { sources: string }).sources;
  } catch {
    return null;
  }
}

export function buildStamp(): AstroIntegration {
  let sources = '';
  let root = '';
  return {
    name: 'rapport:build-stamp',
    hooks: {
      // Hashed before the build starts, so an edit made while it runs makes the next start rebuild.
      'astro:config:setup': ({ config, command }) => {
        if (command !== 'build') return;
        root = fileURLToPath(config.root);
        sources = sourceHash(root);
      },
      'astro:build:done': () => {
        writeFileSync(join(root, STAMP_FILE), `${JSON.stringify({ sources, builtAt: new Date().toISOString() })}\n`);
      },
    },
  };
}

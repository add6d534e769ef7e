// The site's routes, read from src/pages the way Astro maps files to URLs. Suites that must cover
// every route (the security matrix, the fuzzer) start from this list, so a new page cannot slip by.
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const PAGES = resolve(import.meta.dirname, '../../src/pages');
// Astro turns these into routes (pages and endpoints); anything else in src/pages is ignored.
const ROUTE_FILE = /\.(astro|md|mdx|html|ts|js)$/;

export interface RouteFile {
  /** The URL pattern, e.g. `/modules/[module]/[lesson]`; `/` for the home page. */
  pattern: string;
  /** The file, relative to the repository, e.g. `src/pages/modules/[module]/[lesson].astro`. */
  file: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    // Astro skips files and folders whose names start with an underscore.
    if (entry.name.startsWith('_')) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path);
    return ROUTE_FILE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** `modules/[module]/index.astro` -> `/modules/[module]`. */
export function patternOf(relativeFile: string): string {
  const withoutExt = relativeFile.split('\\').join('/').replace(ROUTE_FILE, '');
  const segments = withoutExt.split('/');
  if (segments.at(-1) === 'index') segments.pop();
  return `/${segments.join('/')}`;
}

/** Every route file under src/pages, sorted by pattern. */
export function routeFiles(): RouteFile[] {
  const root = resolve(PAGES, '../..');
  return walk(PAGES)
    .map((path) => ({ pattern: patternOf(relative(PAGES, path)), file: relative(root, path) }))
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** The parameter names of a pattern: `/scenarios/[scenario]/runs/[run]` -> `['scenario', 'run']`. */
export function paramsOf(pattern: string): string[] {
  return [...pattern.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]!);
}

/** A concrete path for a pattern; throws when a parameter has no value. */
export function fillRoute(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`No value for [${name}] in ${pattern}`);
    return encodeURIComponent(value);
  });
}

/**
 * Compares the routes found in src/pages with the patterns a suite has expectations for. Returns
 * one line per problem, naming the file to add an entry for (or the stale entry to remove).
 */
export function coverageProblems(covered: Iterable<string>, table: string): string[] {
  const known = new Set(covered);
  const routes = routeFiles();
  const found = new Set(routes.map((r) => r.pattern));
  return [
    ...routes
      .filter((r) => !known.has(r.pattern))
      .map((r) => `${r.file} (route ${r.pattern}) has no entry in ${table}: add one saying what each role may do there.`),
    ...[...known]
      .filter((p) => !found.has(p))
      .map((p) => `${table} has an entry for ${p}, but no file in src/pages serves it: remove or rename the entry.`),
  ];
}

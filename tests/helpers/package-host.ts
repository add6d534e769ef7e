// Serves an exported package to a real browser as an LMS would, from an address that exists only inside the
// test (http://lms.test), and refuses every other request, recording it: a package must make no calls home.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { unzipSync } from 'fflate';
import type { BrowserContext, Route } from 'playwright-core';

export const LMS = 'http://lms.test';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.xml': 'application/xml',
  '.xsd': 'application/xml',
};

/** scorm-again's SCORM 1.2 runtime, the browser build (it defines window.Scorm12API). */
export function scormAgainScript(): string {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve('scorm-again/scorm12'), 'utf8');
}

/** Route handlers by path under http://lms.test; a string is served as HTML. */
export type LmsRoutes = Record<string, string | ((route: Route) => Promise<void>)>;

/**
 * Serves `zip` under http://lms.test/package/ plus `routes`; returns the list of requests refused because they
 * left http://lms.test (expected to stay empty).
 */
export async function hostPackage(context: BrowserContext, zip: Uint8Array, routes: LmsRoutes): Promise<string[]> {
  const files = unzipSync(zip);
  const refused: string[] = [];
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== LMS) {
      refused.push(url.href);
      return route.abort();
    }
    const handler = routes[url.pathname];
    if (typeof handler === 'function') return handler(route);
    if (typeof handler === 'string') return route.fulfill({ body: handler, contentType: TYPES['.html'] });
    const file = url.pathname.startsWith('/package/') ? files[url.pathname.slice('/package/'.length)] : undefined;
    if (!file) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ body: Buffer.from(file), contentType: TYPES[extname(url.pathname)] ?? 'application/octet-stream' });
  });
  return refused;
}

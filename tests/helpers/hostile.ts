// Hostile input found by the adversarial review of issue #14: forms with thousands of repeated fields,
// very long values, and ways back (next, returnTo, from) that a browser would read as another site.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { routeFiles, type RouteFile } from './routes.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** The routes whose page reads a form body (through readForm), found in the source so none is missed. */
export function formRoutes(): RouteFile[] {
  return routeFiles().filter((r) => readFileSync(resolve(ROOT, r.file), 'utf8').includes('readForm('));
}

/** A url-encoded body of `count` fields, small enough (under 64 KiB) that only the field count is wrong. */
export function repeatedFields(count: number, names: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(`${names[i % names.length]}=b`);
  return parts.join('&');
}

/** Field names our forms use, so a flood also reaches the code that reads each known field. */
export const FIELD_NAMES = ['a', 'attemptId', 'intent', 'q:x', 'userId', 'teamId', 'next', 'returnTo', 'email', 'body'];

/** Values of one long field: plain, multi-byte, percent signs and separators, control characters. */
export const longValue: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('a', '😀', '%', '&=', '\u0000', '\r\n', '<script>', 'q:'), fc.integer({ min: 2_000, max: 12_000 }))
  .map(([unit, times]) => unit.repeat(times));

/**
 * Ways back a browser might follow off the site: pieces it drops (tab, newline), reads as a slash
 * (backslash), or resolves away (dot segments), joined at random, plus the review's own examples.
 */
export const hostileTarget: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '/\t/evil.example',
    '/\t\\evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '/.//evil.example',
    '//evil.example',
    '/\\evil.example',
    'https://evil.example/',
    '/\u0000/evil.example',
    `/${'a'.repeat(5_000)}`,
    '/modules/empathy',
  ),
  fc
    .array(
      fc.constantFrom('/', '\\', '\t', '\n', '\r', ' ', '.', '..', '%09', '%5C', '%2F', 'evil.example', '@', ':', '?', '#', 'é'),
      { minLength: 1, maxLength: 10 },
    )
    .map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 20 }).map((s) => `/${s}`),
);

/** Why a Location (or link) is unsafe for a page at `origin`, or undefined when it stays on the site. */
export function offSite(target: string | null, origin: string): string | undefined {
  if (target === null) return 'no target';
  if (!/^\/(?![/\\])[\x21-\x7e]*$/.test(target)) return `not a plain same-site path: ${JSON.stringify(target.slice(0, 80))}`;
  const resolved = new URL(target, origin);
  return resolved.origin === origin ? undefined : `a browser goes to ${resolved.origin}`;
}

/** The value below which `share` of the samples fall (nearest rank). */
export function quantile(samples: number[], share: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
}

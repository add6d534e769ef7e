// The way back after sign-in, a saved reflection or a quiz: same-site paths only, read exactly as a
// browser reads a Location header, and short enough to travel in one (issue #14, item 3).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_NEXT_LENGTH, safeNext } from '../../src/lib/server/http/request.ts';

const SITE = 'https://learn.example';

describe('safeNext', () => {
  it.each([
    ['/modules/empathy?from=%2F', '/modules/empathy?from=%2F'],
    ['/journal?saved=x#r-x', '/journal?saved=x#r-x'],
    ['/%09/evil.example', '/%09/evil.example'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    [`${SITE}/modules`, '/'],
    ['', '/'],
    [null, '/'],
    [undefined, '/'],
    // Found by the adversarial review: a browser drops tabs and newlines and reads \ as /.
    ['/\t/evil.example', '/'],
    ['/\t\\evil.example', '/'],
    ['/\n/evil.example', '/'],
    ['/\r\n/evil.example', '/'],
    // A dot segment that the parser removes would uncover //host.
    ['/.//evil.example', '/'],
    ['/./\\evil.example', '/'],
    // Changed by the parser, so refused rather than silently rewritten.
    ['/a b', '/'],
    ['/café', '/'],
    ['/modules/ ', '/'],
    ['/x\u0000', '/'],
    ['/modules/../journal', '/'],
  ])('%j -> %j', (value, expected) => {
    expect(safeNext(value)).toBe(expected);
  });

  it('falls back to the default it is given', () => {
    expect(safeNext('/\t/evil.example', '/modules/empathy')).toBe('/modules/empathy');
    expect(safeNext(null, '/journal?saved=x')).toBe('/journal?saved=x');
  });

  it('drops a path longer than a redirect should carry (found by tests/integration/fuzz.test.ts)', () => {
    expect(safeNext(`/${'a'.repeat(MAX_NEXT_LENGTH - 1)}`)).toHaveLength(MAX_NEXT_LENGTH);
    expect(safeNext(`/${'a'.repeat(MAX_NEXT_LENGTH)}`)).toBe('/');
  });

  it('never throws, and whatever it returns a browser resolves on this site, unchanged', () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc
        .array(
          fc.constantFrom('/', '\\', '\t', '\n', '\r', ' ', '.', '..', '%09', '%2F', 'evil.example', ':', '@', '?', '#', 'a'),
          {
            maxLength: 12,
          },
        )
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(hostile, (value) => {
        const next = safeNext(value, '/fallback');
        if (next === '/fallback') return;
        const resolved = new URL(next, SITE);
        expect(resolved.origin).toBe(SITE);
        expect(`${resolved.pathname}${resolved.search}${resolved.hash}`).toBe(next);
        // Fit for a Location header: no control characters, nothing outside ASCII.
        expect(next).toMatch(/^\/[\x21-\x7e]*$/);
      }),
      { numRuns: 2000 },
    );
  });
});

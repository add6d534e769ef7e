// The way back after sign-in: same-site paths only, and short enough to travel in a Location header.
import { describe, expect, it } from 'vitest';
import { MAX_NEXT_LENGTH, safeNext } from '../../src/lib/server/http/request.ts';

describe('safeNext', () => {
  it.each([
    ['/modules/empathy?from=%2F', '/modules/empathy?from=%2F'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['', '/'],
    [null, '/'],
  ])('%j -> %j', (value, expected) => {
    expect(safeNext(value)).toBe(expected);
  });

  it('drops a path longer than a redirect should carry (found by tests/integration/fuzz.test.ts)', () => {
    expect(safeNext(`/${'a'.repeat(MAX_NEXT_LENGTH - 1)}`)).toHaveLength(MAX_NEXT_LENGTH);
    expect(safeNext(`/${'a'.repeat(MAX_NEXT_LENGTH)}`)).toBe('/');
  });
});

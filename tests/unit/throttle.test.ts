import { describe, expect, it } from 'vitest';
import { blockFor, RULES } from '../../src/lib/server/auth/throttle.ts';

describe('throttle back-off', () => {
  it('lets the first failures through, then doubles up to a cap', () => {
    const pair = [1, 2, 3, 4, 5, 6, 7, 12, 50].map((n) => blockFor(RULES.pair, n));
    expect(pair).toEqual([0, 0, 0, 0, 15_000, 30_000, 60_000, 900_000, 900_000]);
  });
  it('never blocks an account for more than a minute, whoever keeps failing', () => {
    expect(Math.max(...Array.from({ length: 1000 }, (_, i) => blockFor(RULES.account, i)))).toBe(60_000);
  });
});

import { describe, expect, it } from 'vitest';
import { currentNav, navFor } from '../../src/lib/navigation.ts';

describe('navigation', () => {
  it('shows each role only what it may use', () => {
    expect(navFor({ role: 'learner' }).map((i) => i.href)).toEqual(['/', '/modules', '/journal', '/certificates']);
    expect(navFor({ role: 'learner', manages: true }).map((i) => i.href)).toEqual([
      '/',
      '/modules',
      '/journal',
      '/certificates',
      '/team',
      '/assignments',
    ]);
    // A trainer who manages a team keeps the trainer's insight pages (decision 013).
    expect(navFor({ role: 'trainer', manages: true }).map((i) => i.href)).toEqual([
      '/',
      '/modules',
      '/journal',
      '/certificates',
      '/team',
      '/assignments',
      '/insight',
      '/studio',
    ]);
    expect(navFor({ role: 'admin' }).map((i) => i.href)).toContain('/admin/people');
    expect(navFor({ role: 'trainer' }).map((i) => i.href)).toEqual([
      '/',
      '/modules',
      '/journal',
      '/certificates',
      '/insight',
      '/studio',
    ]);
    expect(navFor({ role: 'admin' }).map((i) => i.href)).toContain('/studio');
    expect(navFor(null)).toEqual([]);
  });
  it('marks the longest matching section as current', () => {
    const items = navFor({ role: 'admin' });
    expect(currentNav('/', items)).toBe('/');
    expect(currentNav('/modules/empathy/listening', items)).toBe('/modules');
    expect(currentNav('/admin/people', items)).toBe('/admin/people');
    expect(currentNav('/assignments', items)).toBe('/assignments');
  });
});

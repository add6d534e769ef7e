// The fuzzer's leak detector must catch what it is for and pass ordinary copy, or the fuzz suite proves nothing.
import { describe, expect, it } from 'vitest';
import { leak } from '../helpers/fuzz.ts';

describe('leak', () => {
  it.each([
    'Error: boom\n    at Object.<anonymous> (/srv/app/dist/server/chunks/page.mjs:10:5)',
    'at async handle (file:///srv/app/entry.mjs:3:9)',
    'ENOENT: open /home/rapport/data/rapport.db',
    'LibsqlError: SQLITE_CONSTRAINT: UNIQUE constraint failed',
    'no such table: users',
    "TypeError: Cannot read properties of undefined (reading 'id')",
  ])('flags %j', (body) => {
    expect(leak(body)).toBeDefined();
  });

  it.each([
    'Empathy at work',
    'You can take this quiz again at 12:30 UTC.',
    'Look at the customer: what is this costing them?',
    '<a href="/modules/empathy">Empathy</a>',
  ])('passes %j', (body) => {
    expect(leak(body)).toBeUndefined();
  });
});

// Any console.error a test did not expect is a failure: errors must not pass silently.
import { afterEach, beforeEach, vi } from 'vitest';

let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (errors.length) throw new Error(`Unexpected console.error:\n${errors.map((e) => e.map(String).join(' ')).join('\n')}`);
});

/** Marks console.error calls made inside `fn` as expected and returns them. */
export async function expectConsoleErrors<T>(fn: () => Promise<T>): Promise<{ result: T; errors: unknown[][] }> {
  const before = errors.length;
  const result = await fn();
  return { result, errors: errors.splice(before) };
}

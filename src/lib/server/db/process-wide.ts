/**
 * One value per process, shared by every copy of a module. The Astro bundle (dist/server) and the server
 * wrapper that runs it (scripts/serve.ts) each load their own copy of the modules they share, so a
 * module-level variable would exist twice; a value kept on globalThis under a registered symbol exists once.
 */
export function processWide<T>(name: string, create: () => T): T {
  const key = Symbol.for(`rapport.${name}`);
  const global = globalThis as typeof globalThis & { [key: symbol]: T | undefined };
  return (global[key] ??= create());
}

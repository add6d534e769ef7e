/** xAPI 1.0.3 statements (docs/xapi.md): pure builders; the outbox and sender live in src/lib/server/xapi/. */
export * from './iris.ts';
export * from './statement.ts';
export * from './learning.ts';
export * from './scenario.ts';
export * from './people.ts';
export { uuidV5 } from './uuid.ts';

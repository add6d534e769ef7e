// The built server as a bare process on a database file the caller owns. Tests that kill it (kill -9)
// and start it again on the same file use this directly; tests/helpers/server.ts adds a fresh,
// seeded database for the usual case.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const ENTRY = join(ROOT, 'dist/server/entry.mjs');
/** The production server: the built app in a plain Node HTTP server. */
const SERVE = join(ROOT, 'scripts/serve.ts');

export interface ServerProcess {
  origin: string;
  child: ChildProcess;
  output(): string;
  /** Resolves when the process has exited, with its signal if a signal ended it. */
  exited: Promise<NodeJS.Signals | null>;
}

/** A port on loopback that nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? res(address.port) : rej(new Error('no port'))));
    });
  });
}

/** `npm start`: migrates, seeds an empty database, then serves (used to test the first run). */
export const START = join(ROOT, 'scripts/start.ts');

/**
 * Starts scripts/serve.ts over the build on `dbUrl` (already migrated), or another script such as START,
 * and waits until it answers.
 */
export async function spawnServer(
  dbUrl: string,
  env: Record<string, string> = {},
  script = SERVE,
  /** How long to wait for the first answer (a start that builds the site takes longer). */
  waitMs = 20_000,
): Promise<ServerProcess> {
  if (script === SERVE && !existsSync(ENTRY))
    throw new Error('No build found at dist/server/entry.mjs. Run `npm run build` first.');
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  let log = '';
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: dbUrl, HOST: 'localhost', PORT: String(port), NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const exited = new Promise<NodeJS.Signals | null>((res) => child.once('exit', (_code, signal) => res(signal)));
  for (let i = 0; i < waitMs / 100; i++) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
    try {
      await fetch(`${origin}/sign-in`);
      return { origin, child, output: () => log, exited };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start:\n${log}`);
}

/** Ends the process (SIGTERM unless told otherwise) and waits for it to go. */
export async function stopServer(server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
  await server.exited;
}

// The supervisor of the production server (scripts/serve.ts): it listens on HOST:PORT through its workers
// and runs one worker at a time on the current build, two for the moment of a swap. The listening socket is
// shared (cluster.SCHED_NONE): the supervisor holds it open and each worker accepts from it, so a worker that
// stops accepting leaves queued connections to the other instead of dropping them, which separate processes
// with SO_REUSEPORT would do on this kernel (net.ipv4.tcp_migrate_req = 0). It imports nothing of the app.
import cluster, { type Worker } from 'node:cluster';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SupervisorMessage, Swapped } from '../src/lib/studio/supervisor-protocol.ts';
import { pointDist, pruneBuilds } from './builds.ts';

/** How long a new build has to start listening before the swap is given up and the old one kept. */
const START_TIMEOUT_MS = 60_000;
/** How long an old worker may take to finish its publish before it is stopped anyway. */
const FINISH_TIMEOUT_MS = 10 * 60_000;

let current: Worker;
let currentDist: string;
let root: string;
let stopping = false;

function start(dist: string): Worker {
  // The studio publishes into the project whose build this is, wherever the server was started from.
  const worker = cluster.fork({ RAPPORT_DIST: dist, STUDIO_ROOT: process.env.STUDIO_ROOT || root });
  worker.on('message', (message: SupervisorMessage) => onMessage(worker, message));
  return worker;
}

/** Resolves with the worker once it listens, or with why it did not. */
function listening(worker: Worker): Promise<string | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(`it did not listen within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    worker.once('listening', () => (clearTimeout(timer), resolve(null)));
    worker.once('exit', (code, signal) => (clearTimeout(timer), resolve(`it exited (${signal ?? `code ${code}`})`)));
  });
}

async function swap(old: Worker, id: string, dist: string): Promise<void> {
  const next = start(dist);
  const problem = await listening(next);
  if (problem) {
    next.process.kill('SIGKILL');
    old.send({
      rapport: 'swapped',
      id,
      ok: false,
      error: `The new build did not start: ${problem}. The site still serves the previous build; the server's log has the details.`,
    } satisfies Swapped);
    return;
  }
  current = next;
  currentDist = dist;
  old.send({ rapport: 'swapped', id, ok: true } satisfies Swapped);
  setTimeout(() => old.isConnected() && old.send({ rapport: 'release' }), FINISH_TIMEOUT_MS).unref();
}

function onMessage(worker: Worker, message: SupervisorMessage): void {
  if (message?.rapport === 'swap' && worker === current) void swap(worker, message.id, message.dist);
  else if (message?.rapport === 'swap')
    worker.send({
      rapport: 'swapped',
      id: message.id,
      ok: false,
      error: 'This worker is no longer the one serving; publish again.',
    } satisfies Swapped);
  if (message?.rapport === 'finished' && worker !== current) worker.send({ rapport: 'release' });
}

/** Once the old build has stopped serving: dist/ is the one serving now, and old builds go. */
function afterSwap(): void {
  try {
    pointDist(root, currentDist);
    pruneBuilds(root, currentDist);
  } catch (error) {
    // The site serves either way; only the next `npm start` would rebuild.
    console.error(
      `Could not point dist/ at the build serving (${currentDist}): ${error instanceof Error ? error.message : error}`,
    );
  }
}

/** Starts the first worker on `dist/` and keeps a worker running until a signal stops the server. */
export function supervise(workerScript: URL): void {
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  cluster.setupPrimary({ exec: fileURLToPath(workerScript) });
  root = fileURLToPath(new URL('..', workerScript));
  currentDist = realpathSync(join(root, 'dist'));
  current = start(currentDist);
  let everListened = false;
  current.once('listening', () => (everListened = true));
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    if (worker !== current) return afterSwap();
    // A worker that never listened (no build, a broken one, a bad setting) would fail again: stop with it.
    if (!everListened) process.exit(code ?? 1);
    console.error(`The server's worker stopped (${signal ?? `code ${code}`}); starting another.`);
    current = start(currentDist);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
      const exitWhenAlone = () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0);
      cluster.on('exit', exitWhenAlone);
      exitWhenAlone();
      setTimeout(() => process.exit(0), 3000).unref();
    });
  }
}

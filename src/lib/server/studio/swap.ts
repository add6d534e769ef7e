/**
 * The app's side of a swap (scripts/supervisor.ts): ask the supervisor to start a worker on a new build and
 * wait until it listens, then say when this worker's publish is done so that it may exit. Only a worker of
 * the production server can swap; `astro dev` and other ways of running the bundle cannot publish.
 */
import { randomBytes } from 'node:crypto';
import cluster from 'node:cluster';
import type { Finished, SupervisorMessage, SwapRequest } from '../../studio/supervisor-protocol.ts';

/** Why this process cannot swap builds, or null when it can. */
export function cannotSwap(): string | null {
  if (cluster.isWorker && process.send) return null;
  return 'This server cannot swap in a new build: start it with `npm start` (or scripts/serve.ts), which runs the site under a supervisor.';
}

/** Resolves once the new build serves (ok) or did not start (ok false, with why; the old build keeps serving). */
export function requestSwap(dist: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const problem = cannotSwap();
  if (problem) return Promise.resolve({ ok: false, error: problem });
  const id = randomBytes(8).toString('hex');
  return new Promise((resolve) => {
    const onMessage = (message: SupervisorMessage) => {
      if (message?.rapport !== 'swapped' || message.id !== id) return;
      process.off('message', onMessage);
      resolve(message.ok ? { ok: true } : { ok: false, error: message.error ?? 'The new build did not start.' });
    };
    process.on('message', onMessage);
    process.send!({ rapport: 'swap', id, dist } satisfies SwapRequest);
  });
}

/** Tells the supervisor that this (retired) worker has finished its publish. */
export function announceFinished(): void {
  process.send?.({ rapport: 'finished' } satisfies Finished);
}

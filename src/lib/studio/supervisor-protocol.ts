/**
 * The messages between the production server's supervisor (scripts/supervisor.ts) and the worker that runs
 * the built app (scripts/serve-app.ts and, inside the bundle, src/lib/server/studio/swap.ts). A publish asks
 * the supervisor to start the new build beside the old one and is told when it listens; the old worker then
 * stops taking connections, finishes its publish (content/, drafts, history) and says so, and is let go.
 */

/** Worker to supervisor: start a worker on this build and tell me when it listens. */
export interface SwapRequest {
  rapport: 'swap';
  id: string;
  /** The real path of the new build's dist folder. */
  dist: string;
}

/** Worker to supervisor: the publish that asked for a swap has finished its work; this worker may go. */
export interface Finished {
  rapport: 'finished';
}

/** Supervisor to worker: the answer to a swap request. On success the worker has stopped taking connections. */
export interface Swapped {
  rapport: 'swapped';
  id: string;
  ok: boolean;
  /** Why the new build did not start, when it did not. */
  error?: string;
}

/** Supervisor to worker: exit once the connections still open have ended. */
export interface Release {
  rapport: 'release';
}

export type SupervisorMessage = SwapRequest | Finished | Swapped | Release;

export function isSupervisorMessage(value: unknown): value is SupervisorMessage {
  return typeof value === 'object' && value !== null && typeof (value as { rapport?: unknown }).rapport === 'string';
}

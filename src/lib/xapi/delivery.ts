/**
 * The sender's rules, apart from its I/O (src/lib/server/xapi/sender.ts): how long to wait after a failure,
 * and what an LRS's answer means for the statements it was sent.
 */

/** The longest wait between two tries: a statement is never given up, only tried less often. */
export const MAX_RETRY_MS = 60 * 60_000;

/**
 * Exponential backoff with jitter: the n-th failure (1, 2, ...) waits between half and all of
 * base x 2^(n-1), capped at an hour, so servers that failed together do not all retry together.
 */
export function retryDelay(failures: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_RETRY_MS, baseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export type Verdict =
  /** Stored, or (409 for a single statement) the LRS already holds a statement with this id: never send again. */
  | { kind: 'delivered'; conflict: boolean }
  /** The LRS refused the batch as a whole for one statement in it (409 or 400): send each alone to find which. */
  | { kind: 'split' }
  | { kind: 'retry'; error: string };

/**
 * What the LRS's answer to `count` statements means. xAPI 1.0.3: a batch with one statement whose id the LRS
 * holds with other content is refused whole with 409; a resent identical statement is accepted (200/204).
 */
export function verdict(status: number, count: number, body = ''): Verdict {
  if (status >= 200 && status < 300) return { kind: 'delivered', conflict: false };
  if (status === 409 && count === 1) return { kind: 'delivered', conflict: true };
  if ((status === 409 || status === 400) && count > 1) return { kind: 'split' };
  const detail = body.replace(/\s+/g, ' ').trim().slice(0, 200);
  return { kind: 'retry', error: `The LRS answered ${status}${detail ? `: ${detail}` : ''}` };
}

/**
 * Starts the sender in this server process (once, by the middleware's first request, like the digest
 * scheduler): every XAPI_POLL_MS it sends batches until the due queue is empty or a batch fails.
 */
import type { Db } from '../db/db.ts';
import { randomId } from '../auth/token.ts';
import { sendBatch } from './sender.ts';
import { xapiSettings } from './settings.ts';

let tick: (() => Promise<void>) | undefined;
let started = false;

export function startXapiSender(db: () => Promise<Db>): boolean {
  if (started) return false;
  started = true;
  let settings;
  try {
    settings = xapiSettings();
  } catch (error) {
    // npm start refuses to start with this configuration; a server started otherwise says why it sends nothing.
    console.error(`xAPI sender not started: ${(error as Error).message}`);
  }
  if (!settings) return false;
  // Names this process's leases; a restarted server is a new owner and waits out the old one's leases.
  const owner = randomId();
  let running = false;
  tick = async () => {
    if (running) return;
    running = true;
    try {
      const database = await db();
      for (;;) {
        const report = await sendBatch(database, settings, owner);
        if (report.leased < settings.batchSize || report.failed > 0) break;
      }
    } catch (error) {
      // A database hiccup must not take the server down; the next tick tries again.
      console.error(`xAPI sender: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
  setInterval(() => void tick?.(), settings.pollMs).unref();
  void tick();
  return true;
}

/** Sends now rather than at the next tick (the admin page's "Retry now"). */
export async function wakeXapiSender(): Promise<void> {
  await tick?.();
}

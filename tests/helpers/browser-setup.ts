// globalSetup of the e2e project: finds the browser once before the test workers start (on a fresh machine that
// unpacks @sparticuz/chromium's, a few seconds) and says which one the browser tests drive.
import { findChromium } from './chromium.ts';

export default async function setup(): Promise<void> {
  const { path, source } = await findChromium();
  console.log(`Browser tests drive ${path} (${source}); CHROMIUM_PATH chooses another.`);
}

// Regenerates docs/screenshot.png (the README's picture): `node tests/helpers/screenshot.ts`.
// Needs a build (`npm run build`) and Chromium.
import { fileURLToPath } from 'node:url';
import { startServer } from './server.ts';
import { launchBrowser, signedInContext } from './browser.ts';

const out = fileURLToPath(new URL('../../docs/screenshot.png', import.meta.url));
const server = await startServer();
const browser = await launchBrowser();
try {
  const context = await signedInContext(browser, server, process.argv[2] ?? 'learner@example.com');
  const page = await context.newPage();
  await page.setViewportSize({ width: 1200, height: 800 });
  await page.goto(process.argv[3] ?? '/');
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.stop();
}

// One worker of the production server (see scripts/serve.ts): the built Astro app (<dist>/server/entry.mjs,
// static files and pages) in a plain Node HTTP server that owns what belongs to the process: listening, the
// security headers of static files, and a graceful stop. It imports nothing from src/: every module runs
// once, inside the bundle (docs/decisions/009-one-module-graph.md). The supervisor says which build to serve
// (RAPPORT_DIST, the real path of a dist folder).
import http from 'node:http';
import net from 'node:net';
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SupervisorMessage } from '../src/lib/studio/supervisor-protocol.ts';

const dist = process.env.RAPPORT_DIST || realpathSync(fileURLToPath(new URL('../dist/', import.meta.url)));
const server = `${dist}/server/`;

// Import the adapter's handler without letting it start its own server.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = (await import(`${server}entry.mjs`)) as { handler: http.RequestListener };

// Written by src/integrations/static-headers.ts from src/lib/server/http/headers.ts at build time.
const headers = JSON.parse(readFileSync(`${server}static-headers.json`, 'utf8')) as Record<
  'http' | 'https',
  Record<string, string>
>;
// HSTS on static files too when the public origin is https (the middleware decides it for pages).
const staticHeaders = Object.entries(process.env.PUBLIC_ORIGIN?.startsWith('https:') ? headers.https : headers.http);

let retired = false;
let drained = false;
let released = false;
const app = http.createServer((req, res) => {
  // Pages set their own headers in the middleware, which take precedence over these.
  for (const [name, value] of staticHeaders) res.setHeader(name, value);
  // A retired worker answers what still reaches it on an open connection and asks the client to reconnect,
  // which reaches the new build.
  if (retired) res.setHeader('connection', 'close');
  handler(req, res);
});

const host = process.env.HOST || 'localhost';
const port = Number(process.env.PORT || 4321);
app.listen(port, host, () => console.log(`Server listening on http://${host}:${port} (build ${dist}, pid ${process.pid})`));

const exitWhenDone = () => drained && released && process.exit(0);

/**
 * After a swap: stops taking connections but leaves idle keep-alive ones open, because http.Server#close
 * would close them and a client that had just sent a request on one would see it fail. They end after the
 * keep-alive timeout (which clients learn from the Keep-Alive header and act on first) or after their next
 * answer (Connection: close). The process goes once they have all ended and the supervisor lets it.
 */
function retire(): void {
  if (retired) return;
  retired = true;
  net.Server.prototype.close.call(app, () => {
    drained = true;
    exitWhenDone();
  });
}

process.on('message', (message: SupervisorMessage) => {
  if (message?.rapport === 'swapped' && message.ok) retire();
  if (message?.rapport === 'release') {
    released = true;
    exitWhenDone();
    // A client holding a connection open without using it does not keep the old build alive for long.
    setTimeout(() => process.exit(0), 15_000).unref();
  }
});

// A studio preview (src/lib/server/studio/preview.ts) ends with the app server that started it, however that ends.
if (process.env.PREVIEW_TOKEN) process.stdin.once('end', () => process.exit(0)).resume();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.close(() => process.exit(0));
    // Keep-alive connections would hold close() open; give in-flight requests a moment, then go.
    setTimeout(() => process.exit(0), 2000).unref();
    app.closeIdleConnections();
  });
}

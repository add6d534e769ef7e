// The production server: the built Astro app (dist/server/entry.mjs, static files and pages) in a
// plain Node HTTP server that owns what belongs to the process: listening, the security headers of
// static files, and a graceful stop. It imports nothing from src/: every module runs once, inside the
// bundle (docs/decisions/009-one-module-graph.md). Run by `npm start` after setup; tests and
// benchmarks start it directly. Expects a built site and a migrated database; HOST and PORT as for Astro.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const server = fileURLToPath(new URL('../dist/server/', import.meta.url));

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

const app = http.createServer((req, res) => {
  // Pages set their own headers in the middleware, which take precedence over these.
  for (const [name, value] of staticHeaders) res.setHeader(name, value);
  handler(req, res);
});

const host = process.env.HOST || 'localhost';
const port = Number(process.env.PORT || 4321);
app.listen(port, host, () => console.log(`Server listening on http://${host}:${port}`));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.close(() => process.exit(0));
    // Keep-alive connections would hold close() open; give in-flight requests a moment, then go.
    setTimeout(() => process.exit(0), 2000).unref();
    app.closeIdleConnections();
  });
}

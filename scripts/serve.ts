// The production server: Astro's Node handler (static files and pages) behind the lesson fast path
// (src/lib/server/lesson-fast-path.ts). Run by `npm start` after setup; tests and benchmarks start
// it directly. Expects a built site and a migrated database; HOST and PORT as for Astro.
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { db } from '../src/lib/server/db.ts';
import { sessionPolicy } from '../src/lib/server/cookies.ts';
import { reader } from '../src/lib/server/fast-read.ts';
import { lessonFastPath } from '../src/lib/server/lesson-fast-path.ts';
import { securityHeaders } from '../src/lib/server/headers.ts';

const entry = fileURLToPath(new URL('../dist/server/entry.mjs', import.meta.url));

// Import the adapter's handler without letting it start its own server.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = (await import(entry)) as { handler: http.RequestListener };

const database = await db();
const fast = lessonFastPath({
  reader: await reader(),
  db: database,
  policy: sessionPolicy(),
});

/**
 * Astro's middleware adds the security headers to pages; static files (and anything else the adapter
 * answers itself) get the same ones here. Headers a page sets itself take precedence over these.
 */
function toAstro(req: http.IncomingMessage, res: http.ServerResponse) {
  for (const [name, value] of Object.entries(securityHeaders())) res.setHeader(name, value);
  handler(req, res);
}

const server = http.createServer((req, res) => {
  if (req.method !== 'GET' || !req.url) return toAstro(req, res);
  fast(req.method, req.url, req.headers.cookie).then(
    (answer) => {
      if (!answer) return toAstro(req, res);
      const body = Buffer.from(answer.body);
      // A flat [name, value, ...] list keeps repeated headers as they are.
      res.writeHead(answer.status, [...answer.headers.flat(), 'content-length', String(body.length)]);
      res.end(body);
    },
    // The full path applies every rule again and reports errors the usual way.
    () => toAstro(req, res),
  );
});

const host = process.env.HOST ?? 'localhost';
const port = Number(process.env.PORT ?? 4321);
server.listen(port, host, () => console.log(`Server listening on http://${host}:${port}`));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    // Keep-alive connections would hold close() open; give in-flight requests a moment, then go.
    setTimeout(() => process.exit(0), 2000).unref();
    server.closeIdleConnections();
  });
}

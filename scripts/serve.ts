// The production server: Astro's Node handler (static files and pages) behind two fast paths, for
// lesson pages (src/lib/server/fast/lesson-fast-path.ts) and for quiz and role-play writes
// (src/lib/server/fast/write-fast-path.ts). Run by `npm start` after setup; tests and benchmarks start
// it directly. Expects a built site and a migrated database; HOST and PORT as for Astro.
import http from 'node:http';
import type { TLSSocket } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { db } from '../src/lib/server/db/db.ts';
import { sessionPolicy } from '../src/lib/server/auth/cookies.ts';
import { reader } from '../src/lib/server/db/fast-read.ts';
import { store } from '../src/lib/server/db/store.ts';
import { lessonFastPath } from '../src/lib/server/fast/lesson-fast-path.ts';
import { takesWrite, writeFastPath, type WriteRequest } from '../src/lib/server/fast/write-fast-path.ts';
import { securityHeaders } from '../src/lib/server/http/headers.ts';

const entry = fileURLToPath(new URL('../dist/server/entry.mjs', import.meta.url));

// Import the adapter's handler without letting it start its own server.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = (await import(entry)) as { handler: http.RequestListener };

const database = await db();
const deps = { reader: await reader(), policy: sessionPolicy() };
const lesson = lessonFastPath({ ...deps, db: database });
const write = writeFastPath({ ...deps, store: await store() });

/**
 * Astro's middleware adds the security headers to pages; static files (and anything else the adapter
 * answers itself) get the same ones here. Headers a page sets itself take precedence over these.
 */
function toAstro(req: http.IncomingMessage, res: http.ServerResponse) {
  for (const [name, value] of Object.entries(securityHeaders())) res.setHeader(name, value);
  handler(req, res);
}

type Answer = Awaited<ReturnType<typeof lesson>>;

function send(res: http.ServerResponse, answer: NonNullable<Answer>) {
  const body = Buffer.from(answer.body);
  // A flat [name, value, ...] list keeps repeated headers as they are.
  res.writeHead(answer.status, [...answer.headers.flat(), 'content-length', String(body.length)]);
  res.end(body);
}

/** Answers from the fast path, or (null, or an error: the full path applies every rule again) from Astro. */
function either(req: http.IncomingMessage, res: http.ServerResponse, answer: Promise<Answer>) {
  answer.then(
    (fast) => (fast ? send(res, fast) : toAstro(req, res)),
    () => toAstro(req, res),
  );
}

/** Reads a (small, announced) form body; Astro's handler takes it from `req.body` if the fast path declines. */
function readBody(req: http.IncomingMessage & { body?: Buffer }, done: (body: Buffer) => void) {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    req.body = Buffer.concat(chunks);
    done(req.body);
  });
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url) return either(req, res, lesson(req.method, req.url, req.headers.cookie));
  const request: WriteRequest = {
    method: req.method ?? '',
    url: req.url ?? '',
    headers: req.headers,
    encrypted: Boolean((req.socket as TLSSocket).encrypted),
  };
  if (!takesWrite(request)) return toAstro(req, res);
  readBody(req, (body) => either(req, res, write(request, body)));
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

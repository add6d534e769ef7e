// Request bodies are limited per route (src/lib/server/http/limits.ts): an announced body over the
// limit is refused with 413 before it is read, one sent without a length is cut off by the adapter's
// backstop, and a burst of huge posts leaves the server's memory within a budget.
import { connect } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { cookieFor, get } from '../helpers/http.ts';
import { FORM_BODY_LIMIT, IMPORT_BODY_LIMIT, MAX_BODY_LIMIT, TOO_LARGE } from '../../src/lib/server/http/limits.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.stop());

const port = () => Number(new URL(s.origin).port);

/**
 * Sends a POST over a raw socket: the headers (announcing `length` when given, else chunked), then
 * `send` bytes of body at most, and resolves with the status line and whether the server closed.
 */
function rawPost(path: string, opts: { length?: number; send: number; cookie?: string }) {
  return new Promise<{ status: number; body: string }>((resolve) => {
    const socket = connect(port(), '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => (answer += d));
    socket.on('error', () => {}); // The server may reset while we still write; the answer is what counts.
    socket.on('close', () => {
      // 0: the connection was reset before the answer could be read. A server that refuses a body it will not
      // read closes the connection with the rest still arriving, and a client still sending may see the reset first.
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
      resolve({ status, body: answer.slice(answer.indexOf('\r\n\r\n') + 4) });
    });
    const framing = opts.length !== undefined ? `Content-Length: ${opts.length}` : 'Transfer-Encoding: chunked';
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: localhost:${port()}\r\nOrigin: ${s.origin}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\n${framing}\r\nConnection: close\r\n` +
        (opts.cookie ? `Cookie: ${opts.cookie}\r\n` : '') +
        '\r\n',
    );
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < opts.send && !socket.destroyed) {
        const piece = chunk.subarray(0, Math.min(chunk.length, opts.send - sent));
        sent += piece.length;
        const framed =
          opts.length !== undefined
            ? piece
            : Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]);
        if (!socket.write(framed)) {
          socket.once('drain', pump);
          return;
        }
      }
      if (opts.length === undefined && !socket.destroyed) socket.write('0\r\n\r\n');
    };
    pump();
  });
}

/** The server's resident memory in MiB, from /proc. */
function rssMiB(): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${s.pid}/status`, 'utf8'));
  return Number(match![1]) / 1024;
}

describe('body limits', () => {
  it('refuses an announced body over the form limit with 413 before reading it, signed in or not', async () => {
    const anonymous = await rawPost('/sign-in', { length: 200 * 1024 * 1024, send: 0 });
    expect(anonymous.status).toBe(413);
    expect(anonymous.body).toContain(TOO_LARGE);
    const learner = await cookieFor(s.db, 'learner@example.com');
    const quiz = await rawPost('/quizzes/empathy-check-1', { length: FORM_BODY_LIMIT + 1, send: 0, cookie: learner });
    expect(quiz.status).toBe(413);
  });

  it('lets the people import announce up to its own limit, and no more', async () => {
    const admin = await cookieFor(s.db, 'admin@example.com');
    const over = await rawPost('/admin/people', { length: IMPORT_BODY_LIMIT + 1, send: 0, cookie: admin });
    expect(over.status).toBe(413);
    // Within the import's limit the page reads it (and refuses this one as a form it does not understand).
    const within = await rawPost('/admin/people', { length: FORM_BODY_LIMIT * 2, send: FORM_BODY_LIMIT * 2, cookie: admin });
    expect(within.status).not.toBe(413);
    expect(within.status).toBeLessThan(500);
  });

  it("holds a body sent without a length to its route's limit while reading it", async () => {
    // Just over the form limit: the form reader stops counting there and answers 413.
    const over = await rawPost('/sign-in', { send: FORM_BODY_LIMIT + 1024 });
    expect(over.status).toBe(413);
    expect(over.body).toContain(TOO_LARGE);
    // Far over every limit: refused (413, or a reset if the server closes while the client still sends).
    const huge = await rawPost('/sign-in', { send: MAX_BODY_LIMIT * 3 });
    expect(huge.status === 0 || huge.status === 413, String(huge.status)).toBe(true);
  });

  it('keeps its memory within 150 MiB of where it started while refusing a burst of huge posts', async () => {
    await get(s.origin, '/sign-in');
    const before = rssMiB();
    const burst = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0
        ? rawPost('/sign-in', { length: 100 * 1024 * 1024, send: 20 * 1024 * 1024 })
        : rawPost('/sign-in', { send: 20 * 1024 * 1024 }),
    );
    const answers = await Promise.all(burst);
    // Each is refused: with a 4xx, or (still sending when the server closed) a reset.
    for (const a of answers) expect(a.status === 0 || (a.status >= 400 && a.status < 500), String(a.status)).toBe(true);
    expect(answers.filter((a) => a.status >= 400).length).toBeGreaterThan(0);
    const after = rssMiB();
    console.log(`limits: server RSS ${before.toFixed(0)} -> ${after.toFixed(0)} MiB after 400 MiB of refused posts`);
    expect(after - before, `RSS ${before.toFixed(0)} -> ${after.toFixed(0)} MiB`).toBeLessThan(150);
    expect((await get(s.origin, '/sign-in')).status).toBe(200);
  });
});

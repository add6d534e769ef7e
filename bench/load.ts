// Load generation with autocannon's programmatic API, summarised into the figures we report.
import http from 'node:http';
import autocannon from 'autocannon';

export interface LoadSpec {
  origin: string;
  path: string;
  method?: 'GET' | 'POST';
  connections: number;
  /** Seconds; ignored when `amount` is set. */
  duration?: number;
  /** Exact number of requests to make. */
  amount?: number;
  /**
   * Headers and body of each request, e.g. a different learner per request. autocannon asks once more per
   * connection than it sends (it builds each connection's first request up front), so pools of single-use
   * work need `amount + 2 * connections` items.
   */
  next?: () => { headers: Record<string, string>; body?: string };
  /** Sees every response (not errors or timeouts): status and headers, lower-cased names. */
  onResponse?: (status: number, headers: Record<string, string>) => void;
}

export interface LoadResult {
  /** Completed requests (any status). */
  requests: number;
  seconds: number;
  /** Completed requests per second over the whole run. */
  rps: number;
  /** Milliseconds; autocannon records whole milliseconds. */
  p50: number;
  p99: number;
  status: { '2xx': number; '3xx': number; '4xx': number; '5xx': number };
  errors: number;
  timeouts: number;
}

export async function load(spec: LoadSpec): Promise<LoadResult> {
  const { next, onResponse } = spec;
  // Timed here, to the last answer: autocannon reports whole seconds, and in `amount` mode notices the
  // end only on its one-second tick, which would count up to a second of idle time against the server.
  const started = performance.now();
  let lastAnswer = started;
  const result = await autocannon({
    url: spec.origin,
    connections: spec.connections,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.duration ?? 10 }),
    // Generous, so that a slow answer on a busy machine still counts as an answer (a browser waits minutes).
    timeout: 120,
    requests: [
      {
        method: spec.method ?? 'GET',
        path: spec.path,
        ...(next && {
          setupRequest(request) {
            const work = next();
            return {
              ...request,
              headers: { ...request.headers, ...work.headers },
              ...(work.body !== undefined && { body: work.body }),
            };
          },
        }),
        onResponse(status, _body, _context, headers) {
          lastAnswer = performance.now();
          if (!onResponse) return;
          const lower: Record<string, string> = {};
          for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = String(value);
          onResponse(status, lower);
        },
      },
    ],
  });
  const seconds = ((spec.amount ? lastAnswer : performance.now()) - started) / 1000;
  const requests = result.requests.total;
  return {
    requests,
    seconds,
    rps: requests / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    status: { '2xx': result['2xx'], '3xx': result['3xx'], '4xx': result['4xx'], '5xx': result['5xx'] },
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** A form post as a browser on the same origin sends it (Astro's checkOrigin wants the Origin header). */
export function formHeaders(origin: string, cookie: string): Record<string, string> {
  return { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' };
}

/**
 * An open-loop load at a steady offered rate: request k is due at k/rate seconds, whatever happened
 * to the ones before, over at most `connections` keep-alive sockets. Latency runs from when a request
 * was due to its last byte, so time spent waiting for a free connection counts (no coordinated
 * omission). autocannon's own rate limit sends each second's quota in a burst at the start of the
 * second, which measures the burst rather than the server.
 */
export async function paced(spec: LoadSpec & { rate: number; amount: number }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const url = new URL(spec.path, spec.origin);
  const latencies: number[] = [];
  const status = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 };
  let errors = 0;
  const start = performance.now();
  const one = (due: number) =>
    new Promise<void>((resolve) => {
      const work = spec.next?.() ?? { headers: {} };
      const req = http.request(url, { method: spec.method ?? 'GET', agent, headers: work.headers }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - due);
          const code = res.statusCode ?? 0;
          const bucket = `${Math.floor(code / 100)}xx` as keyof typeof status;
          if (bucket in status) status[bucket]++;
          const lower: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) lower[name] = String(value);
          spec.onResponse?.(code, lower);
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(work.body);
    });
  const inFlight: Promise<void>[] = [];
  for (let k = 0; k < spec.amount; k++) {
    const due = start + (k * 1000) / spec.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(one(due));
  }
  await Promise.all(inFlight);
  agent.destroy();
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil((p / 100) * latencies.length) - 1))] ?? NaN;
  return {
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: at(50),
    p99: at(99),
    status,
    errors,
    timeouts: 0,
  };
}

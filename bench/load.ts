// Load generation with autocannon's programmatic API, summarised into the figures we report.
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
        ...(onResponse && {
          onResponse(status, _body, _context, headers) {
            const lower: Record<string, string> = {};
            for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = String(value);
            onResponse(status, lower);
          },
        }),
      },
    ],
  });
  const requests = result.requests.total;
  return {
    requests,
    seconds: result.duration,
    rps: requests / result.duration,
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

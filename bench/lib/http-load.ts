/**
 * A small keep-alive HTTP load generator on Node's own `http`: `concurrency` clients share one
 * `http.Agent({ keepAlive: true, maxSockets: 32 })`; each client sends its next request as soon as the previous
 * one is answered (a closed loop), and every request's latency is recorded from the call to the last byte of
 * the answer.
 */
import http from 'node:http';

/** One request of a run. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  token: string;
  /** JSON text. */
  body?: string;
  headers?: Record<string, string>;
}

/** One answer. */
export interface LoadAnswer {
  status: number;
  body: string;
  ms: number;
}

/** What a run measured. */
export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Answers by status code (`error` for a failed connection). */
  statuses: Record<string, number>;
  /** A few answers that were not the expected status, for the report. */
  unexpected: Array<{ request: string; status: number | string; body: string }>;
  /** Every request's latency in ms, in no particular order (to pool several runs). */
  latencies: number[];
}

/** Several runs as one: requests over the sum of their times, percentiles of all latencies pooled. */
export function combine(results: readonly LoadResult[]): LoadResult {
  const latencies = results.flatMap((r) => r.latencies);
  const sorted = [...latencies].sort((a, b) => a - b);
  const requests = results.reduce((n, r) => n + r.requests, 0);
  const seconds = results.reduce((n, r) => n + r.seconds, 0);
  const statuses: Record<string, number> = {};
  for (const r of results)
    for (const [status, n] of Object.entries(r.statuses)) statuses[status] = (statuses[status] ?? 0) + n;
  return {
    requests,
    seconds,
    perSecond: requests / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    statuses,
    unexpected: results.flatMap((r) => r.unexpected).slice(0, 5),
    latencies,
  };
}

/** The value at percentile `p` (0–100) of sorted numbers, nearest rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** A keep-alive agent shared by the clients of a run; one socket per client. */
export function keepAliveAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: 32 });
}

/** Sends one request and reads the whole answer. */
export function send(agent: http.Agent, baseUrl: string, request: LoadRequest): Promise<LoadAnswer> {
  const url = new URL(request.path, baseUrl);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      authorization: `Bearer ${request.token}`,
      accept: 'application/json',
      ...request.headers,
    };
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(request.body);
    }
    const req = http.request(
      { agent, hostname: url.hostname, port: url.port, path: url.pathname, method: request.method, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

/**
 * Sends `requests` from `concurrency` closed-loop clients; request `i` goes to `baseUrls[i % n]` (two
 * instances get alternate requests). Every answer other than `expect` is counted and a few are kept.
 */
export async function runLoad(
  baseUrls: readonly string[],
  requests: readonly LoadRequest[],
  options: { concurrency: number; expect?: number },
): Promise<LoadResult> {
  const agent = keepAliveAgent();
  const expect = options.expect ?? 200;
  const latencies = new Float64Array(requests.length);
  const statuses: Record<string, number> = {};
  const unexpected: LoadResult['unexpected'] = [];
  let next = 0;
  const client = async () => {
    while (next < requests.length) {
      const index = next++;
      const request = requests[index]!;
      const started = performance.now();
      let status: number | string;
      try {
        const answer = await send(agent, baseUrls[index % baseUrls.length]!, request);
        status = answer.status;
        latencies[index] = answer.ms;
        if (status !== expect && unexpected.length < 5) {
          unexpected.push({
            request: `${request.method} ${request.path}`,
            status,
            body: answer.body.slice(0, 400),
          });
        }
      } catch (error) {
        status = 'error';
        latencies[index] = performance.now() - started;
        if (unexpected.length < 5) {
          unexpected.push({ request: `${request.method} ${request.path}`, status, body: String(error) });
        }
      }
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(options.concurrency, requests.length) }, client));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  return {
    requests: requests.length,
    seconds,
    perSecond: requests.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    statuses,
    unexpected,
    latencies: Array.from(latencies),
  };
}

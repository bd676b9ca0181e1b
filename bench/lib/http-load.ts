/**
 * A small keep-alive HTTP load generator on Node's own `http`: `concurrency` clients share one
 * `http.Agent({ keepAlive: true, maxSockets: 32 })`; each client sends its next request as soon as the previous
 * one is answered (a closed loop), and every request's latency is recorded from the call to the last byte of
 * the answer. For floods, {@link Pipeline} pipelines requests on a few raw keep-alive connections instead.
 */
import http from 'node:http';
import net from 'node:net';

/** One request of a run. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  /** Sent as `Authorization: Bearer <token>`; none when absent (an anonymous request). */
  token?: string;
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
    const headers: Record<string, string | number> = { accept: 'application/json', ...request.headers };
    if (request.token !== undefined) headers.authorization = `Bearer ${request.token}`;
    if (request.body !== undefined) {
      headers['content-type'] ??= 'application/json';
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

/** The bytes of `request` to `baseUrl` as HTTP/1.1 on a keep-alive connection. */
export function requestBytes(baseUrl: string, request: LoadRequest): Buffer {
  const url = new URL(request.path, baseUrl);
  const headers: Record<string, string | number> = {
    host: url.host,
    connection: 'keep-alive',
    accept: 'application/json',
    ...request.headers,
  };
  if (request.token !== undefined) headers.authorization = `Bearer ${request.token}`;
  const body = Buffer.from(request.body ?? '', 'utf8');
  if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = body.length;
  }
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return Buffer.concat([
    Buffer.from(`${request.method} ${url.pathname} HTTP/1.1\r\n${head.join('')}\r\n`),
    body,
  ]);
}

/**
 * One keep-alive connection that pipelines requests (HTTP/1.1): each is written at once, without waiting for
 * the answers before it, and the answers are read in order (status line and `Content-Length` body; a chunked
 * or unreadable answer ends the connection). A few of these carry thousands of requests a second, as a client
 * that floods a server over a few connections does; Node's `http` client sends one request at a time instead.
 */
export class Pipeline {
  private readonly socket: net.Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private readonly waiting: Array<(status: number | 'error') => void> = [];
  private closed = false;

  constructor(baseUrl: string) {
    const url = new URL(baseUrl);
    this.socket = net.connect({ host: url.hostname, port: Number(url.port) });
    this.socket.setNoDelay(true);
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    this.socket.on('error', () => this.close());
    this.socket.on('close', () => this.close());
  }

  /** Requests written and not answered yet. */
  get outstanding(): number {
    return this.waiting.length;
  }

  /** Writes one request (from {@link requestBytes}); resolves with the status of its answer, or `error`. */
  send(bytes: Buffer): Promise<number | 'error'> {
    if (this.closed) return Promise.resolve('error');
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.socket.write(bytes);
    });
  }

  /** Ends the connection; unanswered requests resolve with `error`. */
  close(): void {
    this.closed = true;
    this.socket.destroy();
    for (const resolve of this.waiting.splice(0)) resolve('error');
  }

  private read(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.buffer.subarray(0, end).toString('latin1');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1]);
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
      if (!status || length === undefined) return this.close();
      const total = end + 4 + Number(length);
      if (this.buffer.length < total) return;
      this.buffer = this.buffer.subarray(total);
      this.waiting.shift()?.(status);
    }
  }
}

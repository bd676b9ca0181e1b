import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Router } from 'express';
import type { Prometheus } from '../metrics/prometheus.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { unauthorized } from './problem.ts';

/** The label of requests no route took: unknown paths, and refusals by middleware before any route matched. */
export const UNMATCHED = 'unmatched';

/** Counts and times every request by method, route pattern and status. */
export function requestMetrics(prometheus: Prometheus): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const route = trackRoute(req);
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      prometheus.observeRequest(req.method, route(), res.statusCode, seconds);
    });
    next();
  };
}

/** What `GET /metrics` is served from: the registry, and the scrape token's digest when there is one. */
interface Scrape {
  prometheus: Prometheus;
  expected?: Buffer;
  failures?: RequestHandler;
}

const prometheusMetrics = defineRoute<Scrape>({
  method: 'get',
  path: '/metrics',
  operationId: 'prometheusMetrics',
  summary: 'Prometheus metrics',
  description:
    'Prometheus text exposition: request counters and latencies, open and overdue tasks per department (every known department, zero included), approval durations per workflow, computed from the database.',
  tag: 'Operations',
  access: 'public',
  responses: {
    200: {
      description: 'The exposition.',
      content: [{ mediaType: 'text/plain', schema: { type: 'string' } }],
    },
  },
  handler: (ctx) => async (req, res, next) => {
    const { prometheus, expected, failures } = ctx;
    if (expected !== undefined) {
      const [scheme, given] = (req.get('authorization') ?? '').trim().split(/\s+/);
      // Compared as digests of equal length, in constant time: the answer says nothing about the token.
      if (scheme?.toLowerCase() !== 'bearer' || !given || !timingSafeEqual(digest(given), expected)) {
        const refusal = unauthorized('metrics-token');
        if (failures) failures(req, res, (limited?: unknown) => next(limited ?? refusal));
        else next(refusal);
        return;
      }
    }
    const text = await prometheus.metrics();
    res.set('Content-Type', prometheus.contentType).send(text);
  },
});

/**
 * `GET /metrics`: the Prometheus text exposition, for the scraper. Open unless `token` (`METRICS_TOKEN`) is
 * set; then only a scrape with `Authorization: Bearer <token>` is answered, and a wrong one counts as a
 * failed authentication (`failures`: slowed, then 429) like a bad API token.
 */
export const PROMETHEUS_ROUTES: readonly RouteDefinition<Scrape>[] = [prometheusMetrics];

/** The scrape router, mounted at the root. */
export function prometheusRouter(prometheus: Prometheus, token?: string, failures?: RequestHandler): Router {
  const expected = token === undefined ? undefined : digest(token);
  return mountRoutes({ prometheus, expected, failures }, PROMETHEUS_ROUTES, { prefix: '' });
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/**
 * Remembers the route pattern at the moment a router matches it. Read at `finish` instead, `req.baseUrl` would
 * be gone for errors (Express restores it as the error leaves the router) and `req.route.path` alone is
 * ambiguous ('/:id' of which router?). Mount paths with parameters ('/api/v1/applications/:id/fees') appear in
 * `baseUrl` with their values, which are put back as `:name` so that no id becomes a label value.
 */
function trackRoute(req: Request): () => string {
  let route: unknown;
  let label: string | undefined;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set(value: { path?: unknown } | undefined) {
      route = value;
      if (value?.path === undefined) return;
      const base = basePattern(req);
      // A router's '/' is its mount path itself: '/api/v1/tasks', not '/api/v1/tasks/'.
      label = base !== '' && value.path === '/' ? base : base + String(value.path);
    },
  });
  return () => label ?? UNMATCHED;
}

function basePattern(req: Request): string {
  const byValue = new Map<string, string>();
  for (const [name, value] of Object.entries(req.params ?? {})) {
    if (typeof value === 'string' && value !== '') byValue.set(value, name);
  }
  if (!byValue.size) return req.baseUrl;
  return req.baseUrl
    .split('/')
    .map((segment) => {
      const name = byValue.get(safeDecode(segment));
      return name === undefined ? segment : `:${name}`;
    })
    .join('/');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

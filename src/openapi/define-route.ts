import { Router, type RequestHandler } from 'express';
import { jsonBody, parseBody } from '../http/request.ts';
import type { RouteDoc } from './route-table.ts';

/**
 * One route, defined once: what the OpenAPI document says of it and the handler Express runs. `C` is what the
 * handlers are built from (the app's context), so the definitions are plain values the document reads without
 * one.
 */
export interface RouteDefinition<C> extends RouteDoc {
  /** Middleware that runs before the body is parsed: the case's 404 comes before a body's 400. */
  before?: (ctx: C) => RequestHandler[];
  /** With a `parseBody` body: middleware between parsing the JSON and checking it against the schema. */
  parsed?: (ctx: C) => RequestHandler[];
  /** The handler; with a `parseBody` body, `req.body` is the checked body. */
  handler: (ctx: C) => RequestHandler;
}

/** A route definition, typed (the identity: it only lets TypeScript check the value where it is written). */
export function defineRoute<C>(route: RouteDefinition<C>): RouteDefinition<C> {
  return route;
}

/** Where the definitions are mounted, and router-wide middleware (a case's 404 check for any path below). */
export interface MountOptions {
  /** The path the router is mounted at, as the definitions write it (`/api/v1/applications/{id}/fees`). */
  prefix: string;
  use?: readonly RequestHandler[];
  /** Authentication for the `bearer` routes of a router whose other routes are public; runs first. */
  authenticate?: RequestHandler;
}

/** `/{id}/events` → `/:id/events`; the empty path is the router's root. */
export function expressPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1') || '/';
}

/**
 * A router serving the definitions, mounted at `prefix`. A `parseBody` body is parsed as JSON and checked
 * against its schema after `before` and before the handler, so checks keep their order: 401 (at the mount)
 * → 404 → 400 → the handler's 403 → 422 → 409.
 */
export function mountRoutes<C>(ctx: C, routes: readonly RouteDefinition<C>[], options: MountOptions): Router {
  // Routers under a case read the case's `{id}` from the mount path.
  const router = Router({ mergeParams: true });
  if (options.use?.length) router.use(...options.use);
  for (const route of routes) {
    if (!route.path.startsWith(options.prefix)) {
      throw new Error(`${route.operationId}: ${route.path} is not under ${options.prefix}`);
    }
    const handlers: RequestHandler[] = [
      ...(options.authenticate && route.access === 'bearer' ? [options.authenticate] : []),
      ...(route.before?.(ctx) ?? []),
    ];
    const body = route.body;
    if (body?.validation === 'parseBody') {
      handlers.push(...jsonBody(), ...(route.parsed?.(ctx) ?? []), (req, _res, next) => {
        req.body = parseBody(body.schema, req.body);
        next();
      });
    }
    handlers.push(route.handler(ctx));
    router[route.method](expressPath(route.path.slice(options.prefix.length)), ...handlers);
  }
  return router;
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type RequestHandler } from 'express';

/** Where `npm run build:console` writes the console (and `npm ci` builds it). */
export const CONSOLE_DIR = path.resolve(import.meta.dirname, '../../dist/console');

/** Paths that belong to the service, never to the console: they keep their own answers and 404s. */
const SERVICE_PATHS = /^\/(api|auth|metrics|healthz|readyz|openapi\.json|docs)(\/|$)/;

const MISSING = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>ZeroTrip console not built</title></head>
  <body>
    <h1>The console is not built</h1>
    <p>Build it with <code>npm run build:console</code> (installing with <code>npm ci</code> builds it too), then
      reload. The API is up: <a href="/docs">API reference</a>.</p>
  </body>
</html>
`;

/**
 * The web console at `/`: its built files, and its page for every other path it routes itself (a single-page
 * app), so that a reload or a shared link to `/cases/…` works. Service paths (`/api`, `/auth`, `/metrics`, `/healthz`,
 * `/readyz`, `/openapi.json`, `/docs`) are never answered here. Without a build, pages say how to make one.
 */
export function consoleRouter(dir: string = CONSOLE_DIR): Router {
  const router = Router();
  const index = path.join(dir, 'index.html');
  // File names under assets/ carry their content hash: cache them for good; the page itself never.
  router.use(
    '/assets',
    express.static(path.join(dir, 'assets'), {
      immutable: true,
      maxAge: '1y',
      index: false,
      fallthrough: true,
    }),
  );
  const page: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (SERVICE_PATHS.test(req.path)) return next();
    // A missing file (`/favicon.png`, `/assets/old.js`) is a 404, not the page.
    if (path.extname(req.path) !== '') return next();
    res.set('Cache-Control', 'no-cache');
    if (!existsSync(index)) {
      res.status(503).type('text/html').send(MISSING);
      return;
    }
    res.sendFile(index);
  };
  router.use(page);
  return router;
}

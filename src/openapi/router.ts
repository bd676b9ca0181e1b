import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type RequestHandler, type Router } from 'express';
import { defineRoute, mountRoutes, type RouteDefinition } from './define-route.ts';
import { openApiDocument } from './document.ts';
import { json, type RouteDoc } from './route-table.ts';

/** The files of swagger-ui-dist the page loads; nothing else of the package is served (its demo page included). */
const ASSETS = new Set([
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'favicon-32x32.png',
  'favicon-16x16.png',
]);

/** The installed swagger-ui-dist package: its static files, served from here (no CDN). */
function swaggerUiDir(): string {
  return path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>ZeroTrip API reference</title>
    <link rel="stylesheet" href="/docs/swagger-ui.css" />
    <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32" />
    <link rel="icon" type="image/png" href="/docs/favicon-16x16.png" sizes="16x16" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/swagger-ui-standalone-preset.js"></script>
    <script src="/docs/init.js"></script>
  </body>
</html>
`;

const INIT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
    persistAuthorization: false,
  });
});
`;

const onlyAssets: RequestHandler = (req, _res, next) => {
  // Anything else under /docs falls through to the service's 404.
  if (ASSETS.has(req.path.slice(1))) next();
  else next('router');
};

const getOpenApi = defineRoute<Published>({
  method: 'get',
  path: '/openapi.json',
  operationId: 'getOpenApi',
  summary: 'This OpenAPI 3.1 document',
  description: 'Built at start from the route table and the JSON Schemas in schemas/ that validate requests.',
  tag: 'Documentation',
  access: 'public',
  responses: { 200: { description: 'The document.', content: json({ type: 'object' }) } },
  handler: (published) => (_req, res) => {
    res.type('application/json').set('Cache-Control', 'no-cache').send(published.body);
  },
});

const apiReference = defineRoute<Published>({
  method: 'get',
  path: '/docs',
  operationId: 'apiReference',
  summary: 'API reference page',
  description: 'An HTML reference of this document (Swagger UI, served from the installed package).',
  tag: 'Documentation',
  access: 'public',
  responses: {
    200: { description: 'The page.', content: [{ mediaType: 'text/html', schema: { type: 'string' } }] },
  },
  handler: () => (_req, res) => {
    res.type('text/html').set('Cache-Control', 'no-cache').send(PAGE);
  },
});

/** What the documentation routes serve: the document, as the text sent. */
interface Published {
  body: string;
}

/** `GET /openapi.json` and `GET /docs`: the document describes them too. */
export const DOCUMENTATION_ROUTES: readonly RouteDefinition<Published>[] = [getOpenApi, apiReference];

/**
 * `GET /openapi.json`, the contract of `routes` (built once, when the app is built: a broken schema stops the
 * start), and `GET /docs`, an API reference page reading it. Both are public.
 */
export function openApiRouter(routes: readonly RouteDoc[]): Router {
  const router = mountRoutes({ body: JSON.stringify(openApiDocument(routes)) }, DOCUMENTATION_ROUTES, {
    prefix: '',
  });
  // The page's assets are middleware, not routes: they are part of GET /docs, not operations of the API.
  router.use('/docs/init.js', (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next('router');
    res.type('text/javascript').set('Cache-Control', 'no-cache').send(INIT);
  });
  router.use('/docs', onlyAssets, express.static(swaggerUiDir(), { index: false, maxAge: '1d' }));
  return router;
}

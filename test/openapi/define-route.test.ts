import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { expect } from 'chai';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { API_ROUTES } from '../../src/app.ts';
import { HttpError, notFound, unauthorized } from '../../src/http/problem.ts';
import {
  buildOpenApi,
  defineRoute,
  expressPath,
  mountRoutes,
  type RouteDefinition,
} from '../../src/openapi/index.ts';

/** What the test routes are built from: a name to answer with, and where each check was seen. */
interface Probe {
  name: string;
  seen: string[];
}

const CLERK = '/api/v1/things/{id}/clerk';

/** A PUT with a schema-checked body: the 404 of `before` and the `parsed` hook around the 400 of the body. */
const putClerk = defineRoute<Probe>({
  method: 'put',
  path: CLERK,
  operationId: 'putClerk',
  summary: 'Put a clerk',
  tag: 'Test',
  access: 'bearer',
  body: { schema: 'liaison', validation: 'parseBody' },
  responses: { 200: { description: 'Done.' } },
  before: (probe) => [
    (req, _res, next) => {
      probe.seen.push('before');
      if (req.params.id !== '1') throw notFound('no-route', { method: 'GET', path: String(req.params.id) });
      next();
    },
  ],
  parsed: (probe) => [
    (_req, _res, next) => {
      probe.seen.push('parsed');
      next();
    },
  ],
  handler: (probe) => (req, res) => {
    probe.seen.push('handler');
    res.json({ by: probe.name, id: req.params.id, body: req.body as unknown });
  },
});

const listThings = defineRoute<Probe>({
  method: 'get',
  path: '/api/v1/things',
  operationId: 'listThings',
  summary: 'List things',
  tag: 'Test',
  access: 'public',
  responses: { 200: { description: 'The things.' } },
  handler: (probe) => (_req, res) => {
    res.json({ by: probe.name });
  },
});

const ROUTES: readonly RouteDefinition<Probe>[] = [listThings, putClerk];

const denyAll: RequestHandler = () => {
  throw unauthorized('not-authenticated');
};

const problems: ErrorRequestHandler = (error, _req, res, _next) => {
  const e = error as HttpError;
  res.status(e.status ?? 500).json({ detail: e.detail, errors: e.errors });
};

describe('openapi/define-route', () => {
  let server: Server;
  let base: string;
  const probe: Probe = { name: 'probe', seen: [] };

  before(async () => {
    const app = express();
    app.use(
      '/api/v1/things',
      mountRoutes(probe, ROUTES, { prefix: '/api/v1/things', authenticate: denyAll }),
    );
    app.use('/open', mountRoutes(probe, ROUTES, { prefix: '/api/v1/things' }));
    app.use(problems);
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    probe.seen = [];
  });

  const put = (path: string, body: string) =>
    fetch(`${base}${path}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body });

  it('should turn {name} into :name, and the router root into /', () => {
    expect(expressPath('/{id}/fees/{feeId}/pay')).to.equal('/:id/fees/:feeId/pay');
    expect(expressPath('')).to.equal('/');
  });

  it('should refuse a definition outside the prefix it is mounted at', () => {
    expect(() => mountRoutes(probe, ROUTES, { prefix: '/api/v1/other' })).to.throw(
      'listThings: /api/v1/things is not under /api/v1/other',
    );
  });

  it('should put authentication first on bearer routes only', async () => {
    expect((await fetch(`${base}/api/v1/things`)).status).to.equal(200);
    const refused = await put('/api/v1/things/1/clerk', '{"clerk":"c-1"}');
    expect(refused.status).to.equal(401);
    expect(probe.seen).to.deep.equal([]);
  });

  it('should answer the 404 of before ahead of a body that is not even JSON', async () => {
    const response = await put('/open/7/clerk', '{not json');
    expect(response.status).to.equal(404);
    expect(probe.seen).to.deep.equal(['before']);
  });

  it('should check the body against its schema after the parsed hook, before the handler', async () => {
    const response = await put('/open/1/clerk', '{"clerk":"c-1","extra":true}');
    expect(response.status).to.equal(400);
    expect(((await response.json()) as { detail: string }).detail).to.equal(
      'the body does not have the shape of liaison',
    );
    expect(probe.seen).to.deep.equal(['before', 'parsed']);
  });

  it('should give the handler the checked body and the path parameters', async () => {
    const response = await put('/open/1/clerk', '{"clerk":"c-1"}');
    expect(response.status).to.equal(200);
    expect(await response.json()).to.deep.equal({ by: 'probe', id: '1', body: { clerk: 'c-1' } });
    expect(probe.seen).to.deep.equal(['before', 'parsed', 'handler']);
  });

  it("should document exactly the app's route definitions, each once", () => {
    const { document } = buildOpenApi(API_ROUTES);
    const documented = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => `${method} ${path} ${operation.operationId}`),
    );
    const defined = API_ROUTES.map((r) => `${r.method} ${r.path} ${r.operationId}`);
    expect(documented.sort()).to.deep.equal([...defined].sort());
    expect(new Set(defined).size).to.equal(defined.length);
  });
});

import { expect } from 'chai';
import express from 'express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { consoleRouter } from '../../src/http/console.ts';
import { unknownRoute } from '../../src/http/errors.ts';
import { startTestService, type TestService } from '../support/http.ts';

/** The console router alone, on a build folder of the test's own, with the service's 404 behind it. */
async function serve(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.use(consoleRouter(dir));
  app.use(unknownRoute);
  app.use(((_error, _req, res, _next) => res.status(404).end()) as express.ErrorRequestHandler);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('console serving', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'zerotrip-console-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should serve the built page at / and at every console path, and hashed assets for good', async () => {
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(path.join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
    const { url, close } = await serve(dir);
    try {
      for (const page of ['/', '/cases/123', '/inbox?x=1']) {
        const response = await fetch(url + page);
        expect(response.status, page).to.equal(200);
        expect(await response.text()).to.contain('<title>console</title>');
        expect(response.headers.get('cache-control')).to.equal('no-cache');
      }
      const asset = await fetch(`${url}/assets/index-abc.js`);
      expect(asset.status).to.equal(200);
      expect(asset.headers.get('cache-control')).to.contain('immutable');
      expect((await fetch(`${url}/assets/gone.js`)).status).to.equal(404);
      expect((await fetch(`${url}/favicon.png`)).status).to.equal(404);
      expect((await fetch(`${url}/cases`, { method: 'POST' })).status).to.equal(404);
    } finally {
      await close();
    }
  });

  it('should never answer the service paths with the page', async () => {
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>console</title>');
    const { url, close } = await serve(dir);
    try {
      for (const servicePath of [
        '/api/v1/nope',
        '/metrics',
        '/healthz',
        '/readyz',
        '/openapi.json',
        '/docs',
        '/docs/x',
      ]) {
        expect((await fetch(url + servicePath)).status, servicePath).to.equal(404);
      }
    } finally {
      await close();
    }
  });

  it('should say how to build the console when there is no build', async () => {
    const { url, close } = await serve(path.join(dir, 'missing'));
    try {
      const response = await fetch(`${url}/`);
      expect(response.status).to.equal(503);
      expect(await response.text()).to.contain('npm run build:console');
    } finally {
      await close();
    }
  });

  describe('in the service', () => {
    let svc: TestService;
    before(async () => {
      svc = await startTestService('sqlite');
    });
    after(() => svc.close());

    it('should keep the API, the contract, the docs and the probes where they were', async () => {
      const unknown = await svc.request('GET', '/api/v1/nope');
      expect(unknown.status).to.equal(404);
      expect(unknown.headers.get('content-type')).to.match(/problem\+json/);
      expect((await svc.request('GET', '/openapi.json')).body.openapi).to.match(/^3\.1/);
      expect((await svc.request('GET', '/healthz')).status).to.equal(200);
      expect((await svc.request('GET', '/docs')).body).to.contain('swagger-ui');
      expect((await svc.request('GET', '/metrics')).headers.get('content-type')).to.match(/^text\/plain/);
      const page = await svc.request('GET', '/');
      expect(page.headers.get('content-type')).to.match(/^text\/html/);
    });
  });
});

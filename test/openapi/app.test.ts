import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect } from 'chai';
import { API_ROUTES as ROUTES } from '../../src/app.ts';
import { buildOpenApi } from '../../src/openapi/index.ts';
import { compileSchema, loadSchema } from '../../src/validation/index.ts';
import { constructionPermitExample } from '../fixtures/construction-permit-example.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import { createDraft, people, sendOk, startTestService, type TestService } from '../support/http.ts';
import { ndjson } from '../support/import.ts';
import { API_MD_ROUTES, mountedRoutes } from './support.ts';
import { issuedPermitLicence } from '../support/licences.ts';

describe('openapi', () => {
  const { document } = buildOpenApi(ROUTES);
  const operations = () =>
    Object.entries(document.paths).flatMap(([template, item]) =>
      Object.entries(item).map(([method, operation]) => ({ template, method, operation })),
    );

  describe('through the app', () => {
    let svc: TestService;
    before(async () => {
      svc = await startTestService('sqlite');
    });
    after(async () => {
      await svc?.close();
    });

    it('should serve the document at GET /openapi.json without a token', async () => {
      const response = await svc.request('GET', '/openapi.json');
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^application\/json/);
      expect(response.body).to.deep.equal(JSON.parse(JSON.stringify(document)));
    });

    it('should serve the reference page at GET /docs from the installed swagger-ui-dist, reading /openapi.json', async () => {
      const page = await svc.request('GET', '/docs');
      expect(page.status).to.equal(200);
      expect(page.headers.get('content-type')).to.match(/^text\/html/);
      // Nothing from a CDN: every script and stylesheet is served here.
      expect(page.body).not.to.match(/https?:\/\//);
      const assets = [...String(page.body).matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      expect(assets).to.include.members([
        '/docs/swagger-ui.css',
        '/docs/swagger-ui-bundle.js',
        '/docs/init.js',
      ]);
      const dist = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
      for (const asset of assets) {
        const response = await fetch(`${svc.baseUrl}${asset}`);
        expect(response.status, asset).to.equal(200);
        const body = Buffer.from(await response.arrayBuffer());
        if (asset === '/docs/init.js') {
          expect(body.toString()).to.include("url: '/openapi.json'");
          expect(body.toString()).not.to.match(/https?:\/\//);
        } else {
          expect(body.equals(readFileSync(path.join(dist, path.basename(asset)))), asset).to.equal(true);
        }
      }
      // Only the page's assets: the package's demo page (which reads a petstore from the internet) is not served.
      expect((await svc.request('GET', '/docs/index.html')).status).to.equal(404);
      expect((await svc.request('GET', '/docs/swagger-initializer.js')).status).to.equal(404);
    });

    it('should document every route Express mounts, and mount every documented one', () => {
      const mounted = mountedRoutes(svc.service.app);
      const documented = operations()
        .map(({ method, template }) => `${method.toUpperCase()} ${template}`)
        .sort();
      expect(
        mounted.filter((r) => !documented.includes(r)),
        'mounted but not documented',
      ).to.deep.equal([]);
      expect(
        documented.filter((r) => !mounted.includes(r)),
        'documented but not mounted',
      ).to.deep.equal([]);
      expect(mounted.length).to.be.at.least(API_MD_ROUTES.length);
    });

    it('should document every route of the contract (docs/api.md)', () => {
      const documented = new Set(
        operations().map(({ method, template }) => `${method.toUpperCase()} ${template}`),
      );
      expect(API_MD_ROUTES.filter((r) => !documented.has(r))).to.deep.equal([]);
    });

    it('should have each route refuse a wrong body by the schema it documents', async () => {
      const who = people(svc, ENTERPRISE, OTHER_ENTERPRISE);
      const admin = svc.token({ sub: 'admin-1', role: 'admin' });
      const id = await createDraft(svc, who.applicant, constructionPermitExample);
      // A task the enterprise can see (the window's intake of its submitted case), for the task routes' 404.
      const submitted = await createDraft(svc, who.applicant, constructionPermitExample);
      await sendOk(svc, who.applicant, submitted, { type: 'SUBMIT' });
      const taskId = (await svc.request('GET', `/api/v1/applications/${submitted}`, { token: who.applicant }))
        .body.tasks[0].id;
      // A licence exists before its event's body is read (404 comes first).
      const { number, caseId } = await issuedPermitLicence({ svc, who });
      // A follow-up exists before its event's body is read (a bad rating of the issued case opens one).
      const followUp = (
        await svc.request('POST', `/api/v1/applications/${caseId}/ratings`, {
          token: who.applicant,
          body: { level: 5, channel: 2 },
        })
      ).body.followUp.id;
      const concrete = (template: string) =>
        template
          .replace('/applications/{id}', `/applications/${id}`)
          .replace('/rating-follow-ups/{id}', `/rating-follow-ups/${followUp}`)
          .replace('/tasks/{id}', `/tasks/${taskId}`)
          .replace('{feeId}', '1')
          .replace('{inspectionId}', '1')
          .replace('{uscc}', ENTERPRISE)
          .replace('{number}', number);
      const wrong = { 'not-a-field': true };
      for (const route of ROUTES.filter((r) => r.body?.validation === 'parseBody')) {
        const name = route.body!.schema;
        const token = route.path.startsWith('/api/v1/enterprises') ? admin : who.applicant;
        const response = await svc.request(route.method.toUpperCase(), concrete(route.path), {
          token,
          body: wrong,
        });
        expect(response.status, `${route.operationId}: ${JSON.stringify(response.body)}`).to.equal(400);
        expect(response.body.detail, route.operationId).to.equal(
          `the body does not have the shape of ${name}`,
        );
        const expected = compileSchema(loadSchema(name))(wrong);
        expect(expected.ok).to.equal(false);
        expect(response.body.errors, route.operationId).to.deep.equal(expected.ok ? [] : expected.errors);
      }

      // The checklist route compiles the same schema itself (a 422), the import each line.
      const checklist = await svc.request('PUT', '/api/v1/checklist', { token: admin, body: wrong });
      const expected = compileSchema(loadSchema('checklist'))(wrong);
      expect(checklist.status).to.equal(422);
      expect(checklist.body.errors).to.deep.equal(expected.ok ? [] : expected.errors);
      const imported = await svc.request('POST', '/api/v1/admin/import', {
        token: admin,
        rawBody: ndjson([wrong]),
        headers: { 'content-type': 'application/x-ndjson' },
      });
      expect(imported.status).to.equal(200);
      const [line] = String(imported.body)
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      const expectedLine = compileSchema(loadSchema('import-line'))(wrong);
      expect(line.error.detail).to.match(/^the line does not have the shape of import-line/);
      expect(line.error.errors).to.deep.equal(expectedLine.ok ? [] : expectedLine.errors);
    });
  });
});

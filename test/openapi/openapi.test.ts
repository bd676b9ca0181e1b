import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { expect } from 'chai';
import { loadReferenceCalendar } from '../../src/calendar/reference-data.ts';
import { API_ROUTES as ROUTES } from '../../src/app.ts';
import { buildOpenApi, COMPONENT_SCHEMAS, toComponent, type RouteDoc } from '../../src/openapi/index.ts';
import { compileSchema, loadSchema } from '../../src/validation/index.ts';
import {
  completionAcceptanceExample,
  completionForm,
  minimalCompletionForm,
} from '../fixtures/completion-acceptance.ts';
import { constructionPermitExample } from '../fixtures/construction-permit-example.ts';
import { minimalPermitForm, permitForm, permitProject } from '../fixtures/construction-permit.ts';
import { permitHistoryLine } from '../fixtures/permit-history.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import { createDraft, people, startTestService, type TestService } from '../support/http.ts';
import { ndjson } from '../support/import.ts';
import { DocumentSchemas, operationOf, pointerToken } from './support.ts';

/** Every route of ../shared/API.md (copied: tests never read outside the project). */
const API_MD_ROUTES = [
  'GET /api/v1/workflows',
  'GET /api/v1/workflows/{id}',
  'GET /api/v1/workflows/{id}/diagram',
  'POST /api/v1/applications',
  'PATCH /api/v1/applications/{id}',
  'GET /api/v1/applications',
  'GET /api/v1/applications/{id}',
  'POST /api/v1/applications/{id}/events',
  'GET /api/v1/applications/{id}/history',
  'GET /api/v1/applications/{id}/verify',
  'GET /api/v1/tasks',
  'GET /api/v1/checklist',
  'PUT /api/v1/checklist',
  'POST /api/v1/applications/{id}/fees',
  'POST /api/v1/applications/{id}/fees/{feeId}/pay',
  'POST /api/v1/applications/{id}/fees/{feeId}/waive',
  'POST /api/v1/applications/{id}/inspections',
  'POST /api/v1/applications/{id}/inspections/{inspectionId}/result',
  'POST /api/v1/delegations',
  'POST /api/v1/delegations/{id}/accept',
  'POST /api/v1/delegations/{id}/refuse',
  'POST /api/v1/delegations/{id}/revoke',
  'POST /api/v1/delegations/{id}/complete',
  'PUT /api/v1/enterprises/{uscc}/liaison',
  'GET /api/v1/delegations',
  'GET /api/v1/metrics/approval-times',
  'GET /api/v1/metrics/backlog',
  'GET /api/v1/reports/weekly',
  'GET /api/v1/reports/biweekly',
  'GET /api/v1/reports/monthly',
  'POST /api/v1/admin/import',
  'PUT /api/v1/calendar/{year}',
  'GET /healthz',
  'GET /readyz',
  'GET /metrics',
  'GET /openapi.json',
];

/** Request bodies the other suites send, by schema: each documented body schema must accept them. */
const BODY_FIXTURES: Record<string, unknown[]> = {
  'application-create': [
    constructionPermitExample,
    completionAcceptanceExample,
    { workflow: 'construction-permit', project: { name: 'Plant II' } },
    {
      workflow: 'construction-permit',
      applicant: ENTERPRISE,
      project: permitProject,
      form: minimalPermitForm,
    },
  ],
  'application-patch': [{ form: { storeys: 5 } }, { project: { location: null }, form: {} }],
  event: [
    { type: 'SUBMIT' },
    { type: 'APPROVE', department: 'fire' },
    {
      type: 'REQUEST_SUPPLEMENT',
      department: 'planning',
      comment: 'The site plan must show the fire access road.',
    },
    { type: 'EXTEND', comment: 'Joint handling needs an expert review.', data: { workingDays: 10 } },
    { type: 'ACCEPT_WITH_DEFICIENCIES', data: { items: ['Stamped drawings'], pledgeDate: '2026-03-20' } },
  ],
  checklist: [JSON.parse(readFileSync(new URL('../../db/seeds/checklist.json', import.meta.url), 'utf8'))],
  'fee-assess': [{ code: 'infrastructure-supporting' }, { code: 'extra-certificate', quantity: 3 }],
  'fee-payment': [{ paymentRef: 'NTR-2026-000451' }],
  'fee-waiver': [{ reason: 'Affordable housing exemption.' }],
  'inspection-schedule': [{ code: 'planning-verification', scheduledAt: '2026-03-04T09:30:00+08:00' }],
  'inspection-result': [
    { result: 'pass' },
    { result: 'fail', findings: 'The fire door on level 2 does not close.' },
  ],
  'delegation-request': [
    { expiresAt: '2026-12-31T23:59:59+08:00' },
    {
      agent: 'agent-1',
      stages: [2, 'completion-acceptance'],
      expiresAt: '2026-12-31T23:59:59+08:00',
      note: 'All',
    },
    { applications: ['0b9d9c3e-4a4f-4c1e-9a53-6f0f8a3c2b11'], expiresAt: '2026-06-30T18:00:00+08:00' },
  ],
  'delegation-action': [{}, { comment: 'We do not cover this district.' }],
  liaison: [{ clerk: 'clerk-window' }],
  'dev-sign-in': [
    { role: 'clerk', org: 'fire' },
    { role: 'applicant', org: ENTERPRISE, sub: 'ent-user', name: 'Li Na' },
  ],
  'import-line': [permitHistoryLine()],
  'calendar-year': [
    { holidays: loadReferenceCalendar()['2026'] },
    { holidays: loadReferenceCalendar()['2025'], source: 'State Council notice' },
  ],
};

/** The schemas the forms and the project are checked against on SUBMIT, with fixtures of the other suites. */
const CONTENT_FIXTURES: Record<string, unknown[]> = {
  project: [permitProject, { name: 'Plant II' }],
  'construction-permit.form': [permitForm, minimalPermitForm],
  'completion-acceptance.form': [completionForm, minimalCompletionForm],
};

const requestSchemaPointer = (route: RouteDoc, mediaType: string) =>
  `#/paths/${pointerToken(route.path)}/${route.method}/requestBody/content/${pointerToken(mediaType)}/schema`;

describe('openapi', () => {
  const { document, files } = buildOpenApi(ROUTES);
  const schemas = new DocumentSchemas(document);
  const operations = () =>
    Object.entries(document.paths).flatMap(([template, item]) =>
      Object.entries(item).map(([method, operation]) => ({ template, method, operation })),
    );

  describe('the document', () => {
    it('should be valid OpenAPI 3.1 for the official schema (@seriousme/openapi-schema-validator)', async () => {
      const validator = new Validator();
      const result = await validator.validate(structuredClone(document));
      expect(result.errors, JSON.stringify(result.errors, null, 2)).to.equal(undefined);
      expect(result.valid).to.equal(true);
      expect(validator.version).to.equal('3.1');
      expect(document.openapi).to.match(/^3\.1\.\d+$/);
    });

    it('should hold only valid JSON Schema 2020-12 that compiles strictly, every $ref inside the document', () => {
      for (const key of Object.keys(document.components.schemas)) {
        expect(() => schemas.at(`${COMPONENT_SCHEMAS}${pointerToken(key)}`), key).not.to.throw();
      }
      for (const { template, method, operation } of operations()) {
        const at = `#/paths/${pointerToken(template)}/${method}`;
        const contents: Array<[string, Record<string, unknown> | undefined]> = [
          [`${at}/requestBody`, operation.requestBody?.content],
          ...Object.entries(operation.responses).map(
            ([status, r]): [string, Record<string, unknown> | undefined] => [
              `${at}/responses/${status}`,
              (r as { content?: Record<string, unknown> }).content,
            ],
          ),
        ];
        for (const [pointer, content] of contents) {
          for (const mediaType of Object.keys(content ?? {})) {
            const schema = `${pointer}/content/${pointerToken(mediaType)}/schema`;
            expect(() => schemas.at(schema), schema).not.to.throw();
          }
        }
      }
      const text = JSON.stringify(document);
      const refs = [...text.matchAll(/"\$ref":"([^"]*)"/g)].map((m) => m[1]);
      expect(refs.filter((r) => !r.startsWith('#/'))).to.deep.equal([]);
      expect(text).not.to.include('"$id"');
      expect(text).not.to.include('zerotrip.example');
    });

    it('should put every file of schemas/ and schemas/responses/ under components.schemas, by file name', () => {
      const names = (dir: string) =>
        readdirSync(new URL(dir, import.meta.url))
          .filter((f) => f.endsWith('.json'))
          .map((f) => f.slice(0, -'.json'.length));
      const expected = [...names('../../schemas/'), ...names('../../schemas/responses/')].sort();
      expect(Object.keys(document.components.schemas).sort()).to.deep.equal(expected);
      for (const name of names('../../schemas/responses/')) {
        const schema = JSON.parse(
          readFileSync(new URL(`../../schemas/responses/${name}.json`, import.meta.url), 'utf8'),
        );
        expect(schema.$schema, name).to.equal('https://json-schema.org/draft/2020-12/schema');
        expect(schema.$id, name).to.equal(`https://zerotrip.example/schemas/responses/${name}.json`);
        expect(schema.title, name).to.be.a('string');
      }
    });

    it('should answer every 4xx with the Problem schema as application/problem+json', () => {
      const problem = { $ref: `${COMPONENT_SCHEMAS}problem` };
      const responses = document.components.responses as Record<string, { content: Record<string, unknown> }>;
      for (const { operation } of operations()) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (!status.startsWith('4')) continue;
          const ref = (response as { $ref?: string }).$ref;
          expect(ref, `${operation.operationId} ${status}`).to.match(/^#\/components\/responses\//);
          const shared = responses[ref!.split('/').pop()!];
          expect(shared.content, `${operation.operationId} ${status}`).to.deep.equal({
            'application/problem+json': { schema: problem },
          });
        }
        if (operation.security === undefined) {
          expect(operation.responses, operation.operationId).to.have.property('401');
        }
      }
      const errors = (document.components.schemas.problem.properties as Record<string, unknown>).errors;
      expect(errors).to.deep.equal({
        type: 'array',
        description: (errors as { description: string }).description,
        items: { $ref: `${COMPONENT_SCHEMAS}field-error` },
      });
      expect(document.components.schemas['field-error'].required).to.deep.equal(['pointer', 'detail']);
    });

    it('should secure every route with a bearer JWT except the public ones', () => {
      expect(document.security).to.deep.equal([{ bearerAuth: [] }]);
      expect((document.components.securitySchemes as Record<string, unknown>).bearerAuth).to.include({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
      });
      const publicOnes = operations()
        .filter(({ operation }) => Array.isArray(operation.security) && !(operation.security as []).length)
        .map(({ method, template }) => `${method.toUpperCase()} ${template}`)
        .sort();
      expect(publicOnes).to.deep.equal([
        'GET /api/v1/calendar/{year}',
        'GET /api/v1/checklist',
        'GET /api/v1/workflows',
        'GET /api/v1/workflows/{id}',
        'GET /api/v1/workflows/{id}/diagram',
        'GET /docs',
        'GET /healthz',
        'GET /metrics',
        'GET /openapi.json',
        'GET /readyz',
        'POST /api/v1/dev/token',
      ]);
    });

    it('should take Idempotency-Key on every POST and Prefer on events, and name the other media types', () => {
      const idempotencyKey = { $ref: '#/components/parameters/IdempotencyKey' };
      // API.md: on every POST of the contract (the development sign-in is not part of it).
      for (const { method, template, operation } of operations()) {
        const parameters = operation.parameters ?? [];
        if (API_MD_ROUTES.includes(`${method.toUpperCase()} ${template}`) && method === 'post') {
          expect(parameters, operation.operationId).to.deep.include(idempotencyKey);
        } else if (method !== 'post') {
          expect(parameters, operation.operationId).not.to.deep.include(idempotencyKey);
        }
      }
      const events = operationOf(document, 'POST', '/api/v1/applications/{id}/events');
      expect(events.parameters).to.deep.include({ $ref: '#/components/parameters/PreferReturn' });
      expect((document.components.parameters as Record<string, unknown>).PreferReturn).to.include({
        name: 'Prefer',
        in: 'header',
      });

      const content = (method: string, template: string, status: string) =>
        Object.keys(
          (operationOf(document, method, template).responses[status] as { content: object }).content,
        );
      const importOp = operationOf(document, 'POST', '/api/v1/admin/import');
      expect(Object.keys(importOp.requestBody!.content)).to.deep.equal(['application/x-ndjson']);
      expect(content('POST', '/api/v1/admin/import', '200')).to.deep.equal(['application/x-ndjson']);
      expect(content('GET', '/api/v1/metrics/approval-times', '200')).to.deep.equal([
        'application/json',
        'text/csv',
      ]);
      expect(content('GET', '/api/v1/workflows/{id}/diagram', '200')).to.deep.equal(['text/plain']);
    });
  });

  describe('request bodies', () => {
    const bodyRoutes = ROUTES.filter((r) => r.body);

    it('should be the schemas the routes validate with: the loadSchema objects parseBody compiles', () => {
      for (const route of bodyRoutes) {
        const name = route.body!.schema;
        const file = files.find((f) => f.key === name)!;
        expect(file.kind, name).to.equal('request');
        // The very object parseBody (and the checklist and import routes) compile: no second copy.
        expect(file.schema, name).to.equal(loadSchema(name));
        expect(document.components.schemas[name], name).to.deep.equal(toComponent(file, files));
        for (const type of route.body!.mediaTypes ?? ['application/json']) {
          expect(
            operationOf(document, route.method, route.path).requestBody!.content[type],
            name,
          ).to.deep.equal({
            schema: { $ref: `${COMPONENT_SCHEMAS}${name}` },
          });
        }
      }
    });

    it('should accept the request bodies of the test fixtures, as published in the document', () => {
      for (const route of bodyRoutes) {
        const name = route.body!.schema;
        const fixtures = BODY_FIXTURES[name];
        expect(fixtures, `fixtures for ${name}`).to.be.an('array').that.is.not.empty;
        for (const mediaType of route.body!.mediaTypes ?? ['application/json']) {
          for (const fixture of fixtures) {
            expect(
              schemas.errors(requestSchemaPointer(route, mediaType), fixture),
              `${route.operationId} ${name}`,
            ).to.deep.equal([]);
            // And the service's own validator agrees.
            expect(compileSchema(loadSchema(name))(fixture).ok, name).to.equal(true);
          }
        }
      }
      for (const [name, fixtures] of Object.entries(CONTENT_FIXTURES)) {
        for (const fixture of fixtures) {
          expect(schemas.errors(`${COMPONENT_SCHEMAS}${pointerToken(name)}`, fixture), name).to.deep.equal(
            [],
          );
        }
      }
    });

    it("should accept every schema's own examples, and refuse what the service refuses", () => {
      for (const file of files) {
        for (const example of (file.schema.examples as unknown[] | undefined) ?? []) {
          expect(
            schemas.errors(`${COMPONENT_SCHEMAS}${pointerToken(file.key)}`, example),
            file.key,
          ).to.deep.equal([]);
        }
      }
      const form = `${COMPONENT_SCHEMAS}construction-permit.form`;
      expect(schemas.errors(form, { ...permitForm, floorAreaM2: 0 })).not.to.deep.equal([]);
      expect(
        schemas.errors(form, { ...permitForm, designUnit: { uscc: 'bad', name: 'X' } }),
      ).not.to.deep.equal([]);
      expect(
        schemas.errors(`${COMPONENT_SCHEMAS}completion-acceptance.form`, {
          ...completionForm,
          useCategory: 'farm',
        }),
      ).not.to.deep.equal([]);
      expect(
        schemas.errors(`${COMPONENT_SCHEMAS}checklist`, { fees: [{ code: 'x' }], inspections: [] }),
      ).not.to.deep.equal([]);
    });
  });

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

    it('should document every route of API.md', () => {
      const documented = new Set(
        operations().map(({ method, template }) => `${method.toUpperCase()} ${template}`),
      );
      expect(API_MD_ROUTES.filter((r) => !documented.has(r))).to.deep.equal([]);
    });

    it('should have each route refuse a wrong body by the schema it documents', async () => {
      const who = people(svc, ENTERPRISE, OTHER_ENTERPRISE);
      const admin = svc.token({ sub: 'admin-1', role: 'admin' });
      const id = await createDraft(svc, who.applicant, constructionPermitExample);
      const concrete = (template: string) =>
        template
          .replace('/applications/{id}', `/applications/${id}`)
          .replace('{feeId}', '1')
          .replace('{inspectionId}', '1')
          .replace('{uscc}', ENTERPRISE);
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

import { readFileSync, readdirSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { expect } from 'chai';
import { API_ROUTES as ROUTES } from '../../src/app.ts';
import { buildOpenApi, COMPONENT_SCHEMAS } from '../../src/openapi/index.ts';
import { API_MD_ROUTES, DocumentSchemas, operationOf, pointerToken } from './support.ts';

describe('openapi', () => {
  const { document } = buildOpenApi(ROUTES);
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
      expect(document.components.schemas['field-error'].required).to.deep.equal([
        'pointer',
        'code',
        'detail',
      ]);
      expect(document.components.schemas.problem.required).to.include.members(['code', 'params', 'detail']);
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
        'GET /api/v1/licences/keys',
        'GET /api/v1/licences/{number}',
        'GET /api/v1/licences/{number}/pdf',
        'GET /api/v1/pledge-offers/{id}',
        'GET /api/v1/ratings/figures',
        'GET /api/v1/workflows',
        'GET /api/v1/workflows/{id}',
        'GET /api/v1/workflows/{id}/diagram',
        'GET /api/v1/workflows/{id}/materials',
        'GET /auth/session',
        'GET /docs',
        'GET /healthz',
        'GET /metrics',
        'GET /openapi.json',
        'GET /readyz',
        'POST /api/v1/dev/token',
        'POST /api/v1/guide',
      ]);
    });

    it('should take Idempotency-Key on every POST and Prefer on events, and name the other media types', () => {
      const idempotencyKey = { $ref: '#/components/parameters/IdempotencyKey' };
      // docs/api.md: on every POST of the contract that creates or changes something (the development sign-in
      // is not part of it; the guide only computes an answer).
      const changesNothing = ['POST /api/v1/guide'];
      for (const { method, template, operation } of operations()) {
        const parameters = operation.parameters ?? [];
        const route = `${method.toUpperCase()} ${template}`;
        if (API_MD_ROUTES.includes(route) && method === 'post' && !changesNothing.includes(route)) {
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
});

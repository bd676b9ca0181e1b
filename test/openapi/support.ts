import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Express } from 'express';
import type { OpenApiDocument, Operation } from '../../src/openapi/index.ts';
import { isWellFormedUscc } from '../../src/validation/index.ts';
import type { TestResponse } from '../support/http.ts';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** Where the document is registered in the test's Ajv: every `#/components/...` resolves inside it. */
const DOCUMENT_ID = 'https://zerotrip.example/openapi.json';

/**
 * Validators for schemas of the document itself (not of schemas/): a strict Ajv that knows the document, so
 * that a component is checked exactly as it is published, with its `$ref`s pointing into the document.
 */
export class DocumentSchemas {
  readonly ajv: Ajv2020;
  readonly #cache = new Map<string, ValidateFunction>();

  constructor(readonly document: OpenApiDocument) {
    this.ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, multipleOfPrecision: 3 });
    addFormats(this.ajv);
    this.ajv.addFormat('uscc', isWellFormedUscc);
    this.ajv.addKeyword({ keyword: 'x-error', schemaType: 'object' });
    // The document is registered as one schema so that pointers into it resolve; its own fields are inert there.
    for (const keyword of ['openapi', 'info', 'tags', 'security', 'paths', 'components']) {
      this.ajv.addKeyword({ keyword });
    }
    this.ajv.addSchema({ ...structuredClone(document), $id: DOCUMENT_ID } as object);
  }

  /** The validator of the schema at `pointer` (a JSON pointer into the document, `#/components/...`). */
  at(pointer: string): ValidateFunction {
    let validate = this.#cache.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOCUMENT_ID}${pointer}` });
      this.#cache.set(pointer, validate);
    }
    return validate;
  }

  /** The errors of `value` against the schema at `pointer`, as readable lines (empty when valid). */
  errors(pointer: string, value: unknown): string[] {
    const validate = this.at(pointer);
    return validate(value)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} (${e.schemaPath})`);
  }
}

/** A JSON pointer token (RFC 6901) as it goes in a `$ref`'s fragment. */
export const pointerToken = (token: string) =>
  encodeURIComponent(token.replaceAll('~', '~0').replaceAll('/', '~1')).replaceAll('%24', '$');

/** The operation of the document for `method` and the path template. */
export function operationOf(document: OpenApiDocument, method: string, template: string): Operation {
  const operation = document.paths[template]?.[method.toLowerCase()];
  if (!operation) throw new Error(`${method} ${template} is not in the document`);
  return operation;
}

/**
 * Checks an answer against the document: its status is documented for the operation, its content type is
 * one the status lists, and its body (JSON, or each NDJSON line) matches that content's schema. Returns the
 * problems found (empty when it conforms).
 */
export function conformance(
  schemas: DocumentSchemas,
  method: string,
  template: string,
  response: TestResponse,
): string[] {
  const operation = operationOf(schemas.document, method, template);
  let declared = operation.responses[String(response.status)] as Record<string, unknown> | undefined;
  if (!declared) return [`${method} ${template}: status ${response.status} is not documented`];
  let base = `#/paths/${pointerToken(template)}/${method.toLowerCase()}/responses/${response.status}`;
  if (typeof declared.$ref === 'string') {
    base = declared.$ref;
    const name = declared.$ref.split('/').pop()!;
    declared = (schemas.document.components.responses as Record<string, Record<string, unknown>>)[name];
  }
  const content = (declared.content ?? {}) as Record<string, unknown>;
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0].trim();
  if (!(mediaType in content)) {
    return [
      `${method} ${template} ${response.status}: ${mediaType} is not among ${Object.keys(content).join(', ')}`,
    ];
  }
  const pointer = `${base}/content/${pointerToken(mediaType)}/schema`;
  const bodies =
    mediaType === 'application/x-ndjson'
      ? String(response.body)
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line) as unknown)
      : [response.body];
  return bodies.flatMap((body) =>
    schemas.errors(pointer, body).map((e) => `${method} ${template} ${response.status} ${mediaType}: ${e}`),
  );
}

/** `METHOD /path/{param}` for every route Express has mounted, nested routers included. */
export function mountedRoutes(app: Express): string[] {
  const routes: string[] = [];
  const join = (prefix: string, path: string) => (path === '/' ? prefix || '/' : `${prefix}${path}`);
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        if (typeof layer.route.path !== 'string')
          throw new Error(`a route path that is not a string under ${prefix}`);
        const path = join(prefix, layer.route.path).replace(/:(\w+)/g, '{$1}');
        for (const method of Object.keys(layer.route.methods)) {
          if (method !== '_all') routes.push(`${method.toUpperCase()} ${path}`);
        }
      } else if (Array.isArray(layer.handle?.stack)) {
        if (typeof layer.rawPath !== 'string')
          throw new Error(`a mount path that is not a string under ${prefix}`);
        walk(layer.handle.stack, layer.rawPath === '/' ? prefix : `${prefix}${layer.rawPath}`);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return [...new Set(routes)].sort();
}

/** What router 2 keeps of a `use` or a route (not part of its typings). */
interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every route of the contract in docs/api.md, written out here. */
export const API_MD_ROUTES = [
  'GET /api/v1/workflows',
  'GET /api/v1/workflows/{id}',
  'GET /api/v1/workflows/{id}/diagram',
  'POST /api/v1/guide',
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
  'POST /api/v1/applications/{id}/ratings',
  'GET /api/v1/applications/{id}/ratings',
  'GET /api/v1/rating-follow-ups/{id}',
  'POST /api/v1/rating-follow-ups/{id}/events',
  'GET /api/v1/ratings/figures',
  'POST /api/v1/admin/import',
  'PUT /api/v1/calendar/{year}',
  'GET /healthz',
  'GET /readyz',
  'GET /metrics',
  'GET /openapi.json',
];

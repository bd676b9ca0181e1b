/**
 * Builds the OpenAPI 3.1 document from the route definitions (each feature's, collected by the app) and the
 * schema files (`schemas.ts`).
 * Everything shared — the problem responses, headers, parameters and the bearer scheme — is defined once
 * under `components` and referenced.
 */
import { readFileSync } from 'node:fs';
import type { ContentDoc, InlineSchema, QueryParameter, RouteDoc } from './route-table.ts';
import { HEADERS, PARAMETERS, PROBLEMS, TAGS } from './components.ts';
import { COMPONENT_SCHEMAS, loadSchemaFiles, toComponent, type SchemaFile } from './schemas.ts';

/** An OpenAPI document; typed loosely, as it is data to publish, not to program against. */
export type OpenApiDocument = Record<string, unknown> & {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>> } & Record<string, unknown>;
};

/** One operation of the document. */
export type Operation = Record<string, unknown> & {
  operationId: string;
  requestBody?: {
    required: boolean;
    description?: string;
    content: Record<string, { schema: { $ref: string } }>;
  };
  responses: Record<string, unknown>;
};

/** The document and the schema files it was built from (request schemas as `loadSchema` returns them). */
export interface OpenApiBuild {
  document: OpenApiDocument;
  files: readonly SchemaFile[];
}

/** Path parameters by name; `id` depends on the collection it identifies in. */
function pathParameter(path: string, name: string): Record<string, unknown> {
  const param = (description: string, schema: InlineSchema) => ({
    name,
    in: 'path',
    required: true,
    description,
    schema,
  });
  switch (name) {
    case 'id':
      if (path.startsWith('/api/v1/workflows/'))
        return param('The workflow id.', { type: 'string', examples: ['construction-permit'] });
      if (path.startsWith('/api/v1/experts/'))
        return param("The expert's id (their token's `sub`).", { type: 'string', examples: ['e1'] });
      if (path.startsWith('/api/v1/investment-reviews/'))
        return param("The review's id (the case's id).", { type: 'string', format: 'uuid' });
      if (path.startsWith('/api/v1/delegations/'))
        return param("The agreement's id.", { type: 'string', format: 'uuid' });
      if (path.startsWith('/api/v1/pledge-offers/'))
        return param('The workflow id.', { type: 'string', examples: ['construction-permit'] });
      if (path.startsWith('/api/v1/credit-records/'))
        return param("The credit record's id.", { type: 'string', format: 'uuid' });
      if (path.startsWith('/api/v1/credit-repairs/'))
        return param("The credit repair's id.", { type: 'string', format: 'uuid' });
      if (path.startsWith('/api/v1/pledge-verifications/'))
        return param("The pledge verification's id.", { type: 'string', format: 'uuid' });
      if (path.startsWith('/api/v1/projects/'))
        return param("The issue's id on this project.", { type: 'string', pattern: '^[1-9][0-9]*$' });
      if (path.startsWith('/api/v1/rating-follow-ups/'))
        return param("The follow-up's id.", { type: 'string', format: 'uuid' });
      return param("The application's id.", { type: 'string', format: 'uuid' });
    case 'feeId':
      return param("The fee's id on this case.", { type: 'integer' });
    case 'inspectionId':
      return param("The inspection's id on this case.", { type: 'integer' });
    case 'mid':
      return param("The material's id on this case.", { type: 'string', format: 'uuid' });
    case 'uscc':
      return param("The enterprise's unified social credit code (18 characters).", {
        type: 'string',
        pattern: '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$',
        examples: ['91310115591693856A'],
      });
    case 'number':
      return param(
        "The licence's number: region code (6), issue date (8), serial (4), type code (2). Any other form is 404.",
        { type: 'string', examples: ['36020020260302000101'] },
      );
    case 'code':
      return param(
        'The investment project code, in either printed form (legacy or GB/T 40058-2021); case and spaces do not matter, the 20-character form without hyphens is accepted.',
        { type: 'string', examples: ['2026-360200-48-01-000173'] },
      );
    case 'version':
      return param("The baseline's version on this project.", { type: 'integer', minimum: 1 });
    case 'milestone':
      return param('A milestone of the plan (docs/api.md, "Task forces").', {
        type: 'string',
        examples: ['works-started'],
      });
    case 'year':
      return param('The year.', { type: 'integer', minimum: 1000, maximum: 9999, examples: [2027] });
    case 'batch':
      return param('A pre-review batch: the month of its cut-off, YYYY-MM.', {
        type: 'string',
        pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$',
        examples: ['2026-03'],
      });
    case 'expert':
      return param("The expert's id (their token's `sub`).", { type: 'string', examples: ['e1'] });
    default:
      throw new Error(`no description of the path parameter ${name} (${path})`);
  }
}

const schemaOf = (schema: string | InlineSchema) =>
  typeof schema === 'string' ? { $ref: `${COMPONENT_SCHEMAS}${schema}` } : schema;

const contentOf = (content: readonly ContentDoc[]) =>
  Object.fromEntries(content.map((c) => [c.mediaType, { schema: schemaOf(c.schema) }]));

const queryParameter = (q: QueryParameter) => ({
  name: q.name,
  in: 'query',
  required: q.required ?? false,
  description: q.description,
  schema: q.schema,
});

/** The problem statuses of a route: its own plus those its kind implies. */
export function problemStatuses(route: RouteDoc): number[] {
  const statuses = new Set(route.problems ?? []);
  if (route.access === 'bearer') statuses.add(401);
  if (route.body || route.query?.length || route.paged) statuses.add(400);
  if (route.body) statuses.add(413);
  if (route.idempotent) {
    statuses.add(409);
    statuses.add(422);
  }
  return [...statuses].sort((a, b) => a - b);
}

function operation(route: RouteDoc): Operation {
  const parameters: unknown[] = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) =>
    pathParameter(route.path, m[1]),
  );
  for (const q of route.query ?? []) parameters.push(queryParameter(q));
  if (route.paged)
    parameters.push({ $ref: '#/components/parameters/Limit' }, { $ref: '#/components/parameters/Cursor' });
  if (route.idempotent) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
  if (route.preferMinimal) parameters.push({ $ref: '#/components/parameters/PreferReturn' });

  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.headers?.length
        ? {
            headers: Object.fromEntries(
              response.headers.map((h) => [h, { $ref: `#/components/headers/${h}` }]),
            ),
          }
        : {}),
      ...(response.content ? { content: contentOf(response.content) } : {}),
    };
  }
  for (const status of problemStatuses(route)) {
    responses[String(status)] = { $ref: `#/components/responses/${PROBLEMS[status][0]}` };
  }

  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    ...(route.access === 'public' ? { security: [] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: route.body.required ?? true,
            ...(route.body.description ? { description: route.body.description } : {}),
            content: Object.fromEntries(
              (route.body.mediaTypes ?? ['application/json']).map((type) => [
                type,
                { schema: { $ref: `${COMPONENT_SCHEMAS}${route.body!.schema}` } },
              ]),
            ),
          },
        }
      : {}),
    responses,
  };
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? '0.0.0';
}

/**
 * Builds the document. Throws when a route names a schema file that does not exist, when two routes share an
 * operation, or when a `$ref` in schemas/ cannot be resolved, so that a broken contract stops the start.
 */
export function buildOpenApi(routes: readonly RouteDoc[]): OpenApiBuild {
  const files = loadSchemaFiles();
  const schemas = Object.fromEntries(files.map((file) => [file.key, toComponent(file, files)]));
  const known = new Set(Object.keys(schemas));
  const paths: Record<string, Record<string, Operation>> = {};
  for (const route of routes) {
    for (const name of schemaNames(route)) {
      if (!known.has(name)) throw new Error(`${route.operationId}: no schema file named ${name}`);
    }
    const item = (paths[route.path] ??= {});
    if (item[route.method]) throw new Error(`${route.method.toUpperCase()} ${route.path} is defined twice`);
    item[route.method] = operation(route);
  }
  const operationIds = routes.map((r) => r.operationId);
  const repeated = operationIds.find((id, i) => operationIds.indexOf(id) !== i);
  if (repeated) throw new Error(`operationId ${repeated} is used twice`);

  const document: OpenApiDocument = {
    openapi: '3.1.1',
    info: {
      title: 'ZeroTrip HTTP API',
      version: packageVersion(),
      summary: 'Approval engine for zero-trip construction-project approvals.',
      description:
        'Version 1 of the contract other systems and the web console build on. JSON bodies in UTF-8; times ISO 8601 with offset; working days follow the Asia/Shanghai official calendar. Every refusal is `application/problem+json` (RFC 9457). Checks run in this order, and the first that fails answers: 401 → 404 → 400 → 403 → 422 → 409. Request bodies are validated against the very JSON Schemas published under `components.schemas`.',
    },
    tags: TAGS.map(([name, description]) => ({ name, description })),
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      schemas,
      responses: Object.fromEntries(
        Object.entries(PROBLEMS).map(([status, [name, description]]) => [
          name,
          {
            description,
            ...(status === '401'
              ? { headers: { 'WWW-Authenticate': { $ref: '#/components/headers/WWW-Authenticate' } } }
              : {}),
            content: { 'application/problem+json': { schema: { $ref: `${COMPONENT_SCHEMAS}problem` } } },
          },
        ]),
      ),
      parameters: PARAMETERS,
      headers: HEADERS,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A JWT with `sub`, `role` (applicant, agent, clerk, auditor, admin), `org` (applicant: the USCC; clerk: the department code; agent: the service team) and `exp`. The service verifies, never issues, production tokens; in development `npm run token` prints one.',
        },
      },
    },
  };
  return { document, files };
}

/** Every schema file a route names, in its body or its responses. */
function schemaNames(route: RouteDoc): string[] {
  const names: string[] = route.body ? [route.body.schema] : [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT_SCHEMAS)) {
          names.push(value.slice(COMPONENT_SCHEMAS.length).split('/')[0]);
        } else visit(value);
      }
    }
  };
  for (const response of Object.values(route.responses)) {
    for (const content of response.content ?? []) {
      if (typeof content.schema === 'string') names.push(content.schema);
      else visit(content.schema);
    }
  }
  return names;
}

const built = new WeakMap<readonly RouteDoc[], OpenApiDocument>();

/** The document of `routes`, built once per process for each list. */
export function openApiDocument(routes: readonly RouteDoc[]): OpenApiDocument {
  let document = built.get(routes);
  if (!document) built.set(routes, (document = buildOpenApi(routes).document));
  return document;
}

/**
 * What the OpenAPI document says of a route (`RouteDoc`, the documented half of a `defineRoute` definition), and
 * small helpers to write it. Schemas are named by their file in `schemas/` or `schemas/responses/`.
 */

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A JSON Schema written inline (small wrappers, query parameters); anything bigger goes in a file. */
export type InlineSchema = Record<string, unknown>;

/** A query parameter. */
export interface QueryParameter {
  name: string;
  description: string;
  schema: InlineSchema;
  required?: boolean;
}

/**
 * How the route checks its body against the schema:
 * - `parseBody`: `parseBody('<schema>', body)`, a shape error is 400 naming the schema;
 * - `schema`: the route compiles the same `loadSchema('<schema>')` itself (e.g. a 422 for the checklist, per
 *   line for the import);
 * - `route`: the route checks the shape in code; the schema documents it.
 */
export type BodyValidation = 'parseBody' | 'schema' | 'route';

/** A request body: the schema file it is checked against. */
export interface RequestBodyDoc {
  /** Name of the schema file in `schemas/` (without `.json`). */
  schema: string;
  validation: BodyValidation;
  /** `application/json` unless told. */
  mediaTypes?: readonly string[];
  /** Required unless told (an optional body may be left out altogether). */
  required?: boolean;
  description?: string;
}

/** One content type of a response; `schema` names a file, or is inline. */
export interface ContentDoc {
  mediaType: string;
  schema: string | InlineSchema;
}

/** A successful (or otherwise non-problem) response. */
export interface ResponseDoc {
  description: string;
  /** No body when absent. */
  content?: readonly ContentDoc[];
  /** Names of `components.headers`. */
  headers?: readonly string[];
}

/** Who may call a route. */
export type Access = 'public' | 'bearer';

/** One route of the service, as the OpenAPI document describes it. */
export interface RouteDoc {
  method: HttpMethod;
  /** The path as Express mounts it, with `{name}` for each `:name` parameter. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  query?: readonly QueryParameter[];
  /** `?limit=` and `?cursor=` paging, with `{items, nextCursor}` answers. */
  paged?: boolean;
  /** POST routes take `Idempotency-Key` (docs/api.md: every POST). */
  idempotent?: boolean;
  /** The route honours `Prefer: return=minimal`. */
  preferMinimal?: boolean;
  body?: RequestBodyDoc;
  responses: Readonly<Record<number, ResponseDoc>>;
  /** Problem statuses besides the ones implied (401 for bearer, 400/413 for a body, 409/422 for idempotency). */
  problems?: readonly number[];
}

/** JSON content of a schema file or an inline schema. */
export const json = (schema: string | InlineSchema): ContentDoc[] => [
  { mediaType: 'application/json', schema },
];

/** A `$ref` to a component schema, for use inside inline schemas. */
export const ref = (name: string): InlineSchema => ({ $ref: `#/components/schemas/${name}` });

/** `{items: [...]}`. */
export const itemsOf = (name: string): InlineSchema => ({
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', items: ref(name) } },
});

/** `{items: [...], nextCursor}`: one page of a list (docs/api.md, "Conventions"). */
export const pageOf = (name: string): InlineSchema => ({
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: {
    items: { type: 'array', items: ref(name) },
    nextCursor: {
      type: ['string', 'null'],
      description: 'Pass as `?cursor=` for the next page; null on the last page.',
    },
  },
});

/** A `YYYY-MM-DD` date query parameter (a plain date, Asia/Shanghai). */
export const dateQuery = (name: string, description: string): QueryParameter => ({
  name,
  description: `${description} A real date from 2000-01-01 to ten years ahead; anything else is 400.`,
  schema: { type: 'string', format: 'date', examples: ['2026-03-01'] },
});

/** The headers of a created resource's answer (`components.headers`). */
export const CREATED = ['Location', 'Idempotent-Replayed'] as const;

/** The header of an answer an `Idempotency-Key` may replay. */
export const REPLAYABLE = ['Idempotent-Replayed'] as const;

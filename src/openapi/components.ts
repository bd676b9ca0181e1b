/**
 * What the OpenAPI document defines once under `components` and its tags: the problem responses, the headers,
 * the shared query parameters.
 */
import type { InlineSchema } from './route-table.ts';

/** The problem responses, by status: each is application/problem+json with the `problem` schema. */
export const PROBLEMS: Record<number, [name: string, description: string]> = {
  400: [
    'MalformedRequest',
    'Malformed body or query (`malformed-request`), with `errors[]` where fields are at fault.',
  ],
  401: ['Unauthorized', 'No token, or a bad or expired one (`unauthorized`).'],
  403: ['Forbidden', 'Authenticated, but this role or department may never do this (`forbidden`).'],
  404: [
    'NotFound',
    'Not found, or not visible to the caller (`not-found`): another enterprise’s case is never revealed.',
  ],
  409: [
    'Conflict',
    'Not allowed in the current state (`event-not-allowed`), a version conflict (`version-conflict`), or a request with the same Idempotency-Key still running (`idempotency-key-in-use`).',
  ],
  413: [
    'ContentTooLarge',
    "Body too large (`payload-too-large`): JSON bodies over 1 MiB, the import over 64 MiB, a material over its item's `maxBytes`.",
  ],
  415: ['UnsupportedMediaType', 'The body is not of a type this route takes (`unsupported-media-type`).'],
  416: ['RangeNotSatisfiable', 'The `Range` asked for lies outside the file (`range-not-satisfiable`).'],
  422: [
    'UnprocessableContent',
    'Well-formed but invalid (`validation-failed`, `not-on-checklist`, `unknown-workflow`, …) with `errors[]`, or an Idempotency-Key reused with a different body (`idempotency-key-reused`).',
  ],
  429: [
    'TooManyRequests',
    'Past a rate limit (`too-many-requests`), with `Retry-After` in seconds (docs/api.md, "Rate limits").',
  ],
};

export const HEADERS: Record<string, { description: string; schema: InlineSchema }> = {
  Location: { description: 'The path of what was created.', schema: { type: 'string' } },
  'Idempotent-Replayed': {
    description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key.',
    schema: { const: 'true' },
  },
  'Preference-Applied': {
    description: '`return=minimal` when the minimal answer was sent (RFC 7240).',
    schema: { const: 'return=minimal' },
  },
  'WWW-Authenticate': { description: 'The bearer challenge (RFC 9110 §11.6.1).', schema: { type: 'string' } },
  'Content-Disposition': {
    description: 'A file name for the download (RFC 6266, with `filename*` in UTF-8).',
    schema: { type: 'string' },
  },
  ETag: { description: "The file's SHA-256, quoted.", schema: { type: 'string' } },
  'Accept-Ranges': {
    description: '`bytes`: ranges may be asked for (RFC 9110 §14).',
    schema: { const: 'bytes' },
  },
  'Content-Range': { description: 'The range sent, `bytes start-end/size`.', schema: { type: 'string' } },
};

export const PARAMETERS = {
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'The same key from the same caller (`sub`) within 24 hours returns the first successful response and creates nothing new; with a different body it is 422 `idempotency-key-reused`. Failed requests are not remembered. A UUID is a good choice.',
    schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
  },
  PreferReturn: {
    name: 'Prefer',
    in: 'header',
    required: false,
    description: '`return=minimal` (RFC 7240): answer with `{id, status, version}` only.',
    schema: { type: 'string', examples: ['return=minimal'] },
  },
  Limit: {
    name: 'limit',
    in: 'query',
    required: false,
    description: 'Page size.',
    schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  },
  Cursor: {
    name: 'cursor',
    in: 'query',
    required: false,
    description: 'The `nextCursor` of the previous page.',
    schema: { type: 'string' },
  },
};

/** The tags of the document, in the order a reader meets them. */
export const TAGS: Array<[string, string]> = [
  ['Workflows', 'The approval processes: states, tasks, time limits, forms.'],
  ['Applications', 'Cases: filing, events, history.'],
  ['Tasks', "The departments' inboxes."],
  ['Checklist', 'The published list of what may be charged and inspected.'],
  ['Materials', 'Application materials: the catalog per workflow, uploads, reuse, downloads.'],
  ['Guide', 'The guide before sign-in (办事指南): departments, limits, materials, fees, inspections.'],
  ['Fees', 'Fees on a case, from the checklist only.'],
  ['Inspections', 'Inspections on a case, from the checklist only.'],
  ['Delegations', 'Proxy handling (全程代办) by the service team.'],
  ['Projects', 'A project across the four approval stages (立项用地规划许可 … 竣工验收).'],
  ['Enterprises', 'One-to-one liaison (一对一挂点服务).'],
  [
    'Credit',
    'Approval on pledge (告知承诺制) and the credit register (信用记录): offers, verifications, records, repairs.',
  ],
  ['Ratings', 'Ratings (好差评): rating a result, the follow-up of bad ratings, the published figures.'],
  ['Metrics', 'Time-to-approval figures for auditors.'],
  ['Reports', 'The supervision rhythm: weekly, biweekly, monthly.'],
  ['Administration', 'Importing past cases.'],
  ['Calendar', 'The official working calendar.'],
  ['Operations', 'Health, readiness, Prometheus.'],
  ['Documentation', 'This document and its reference page.'],
  ['Development', 'Development sign-in; absent in production.'],
];

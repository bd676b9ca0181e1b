import type { FieldError } from '../errors/index.ts';

/**
 * The one error type the HTTP layer knows. The error middleware turns it into RFC 9457
 * problem details; `type` is the stable slug callers branch on.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    options?: { cause?: unknown; extensions?: Record<string, unknown> },
  ) {
    super(detail, options);
    this.name = 'HttpError';
    this.extensions = options?.extensions;
  }

  /** Members beyond RFC 9457's own that this problem type carries (e.g. `missing` of materials-missing). */
  readonly extensions?: Record<string, unknown>;
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The problem+json body for an error. */
export function problemBody(error: HttpError): Record<string, unknown> {
  return {
    type: error.type,
    title: titles[error.status] ?? 'Error',
    status: error.status,
    detail: error.detail,
    ...(error.errors ? { errors: error.errors } : {}),
    ...error.extensions,
  };
}

export const unauthorized = (detail: string) => new HttpError(401, 'unauthorized', detail);
export const forbidden = (detail: string) => new HttpError(403, 'forbidden', detail);
export const notFound = (detail: string) => new HttpError(404, 'not-found', detail);
export const malformed = (detail: string, errors?: FieldError[]) =>
  new HttpError(400, 'malformed-request', detail, errors);
export const validationFailed = (detail: string, errors: FieldError[]) =>
  new HttpError(422, 'validation-failed', detail, errors);
export const tooManyRequests = (detail: string) => new HttpError(429, 'too-many-requests', detail);

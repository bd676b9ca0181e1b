import {
  word,
  type FieldError,
  type Lang,
  type Names,
  type ProblemCode,
  type WordParams,
} from '../errors/index.ts';

/** How a refusal may say more in English than its code's sentence: a reason only English words (a token's). */
export interface ProblemOptions {
  cause?: unknown;
  /** The English `detail` when it carries more than the code's sentence (kept out of `params`: it is prose). */
  detail?: string;
  /** Members beyond RFC 9457's own that this problem type carries (e.g. `missing` of materials-missing). */
  extensions?: Record<string, unknown>;
}

/**
 * The one error type the HTTP layer knows. The error middleware turns it into RFC 9457 problem details;
 * `type` is the stable slug callers branch on, `code` and `params` say exactly what is refused (the registry
 * in src/errors words them), and `detail` is the English sentence.
 */
export class HttpError extends Error {
  readonly detail: string;
  constructor(
    readonly status: number,
    readonly type: string,
    readonly code: ProblemCode,
    readonly params: WordParams = {},
    readonly errors?: FieldError[],
    options: ProblemOptions = {},
  ) {
    const detail = options.detail ?? word(code, params);
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.detail = detail;
    this.name = 'HttpError';
    this.extensions = options.extensions;
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

/**
 * The problem+json body for an error, worded in `lang`: `detail` and each field error's `detail` from their
 * codes (English keeps a refusal's own English detail).
 */
export function problemBody(error: HttpError, lang: Lang = 'en', names: Names = {}): Record<string, unknown> {
  const say = (code: string, params: WordParams | undefined, english: string) =>
    lang === 'en' ? english : word(code, params, lang, names);
  return {
    type: error.type,
    title: titles[error.status] ?? 'Error',
    status: error.status,
    code: error.code,
    params: error.params,
    detail: say(error.code, error.params, error.detail),
    ...(error.errors
      ? { errors: error.errors.map((e) => ({ ...e, detail: say(e.code, e.params, e.detail) })) }
      : {}),
    ...error.extensions,
  };
}

/** A refusal's code and figures, as the policy verdicts and the routes hand them on. */
type Refusal = ProblemCode | { code: ProblemCode; params?: WordParams };
const codeOf = (refusal: Refusal) => (typeof refusal === 'string' ? refusal : refusal.code);
const paramsOf = (refusal: Refusal, params?: WordParams) =>
  typeof refusal === 'string' ? params : (refusal.params ?? params);

export const unauthorized = (refusal: Refusal, params?: WordParams, options?: ProblemOptions) =>
  new HttpError(401, 'unauthorized', codeOf(refusal), paramsOf(refusal, params), undefined, options);
export const forbidden = (refusal: Refusal, params?: WordParams) =>
  new HttpError(403, 'forbidden', codeOf(refusal), paramsOf(refusal, params));
export const notFound = (code: ProblemCode, params?: WordParams) =>
  new HttpError(404, 'not-found', code, params);
export const malformed = (code: ProblemCode, params?: WordParams, errors?: FieldError[]) =>
  new HttpError(400, 'malformed-request', code, params, errors);
export const validationFailed = (code: ProblemCode, params: WordParams, errors: FieldError[]) =>
  new HttpError(422, 'validation-failed', code, params, errors);
export const tooManyRequests = (code: ProblemCode, params?: WordParams) =>
  new HttpError(429, 'too-many-requests', code, params);

import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import {
  ContentInvalidError,
  DomainError,
  fieldError,
  MaterialsMissingError,
  NotInCatalogError,
  LicenceInvalidError,
  langOf,
  VersionConflictError,
  type DomainErrorType,
  type Names,
} from '../errors/index.ts';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../db/index.ts';
import { departments } from '../../db/seeds/departments.ts';
import { HttpError, notFound, problemBody } from './problem.ts';

// In Chinese a department is named, not coded; the other identifiers (event types, statuses) stay codes.
const DEPARTMENT_NAMES = new Map(departments.map((d) => [d.code, d.name_zh]));
const ZH_NAMES: Names = { dept: (code) => DEPARTMENT_NAMES.get(code) ?? code };

/** The one table of statuses for the refusals the layers below raise; the slug is the problem's `type`. */
const STATUS_OF: Record<DomainErrorType, number> = {
  'event-not-allowed': 409,
  'version-conflict': 409,
  'validation-failed': 422,
  'not-found': 404,
  'unknown-workflow': 422,
  'materials-missing': 422,
  'not-in-catalog': 422,
  'licence-invalid': 422,
  forbidden: 403,
  unauthorized: 401,
};

/** A domain refusal as the caller sees it. */
function domainProblem(error: DomainError): HttpError {
  // A lost race is the one refusal the caller cures by retrying: its sentence says how.
  const detail = error instanceof VersionConflictError ? undefined : error.message;
  const errors =
    error instanceof ContentInvalidError || error instanceof LicenceInvalidError
      ? error.errors
      : error instanceof NotInCatalogError
        ? [fieldError(error.pointer, 'material-not-in-catalog')]
        : undefined;
  // The codes to hand in, as data a client can act on (docs/api.md, Materials).
  const extensions = error instanceof MaterialsMissingError ? { missing: [...error.missing] } : undefined;
  return new HttpError(STATUS_OF[error.type], error.type, error.code, error.params, errors, {
    detail,
    extensions,
  });
}

/** Turns what the layers below throw into the HttpError the caller should see. */
export function toHttpError(error: unknown): HttpError | null {
  if (error instanceof HttpError) return error;
  if (error instanceof DomainError) return domainProblem(error);
  // body-parser errors carry a `type` and a status of their own.
  const parserType = (error as { type?: string })?.type;
  if (parserType === 'entity.parse.failed') {
    return new HttpError(400, 'malformed-request', 'not-json');
  }
  if (parserType === 'entity.too.large') {
    const limit = (error as { limit?: number }).limit;
    return new HttpError(413, 'payload-too-large', 'body-too-large', limit === undefined ? {} : { limit });
  }
  if (parserType === 'encoding.unsupported' || parserType === 'charset.unsupported') {
    return new HttpError(415, 'unsupported-media-type', 'not-utf8');
  }
  if (parserType === 'request.aborted') return new HttpError(400, 'malformed-request', 'body-cut-off');
  // The router marks a path segment it cannot percent-decode (`%E0%A4%A`) as a 400 URIError.
  if (error instanceof URIError && (error as { status?: number }).status === 400) {
    return new HttpError(400, 'malformed-request', 'bad-path-escape');
  }
  // The body parser's other 400s: a body that does not decompress as its Content-Encoding says.
  if (
    (error as { status?: number; expose?: boolean })?.status === 400 &&
    (error as { expose?: boolean }).expose
  ) {
    return new HttpError(400, 'malformed-request', 'bad-content-encoding');
  }
  if (isDatabaseUnavailable(error)) {
    return new HttpError(503, 'database-unavailable', 'database-unavailable');
  }
  return null;
}

/** The one error middleware: every error becomes problem+json; anything unexpected is a logged 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const known = toHttpError(error);
    const problem = known ?? new HttpError(500, 'internal-error', 'internal-error');
    if (!known) logger.error({ err: error, method: req.method, url: req.originalUrl }, 'unhandled error');
    else if (problem.status === 503)
      logger.warn({ err: error, url: req.originalUrl }, 'database unavailable');
    // RFC 9110 §15.5.2: a 401 must carry a challenge saying how to authenticate.
    if (problem.status === 401) res.set('WWW-Authenticate', 'Bearer realm="zerotrip"');
    if (problem.status === 503) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    // `detail` in the caller's language (Accept-Language: zh-CN), English by default; the code is the same.
    const lang = langOf(req.get('accept-language'));
    res
      .status(problem.status)
      .type('application/problem+json')
      .vary('Accept-Language')
      .send(JSON.stringify(problemBody(problem, lang, lang === 'en' ? {} : ZH_NAMES)));
  };
}

/** 404 for routes that do not exist. */
export const unknownRoute: RequestHandler = (req, _res, next) => {
  next(notFound('no-route', { method: req.method, path: req.path }));
};

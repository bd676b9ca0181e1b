import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import {
  ContentInvalidError,
  DomainError,
  MaterialsMissingError,
  NotInCatalogError,
  VersionConflictError,
  type DomainErrorType,
} from '../errors/index.ts';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../db/index.ts';
import { HttpError, notFound, problemBody } from './problem.ts';

/** The one table of statuses for the refusals the layers below raise; the slug is the problem's `type`. */
const STATUS_OF: Record<DomainErrorType, number> = {
  'event-not-allowed': 409,
  'version-conflict': 409,
  'validation-failed': 422,
  'not-found': 404,
  'unknown-workflow': 422,
  'materials-missing': 422,
  'not-in-catalog': 422,
  unauthorized: 401,
};

/** A domain refusal as the caller sees it. */
function domainProblem(error: DomainError): HttpError {
  // A lost race is the one refusal the caller cures by retrying: the detail says how.
  const detail =
    error instanceof VersionConflictError ? `${error.message}; reload the case and try again` : error.message;
  const errors =
    error instanceof ContentInvalidError
      ? error.errors
      : error instanceof NotInCatalogError
        ? [{ pointer: error.pointer, detail: 'is not in the material catalog this case follows' }]
        : undefined;
  // The codes to hand in, as data a client can act on (docs/api.md, Materials).
  const extensions = error instanceof MaterialsMissingError ? { missing: [...error.missing] } : undefined;
  return new HttpError(STATUS_OF[error.type], error.type, detail, errors, { extensions });
}

/** Turns what the layers below throw into the HttpError the caller should see. */
export function toHttpError(error: unknown): HttpError | null {
  if (error instanceof HttpError) return error;
  if (error instanceof DomainError) return domainProblem(error);
  // body-parser errors carry a `type` and a status of their own.
  const parserType = (error as { type?: string })?.type;
  if (parserType === 'entity.parse.failed') {
    return new HttpError(400, 'malformed-request', 'the body is not valid JSON; send one JSON object');
  }
  if (parserType === 'entity.too.large') {
    const limit = (error as { limit?: number }).limit;
    return new HttpError(
      413,
      'payload-too-large',
      `the body is larger than the ${limit ?? 'allowed'} bytes this route takes`,
    );
  }
  if (parserType === 'encoding.unsupported' || parserType === 'charset.unsupported') {
    return new HttpError(415, 'unsupported-media-type', 'send the body as UTF-8 JSON');
  }
  if (parserType === 'request.aborted')
    return new HttpError(400, 'malformed-request', 'the request body was cut off');
  // The router marks a path segment it cannot percent-decode (`%E0%A4%A`) as a 400 URIError.
  if (error instanceof URIError && (error as { status?: number }).status === 400) {
    return new HttpError(
      400,
      'malformed-request',
      'the path has a broken percent-escape; encode it as UTF-8',
    );
  }
  // The body parser's other 400s: a body that does not decompress as its Content-Encoding says.
  if (
    (error as { status?: number; expose?: boolean })?.status === 400 &&
    (error as { expose?: boolean }).expose
  ) {
    return new HttpError(
      400,
      'malformed-request',
      'the body could not be read as its Content-Encoding says; send it uncompressed, or compressed as labelled',
    );
  }
  if (isDatabaseUnavailable(error)) {
    return new HttpError(
      503,
      'database-unavailable',
      'the database is not available right now; try again shortly',
    );
  }
  return null;
}

/** The one error middleware: every error becomes problem+json; anything unexpected is a logged 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const known = toHttpError(error);
    const problem =
      known ?? new HttpError(500, 'internal-error', 'an unexpected error occurred; it has been logged');
    if (!known) logger.error({ err: error, method: req.method, url: req.originalUrl }, 'unhandled error');
    else if (problem.status === 503)
      logger.warn({ err: error, url: req.originalUrl }, 'database unavailable');
    // RFC 9110 §15.5.2: a 401 must carry a challenge saying how to authenticate.
    if (problem.status === 401) res.set('WWW-Authenticate', 'Bearer realm="zerotrip"');
    if (problem.status === 503) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    res
      .status(problem.status)
      .type('application/problem+json')
      .send(JSON.stringify(problemBody(problem)));
  };
}

/** 404 for routes that do not exist. */
export const unknownRoute: RequestHandler = (req, _res, next) => {
  next(notFound(`no route ${req.method} ${req.path}`));
};

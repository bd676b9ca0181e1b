import express, { type Request, type RequestHandler, type Response } from 'express';
import type { Principal } from '../auth/principal.ts';
import { implausibleTime, isIsoDate, isoToDay, startOfDay } from '../calendar/index.ts';
import type { Actor } from '../engine/records.ts';
import { fieldError, type FieldError } from '../errors/index.ts';
import {
  compileSchema,
  hazardParams,
  jsonHazard,
  loadSchema,
  textHazard,
  type Validator,
} from '../validation/index.ts';
import { HttpError, malformed } from './problem.ts';

/** JSON bodies up to 1 MiB (docs/api.md); larger ones are 413. Parsed where the route wants it, after 401 and 404. */
export const jsonBody = (limit: string | number = '1mb'): RequestHandler[] => [
  express.json({ limit, type: ['application/json', 'application/*+json'] }),
  (req, _res, next) => {
    if (
      req.body === undefined ||
      req.body === null ||
      typeof req.body !== 'object' ||
      Array.isArray(req.body)
    ) {
      next(malformed('json-object-required'));
    } else next();
  },
  refuseJsonHazards,
];

/**
 * After a JSON body is parsed, before any route reads it: nesting deeper than 32 levels, or text that cannot
 * be stored and hashed as sent (a lone surrogate, a NUL), is 400 with the pointer, once for every route.
 */
export const refuseJsonHazards: RequestHandler = (req, _res, next) => {
  const hazard = req.body !== null && typeof req.body === 'object' ? jsonHazard(req.body) : null;
  if (hazard) next(malformed('json-hazard', hazardParams(hazard, 'the body'), [hazard]));
  else next();
};

const validators = new Map<string, Validator<unknown>>();

/** Checks a body against a schema in schemas/; a body of the wrong shape is 400 with the fields to fix. */
export function parseBody<T>(schemaName: string, body: unknown): T {
  let validate = validators.get(schemaName);
  if (!validate) {
    validate = compileSchema(loadSchema(schemaName));
    validators.set(schemaName, validate);
  }
  const result = validate(body);
  if (!result.ok) throw malformed('body-shape', { schema: schemaName }, result.errors);
  return result.value as T;
}

/** The authenticated caller, set by the authentication middleware. */
export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw new HttpError(401, 'unauthorized', 'not-authenticated');
  return principal;
}

/** A route parameter as a string (Express 5 types them loosely). */
export function param(req: Request, name: string): string {
  return String(req.params[name]);
}

const SERIAL = /^[1-9][0-9]{0,9}$/;
const MAX_SERIAL = 2_147_483_647;

/** A whole-number id (a fee's, a task's), or null: within PostgreSQL's integer, so a lookup never fails there. */
export function serialId(raw: string): number | null {
  return SERIAL.test(raw) && Number(raw) <= MAX_SERIAL ? Number(raw) : null;
}

/** `?limit=`: default 50, at most 500. */
export function pageLimit(req: Request): number {
  const raw = req.query.limit;
  if (raw === undefined) return 50;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw malformed('page-limit', {}, [fieldError('/query/limit', 'limit-range')]);
  }
  return limit;
}

/** A single-valued query parameter, or undefined; repeated parameters are refused. */
export function queryString(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw malformed('query-repeated', { name });
  const hazard = textHazard(value);
  if (hazard) throw queryInvalid(name, fieldError(`/query/${name}`, hazard));
  return value;
}

/** The caller as the audit log records it. */
export function actorOf(principal: Principal): Actor {
  return {
    sub: principal.sub,
    role: principal.role,
    org: principal.org,
    ...(principal.name ? { name: principal.name } : {}),
  };
}

/**
 * A `YYYY-MM-DD` query parameter as the UTC instant its Asia/Shanghai day begins (no calendar needed): a real
 * date from 2000-01-01 to ten years after `now`.
 */
export function dayStartQuery(req: Request, name: string, now: Date): string | undefined {
  const value = queryString(req, name);
  if (value === undefined) return undefined;
  const problem = isIsoDate(value) ? implausibleTime(value, now) : { code: 'not-a-real-date' as const };
  if (problem) throw queryInvalid(name, fieldError(`/query/${name}`, problem.code, problem.params));
  return startOfDay(isoToDay(value)).toISOString();
}

/** 400 for a query parameter the finding refuses: `{name} {finding}` in English. */
function queryInvalid(name: string, finding: FieldError): HttpError {
  return malformed('query-invalid', { name, finding: finding.detail }, [finding]);
}

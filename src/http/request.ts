import express, { type Request, type RequestHandler, type Response } from 'express';
import type { Principal } from '../auth/principal.ts';
import type { Actor } from '../engine/records.ts';
import { compileSchema, loadSchema, type Validator } from '../validation/index.ts';
import { HttpError, malformed } from './problem.ts';

/** JSON bodies up to 1 MiB (API.md); larger ones are 413. Parsed where the route wants it, after 401 and 404. */
export const jsonBody = (limit: string | number = '1mb'): RequestHandler[] => [
  express.json({ limit, type: ['application/json', 'application/*+json'] }),
  (req, _res, next) => {
    if (
      req.body === undefined ||
      req.body === null ||
      typeof req.body !== 'object' ||
      Array.isArray(req.body)
    ) {
      next(malformed('send a JSON object with Content-Type: application/json'));
    } else next();
  },
];

const validators = new Map<string, Validator<unknown>>();

/** Checks a body against a schema in schemas/; a body of the wrong shape is 400 with the fields to fix. */
export function parseBody<T>(schemaName: string, body: unknown): T {
  let validate = validators.get(schemaName);
  if (!validate) {
    validate = compileSchema(loadSchema(schemaName));
    validators.set(schemaName, validate);
  }
  const result = validate(body);
  if (!result.ok) throw malformed(`the body does not have the shape of ${schemaName}`, result.errors);
  return result.value as T;
}

/** The authenticated caller, set by the authentication middleware. */
export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw new HttpError(401, 'unauthorized', 'no authenticated caller');
  return principal;
}

/** A route parameter as a string (Express 5 types them loosely). */
export function param(req: Request, name: string): string {
  return String(req.params[name]);
}

/** `?limit=`: default 50, at most 500. */
export function pageLimit(req: Request): number {
  const raw = req.query.limit;
  if (raw === undefined) return 50;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw malformed('limit must be a whole number from 1 to 500', [
      { pointer: '/query/limit', detail: 'must be 1–500' },
    ]);
  }
  return limit;
}

/** A single-valued query parameter, or undefined; repeated parameters are refused. */
export function queryString(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw malformed(`give ${name} once, as plain text`);
  return value;
}

/** The caller as the audit log records it. */
export function actorOf(principal: Principal): Actor {
  return { sub: principal.sub, role: principal.role, org: principal.org };
}

/** A `YYYY-MM-DD` query parameter as the UTC instant its Asia/Shanghai day begins (no calendar needed). */
export function dayStartQuery(req: Request, name: string): string | undefined {
  const value = queryString(req, name);
  if (value === undefined) return undefined;
  const instant = Date.parse(`${value}T00:00:00+08:00`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(instant)) {
    throw malformed(`${name} must be a date like 2026-03-01`, [
      { pointer: `/query/${name}`, detail: 'YYYY-MM-DD' },
    ]);
  }
  return new Date(instant).toISOString();
}

import express, { type RequestHandler, type Router } from 'express';
import { langOf } from '../errors/index.ts';
import { importNdjson, lineInLanguage, type LineResult } from '../import/index.ts';
import type { HttpContext } from '../http/context.ts';
import type { SendAnswer } from '../http/idempotency.ts';
import { forbidden, HttpError } from '../http/problem.ts';
import { principalOf } from '../http/request.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { REPLAYABLE } from '../openapi/route-table.ts';

const NDJSON = 'application/x-ndjson';

/** Only administrators import, and they are told before a large body is read. */
const adminOnly: RequestHandler = (_req, res, next) => {
  if (principalOf(res).role !== 'admin') throw forbidden('import-admin-only');
  next();
};

/** 415 before the body is read: another type would leave the body unparsed and answer with nothing. */
const ndjsonOnly: RequestHandler = (req, _res, next) => {
  if (!req.is(NDJSON)) {
    throw new HttpError(415, 'unsupported-media-type', 'ndjson-required', { type: NDJSON });
  }
  next();
};

/** One result object per line, in input order; a refusal worded in the caller's language (Accept-Language). */
const sendNdjson: SendAnswer = (res, answer) => {
  const lang = langOf(res.req.get('accept-language'));
  const lines = (answer.body as LineResult[]).map((line) => lineInLanguage(line, lang));
  res
    .status(answer.status)
    .type(NDJSON)
    .send(lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
};

const importApplications = defineRoute<HttpContext>({
  method: 'post',
  path: '/api/v1/admin/import',
  operationId: 'importApplications',
  summary: 'Import past applications',
  description:
    'Admin. One historical application per line (NDJSON, up to 64 MiB), each an `import-line`; each line is replayed through its workflow with the given times, so only valid histories enter. A bad line changes nothing and does not stop the others.',
  tag: 'Administration',
  access: 'bearer',
  idempotent: true,
  body: {
    schema: 'import-line',
    validation: 'schema',
    mediaTypes: ['application/x-ndjson'],
    description: 'One JSON object per line, each of this schema.',
  },
  responses: {
    200: {
      description: 'One result per input line, in input order (NDJSON).',
      content: [{ mediaType: 'application/x-ndjson', schema: 'import-result' }],
      headers: REPLAYABLE,
    },
  },
  problems: [403, 415],
  before: () => [
    adminOnly,
    ndjsonOnly,
    // This route alone takes up to 64 MiB (docs/api.md); a larger body is 413 from the parser.
    express.text({ type: NDJSON, limit: '64mb' }),
  ],
  handler: (ctx) => async (req, res) => {
    const text = typeof req.body === 'string' ? req.body : '';
    // The import commits one transaction per line: its key is completed after the last one, and the
    // reservation is renewed while it runs, so a retry meanwhile is 409 and not a second import.
    await ctx.idempotency.respond(req, res, {
      work: async () => {
        const results = await importNdjson({ db: ctx.db, engine: ctx.engine, logger: ctx.logger }, text);
        const refused = results.filter((r) => !r.ok).length;
        ctx.logger.info({ lines: results.length, refused }, 'import of past cases');
        return { status: 200, body: results };
      },
      send: sendNdjson,
    });
  },
});

/** Administration: `POST /import` replays past cases (docs/api.md, "Administration"). */
export const IMPORT_ROUTES: readonly RouteDefinition<HttpContext>[] = [importApplications];

/** The import router, mounted at `/api/v1/admin` behind authentication. */
export function adminImportRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, IMPORT_ROUTES, { prefix: '/api/v1/admin' });
}

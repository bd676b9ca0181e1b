import type { Router } from 'express';
import type { HttpContext } from '../http/context.ts';
import { forbidden, malformed } from '../http/problem.ts';
import { pageLimit, principalOf, queryString, serialId } from '../http/request.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { itemsOf, json } from '../openapi/route-table.ts';
import { fieldError } from '../errors/index.ts';
import { exportLine, tableCsv } from './export-format.ts';
import { EXCHANGE_SETTLE_MS } from './settle.ts';
import { SPGL_TABLES, type SpglTable } from './spgl-records.ts';
import { recordsAfter, rejectedRecords } from './store.ts';

const exportSpgl = defineRoute<HttpContext>({
  method: 'get',
  path: '/api/v1/exchange/spgl',
  operationId: 'exportSpgl',
  summary: 'The national exchange records, incrementally',
  description:
    "Auditor, admin. The records of the national data exchange standard (docs/exchange.md) written after the cursor `since`, oldest first: NDJSON, one record per line as `{cursor, table, record}`; resume with the last line's `cursor`. Records younger than `EXCHANGE_SETTLE_MS` (5 s) wait for the next call, so that a record committed late never hides behind a cursor already passed. With `table` only that table; with `Accept: text/csv` (and `table`) CSV with the standard's field names as the header.",
  tag: 'Exchange',
  access: 'bearer',
  query: [
    {
      name: 'since',
      description: 'The cursor of the last record already read (0: from the start).',
      schema: { type: 'string' },
    },
    { name: 'table', description: 'Only this table.', schema: { enum: [...SPGL_TABLES] } },
    {
      name: 'limit',
      description: 'Records at most (1–500, 50 unless told).',
      schema: { type: 'integer', minimum: 1, maximum: 500 },
    },
  ],
  responses: {
    200: {
      description: 'The records.',
      content: [
        { mediaType: 'application/x-ndjson', schema: 'exchange-line' },
        {
          mediaType: 'text/csv',
          schema: {
            type: 'string',
            description: "A header line of the table's field names, then one line per record.",
          },
        },
      ],
    },
  },
  problems: [400, 403],
  handler: (ctx) => async (req, res) => {
    const since = queryString(req, 'since') ?? '0';
    const after = since === '0' ? 0 : serialId(since);
    if (after === null)
      throw malformed('exchange-cursor', { since }, [fieldError('/query/since', 'unknown-cursor')]);
    const table = queryString(req, 'table') as SpglTable | undefined;
    if (table !== undefined && !SPGL_TABLES.includes(table)) {
      throw malformed('query-value', { name: 'table', allowed: SPGL_TABLES }, [
        fieldError('/query/table', 'not-one-of', { allowed: SPGL_TABLES }),
      ]);
    }
    const limit = pageLimit(req);
    const csv = req.accepts(['application/x-ndjson', 'text/csv']) === 'text/csv';
    if (csv && table === undefined)
      throw malformed('exchange-csv-table', {}, [fieldError('/query/table', 'required')]);
    const { role } = principalOf(res);
    if (role !== 'auditor' && role !== 'admin') throw forbidden('exchange-role');
    const settledBefore = new Date(ctx.clock.now().getTime() - EXCHANGE_SETTLE_MS).toISOString();
    const records = await recordsAfter(ctx.db, { after, settledBefore, limit, ...(table ? { table } : {}) });
    if (csv) {
      res.type('text/csv').attachment(`${table}.csv`).send(tableCsv(records));
      return;
    }
    res.type('application/x-ndjson').send(records.map((r) => JSON.stringify(exportLine(r)) + '\n').join(''));
  },
});

const listRejected = defineRoute<HttpContext>({
  method: 'get',
  path: '/api/v1/admin/exchange/rejected',
  operationId: 'listRejectedExchangeRecords',
  summary: 'Exchange records the provincial platform refused',
  description:
    'Admin. The records the platform answered as refused, oldest first, each with the reason it gave; the rest of their batch counted as received.',
  tag: 'Administration',
  access: 'bearer',
  responses: { 200: { description: 'The refused records.', content: json(itemsOf('exchange-record')) } },
  problems: [400, 403],
  handler: (ctx) => async (req, res) => {
    const limit = pageLimit(req);
    if (principalOf(res).role !== 'admin') throw forbidden('exchange-admin-only');
    const items = await rejectedRecords(ctx.db, limit);
    res.json({
      items: items.map((r) => ({
        cursor: String(r.id),
        table: r.table,
        application: r.applicationId,
        record: r.fields,
        rejectedAt: r.rejected!.at,
        reason: r.rejected!.reason,
      })),
    });
  },
});

/** The export, for auditors and administrators. */
export const EXCHANGE_ROUTES: readonly RouteDefinition<HttpContext>[] = [exportSpgl];

/** The records the platform refused, for administrators. */
export const EXCHANGE_ADMIN_ROUTES: readonly RouteDefinition<HttpContext>[] = [listRejected];

/** The export router, mounted at `/api/v1/exchange` behind authentication. */
export function exchangeRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, EXCHANGE_ROUTES, { prefix: '/api/v1/exchange' });
}

/** The refused records' router, mounted at `/api/v1/admin` behind authentication. */
export function adminExchangeRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, EXCHANGE_ADMIN_ROUTES, { prefix: '/api/v1/admin' });
}

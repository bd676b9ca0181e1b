import type { Response, Router } from 'express';
import { approvalTimes, approvalTimesCsv, backlog, type CsvLang, type GroupBy } from '../metrics/index.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, malformed } from '../http/problem.ts';
import { dayStartQuery, principalOf, queryString } from '../http/request.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { dateQuery, itemsOf, json } from '../openapi/route-table.ts';
import { fieldError } from '../errors/index.ts';

const GROUPS: readonly GroupBy[] = ['month', 'workflow', 'department', 'step'];
const CSV_LANGS: readonly CsvLang[] = ['zh-CN', 'en'];

/** The order of checks (docs/api.md): a malformed query (400) answers before the role check (403). */
function mayRead(res: Response): void {
  const { role } = principalOf(res);
  if (role !== 'auditor' && role !== 'admin') throw forbidden('metrics-role');
}

const getApprovalTimes = defineRoute<HttpContext>({
  method: 'get',
  path: '/api/v1/metrics/approval-times',
  operationId: 'getApprovalTimes',
  summary: 'Time-to-approval metrics',
  description:
    'Auditor, admin. With `groupBy=month|workflow` the rows are cases decided after acceptance with `concludedAt` in [from, to); with `groupBy=department|step` tasks closed in the period. `Accept: text/csv` returns the same rows as CSV with a header line: in Chinese with departments, steps and workflows by name (UTF-8 with a byte-order mark), or with `lang=en` in English with the JSON names and codes.',
  tag: 'Metrics',
  access: 'bearer',
  query: [
    { name: 'workflow', description: 'Only this workflow.', schema: { type: 'string' } },
    { name: 'department', description: 'Only this department.', schema: { type: 'string' } },
    dateQuery('from', 'From this date (Asia/Shanghai), inclusive.'),
    dateQuery('to', 'To this date (Asia/Shanghai), exclusive.'),
    {
      name: 'lang',
      description: 'The language of the CSV: Chinese headers and names (default) or English (`en`).',
      schema: { enum: ['zh-CN', 'en'], default: 'zh-CN' },
    },
    {
      name: 'groupBy',
      description: 'How rows are grouped (month by default).',
      schema: { enum: ['month', 'workflow', 'department', 'step'], default: 'month' },
    },
  ],
  responses: {
    200: {
      description: 'The rows, as JSON or (with `Accept: text/csv`) CSV.',
      content: [
        { mediaType: 'application/json', schema: itemsOf('approval-times-row') },
        {
          mediaType: 'text/csv',
          schema: {
            type: 'string',
            description:
              'A header line, then one line per row. With lang=en the header is group,concluded,meanWorkingDays,medianWorkingDays,p90WorkingDays,maxWorkingDays,onTimeRate,limitWorkingDays,overdueOpen; by default the same columns with Chinese headers (分组名,办结数,平均用时（工作日）,…) and groups by name.',
          },
        },
      ],
      headers: ['Content-Disposition'],
    },
  },
  problems: [400, 403],
  handler: (ctx) => async (req, res) => {
    const groupBy = (queryString(req, 'groupBy') ?? 'month') as GroupBy;
    if (!GROUPS.includes(groupBy)) {
      throw malformed('group-by', { allowed: GROUPS }, [
        fieldError('/query/groupBy', 'not-one-of', { allowed: GROUPS }),
      ]);
    }
    const lang = (queryString(req, 'lang') ?? 'zh-CN') as CsvLang;
    if (!CSV_LANGS.includes(lang)) {
      throw malformed('query-value', { name: 'lang', allowed: CSV_LANGS }, [
        fieldError('/query/lang', 'not-one-of', { allowed: CSV_LANGS }),
      ]);
    }
    const workflow = queryString(req, 'workflow');
    if (workflow !== undefined && !ctx.registry.has(workflow)) {
      throw malformed('no-such-workflow', { workflow }, [
        fieldError('/query/workflow', 'not-a-workflow', { workflow }),
      ]);
    }
    const query = {
      groupBy,
      workflow,
      department: queryString(req, 'department'),
      from: dayStartQuery(req, 'from', ctx.clock.now()),
      to: dayStartQuery(req, 'to', ctx.clock.now()),
    };
    mayRead(res);
    const rows = await approvalTimes(ctx.db, ctx.registry, query, ctx.clock.now());
    if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
      res
        .type('text/csv')
        .attachment(`approval-times-${groupBy}.csv`)
        .send(approvalTimesCsv(rows, groupBy, lang));
      return;
    }
    res.json({ items: rows });
  },
});

const getBacklog = defineRoute<HttpContext>({
  method: 'get',
  path: '/api/v1/metrics/backlog',
  operationId: 'getBacklog',
  summary: 'Backlog per department',
  description: 'Auditor, admin: open tasks and overdue tasks per department.',
  tag: 'Metrics',
  access: 'bearer',
  responses: { 200: { description: 'One row per department.', content: json(itemsOf('backlog-row')) } },
  problems: [403],
  handler: (ctx) => async (_req, res) => {
    mayRead(res);
    res.json({ items: await backlog(ctx.db, ctx.clock.now()) });
  },
});

/** Time-to-approval metrics for auditors and administrators, computed from the database at every request. */
export const METRICS_ROUTES: readonly RouteDefinition<HttpContext>[] = [getApprovalTimes, getBacklog];

/** The metrics router, mounted at `/api/v1/metrics` behind authentication. */
export function metricsRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, METRICS_ROUTES, { prefix: '/api/v1/metrics' });
}

import type { Request, Response, Router } from 'express';
import { dayToIso, isIsoDate, shanghaiDay } from '../calendar/index.ts';
import { biweeklyWatchList, monthlyBulletin, weeklyDispatch, type ReportDeps } from '../metrics/index.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, malformed } from '../http/problem.ts';
import { principalOf, queryString } from '../http/request.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { dateQuery, json } from '../openapi/route-table.ts';
import { fieldError } from '../errors/index.ts';

// Counting working days walks the calendar year by year: a date centuries away would cost that many years.
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

/** `at`, once the caller may read reports: a malformed query (400) before the role (403), docs/api.md. */
function reportDay(ctx: HttpContext, req: Request, res: Response): string {
  const at = reportDate(req, ctx.clock.now());
  const { role } = principalOf(res);
  if (role !== 'auditor' && role !== 'admin') throw forbidden('reports-role');
  return at;
}

const depsOf = (ctx: HttpContext): ReportDeps => ({
  db: ctx.db,
  calendar: ctx.calendar,
  registry: ctx.registry,
});

/** Each report: its path, operation, summary, and how it is made for a day. */
const REPORTS = [
  [
    'weekly',
    'getWeeklyReport',
    'Weekly dispatch (一周一调度): every case in progress',
    (ctx: HttpContext, at: string) => weeklyDispatch(depsOf(ctx), at),
  ],
  [
    'biweekly',
    'getBiweeklyReport',
    'Biweekly watch list (半月一督查): late and at-risk tasks',
    (ctx: HttpContext, at: string) => biweeklyWatchList(depsOf(ctx), at),
  ],
  [
    'monthly',
    'getMonthlyReport',
    'Monthly bulletin (一月一通报) by department and workflow',
    (ctx: HttpContext, at: string) => monthlyBulletin(depsOf(ctx), at, ctx.clock.now()),
  ],
] as const;

/** The supervision rhythm for auditors and administrators: weekly dispatch, biweekly watch list, monthly bulletin. */
export const REPORT_ROUTES: readonly RouteDefinition<HttpContext>[] = REPORTS.map(
  ([report, operationId, summary, make]) =>
    defineRoute<HttpContext>({
      method: 'get',
      path: `/api/v1/reports/${report}`,
      operationId,
      summary,
      description: 'Auditor, admin.',
      tag: 'Reports',
      access: 'bearer',
      query: [
        dateQuery('at', 'The day the report is made for (today in Asia/Shanghai when absent), 2000–2099.'),
      ],
      responses: { 200: { description: `The ${report} report.`, content: json(`${report}-report`) } },
      problems: [400, 403],
      handler: (ctx) => async (req, res) => {
        res.json(await make(ctx, reportDay(ctx, req, res)));
      },
    }),
);

/** The reports router, mounted at `/api/v1/reports` behind authentication. */
export function reportsRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, REPORT_ROUTES, { prefix: '/api/v1/reports' });
}

/** `?at=YYYY-MM-DD`, a real date; today in Asia/Shanghai when absent. */
function reportDate(req: Request, now: Date): string {
  const at = queryString(req, 'at');
  if (at === undefined) return dayToIso(shanghaiDay(now));
  const year = Number(at.slice(0, 4));
  if (!isIsoDate(at) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw malformed('report-date', { first: FIRST_YEAR, last: LAST_YEAR }, [
      fieldError('/query/at', 'not-a-real-date'),
    ]);
  }
  return at;
}

import type { RequestHandler, Router } from 'express';
import { storeCalendarYear, WorkingCalendar, type HolidayEntry } from '../calendar/index.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, malformed, notFound, validationFailed } from '../http/problem.ts';
import { jsonBody, param, principalOf } from '../http/request.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { json } from '../openapi/route-table.ts';
import { fieldError } from '../errors/index.ts';

const YEAR = '/api/v1/calendar/{year}';

/** The year of `/{year}`: four digits, or 400. */
function yearOf(raw: string): number {
  const year = Number(raw);
  if (!/^\d{4}$/.test(raw) || year < 1000) throw malformed('not-a-year', { raw });
  return year;
}

const getCalendarYear = defineRoute<HttpContext>({
  method: 'get',
  path: YEAR,
  operationId: 'getCalendarYear',
  summary: 'Read a year of the working calendar',
  description: 'Public. 404 while the year is unpublished (figures that need it are provisional).',
  tag: 'Calendar',
  access: 'public',
  responses: { 200: { description: 'The year.', content: json('calendar') } },
  problems: [400, 404],
  handler: (ctx) => async (req, res) => {
    const year = yearOf(param(req, 'year'));
    const row = await ctx.db.knex('calendar_years').where({ year }).first();
    if (!row) throw notFound('calendar-unpublished', { year });
    res.json({
      year,
      source: row.source,
      publishedAt: row.published_at,
      workingDays: ctx.calendar.workingDaysInYear(year),
      holidays: ctx.db.dialect.readJson(row.holidays),
    });
  },
});

const publishCalendarYear = defineRoute<HttpContext>({
  method: 'put',
  path: YEAR,
  operationId: 'publishCalendarYear',
  summary: 'Publish a year of the working calendar',
  description:
    'Admin. Answers once the year is stored; the stored figures that depend on it are recomputed in the background by the next scheduler round (every instance uses the new year from its next round).',
  tag: 'Calendar',
  access: 'bearer',
  body: { schema: 'calendar-year', validation: 'route' },
  responses: {
    200: {
      description: 'The year as stored; the recomputation of its figures is queued.',
      content: json({
        type: 'object',
        required: ['year', 'workingDays', 'recomputation'],
        properties: {
          year: { type: 'integer' },
          workingDays: { type: 'integer' },
          recomputation: { const: 'queued' },
        },
      }),
    },
  },
  problems: [403, 422],
  before: () => [...jsonBody()],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const year = yearOf(param(req, 'year'));
    const body = req.body as { holidays?: unknown; source?: unknown };
    if (!Array.isArray(body.holidays)) {
      throw malformed('calendar-body', {}, [fieldError('/holidays', 'wrong-type', { types: ['array'] })]);
    }
    if (principal.role !== 'admin') throw forbidden('calendar-admin-only');
    const problems = WorkingCalendar.validateYear(year, body.holidays);
    if (problems.length) {
      // The calendar's own checks say in English what is wrong with which date; the code says where.
      throw validationFailed(
        'calendar-invalid',
        { year },
        problems.map((detail) => ({ ...fieldError('/holidays', 'calendar-entry'), detail })),
      );
    }
    const holidays = body.holidays as HolidayEntry[];
    const source =
      typeof body.source === 'string' && body.source.trim()
        ? body.source.trim()
        : `published by ${principal.sub}`;
    const now = ctx.clock.now();
    await storeCalendarYear(ctx.db, year, holidays, source, now);
    ctx.calendar.publish(year, holidays);
    res.json({ year, workingDays: ctx.calendar.workingDaysInYear(year), recomputation: 'queued' });
  },
});

/**
 * The working calendar: anyone may read a year; administrators publish a new one each November (the State
 * Council's notice). Publishing answers once the year is stored: recomputing every stored figure that counts
 * days in that year can take a while on a large database, so the scheduler's next round does it
 * (`recomputePendingYears`), outside any request.
 */
export const CALENDAR_ROUTES: readonly RouteDefinition<HttpContext>[] = [
  getCalendarYear,
  publishCalendarYear,
];

/** The calendar router, mounted at `/api/v1/calendar`: reading is public, publishing authenticated. */
export function calendarRouter(ctx: HttpContext, authenticate: RequestHandler): Router {
  return mountRoutes(ctx, CALENDAR_ROUTES, { prefix: '/api/v1/calendar', authenticate });
}

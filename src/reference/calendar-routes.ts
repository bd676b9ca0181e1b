import { Router, type RequestHandler } from 'express';
import { storeCalendarYear, WorkingCalendar, type HolidayEntry } from '../calendar/index.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, malformed, notFound, validationFailed } from '../http/problem.ts';
import { jsonBody, param, principalOf } from '../http/request.ts';

/**
 * The working calendar: anyone may read a year; administrators publish a new one each November (the State
 * Council's notice). Publishing answers once the year is stored: recomputing every stored figure that counts
 * days in that year can take a while on a large database, so the scheduler's next round does it
 * (`recomputePendingYears`), outside any request.
 */
export function calendarRouter(ctx: HttpContext, authenticate: RequestHandler): Router {
  const router = Router();
  const yearOf = (raw: string) => {
    const year = Number(raw);
    if (!/^\d{4}$/.test(raw) || year < 1000) throw malformed(`${raw} is not a year like 2027`);
    return year;
  };

  router.get('/:year', async (req, res) => {
    const year = yearOf(param(req, 'year'));
    const row = await ctx.db.knex('calendar_years').where({ year }).first();
    if (!row)
      throw notFound(`the ${year} calendar has not been published; figures that need it are provisional`);
    res.json({
      year,
      source: row.source,
      publishedAt: row.published_at,
      workingDays: ctx.calendar.workingDaysInYear(year),
      holidays: ctx.db.dialect.readJson(row.holidays),
    });
  });

  router.put('/:year', authenticate, ...jsonBody(), async (req, res) => {
    const principal = principalOf(res);
    const year = yearOf(param(req, 'year'));
    const body = req.body as { holidays?: unknown; source?: unknown };
    if (!Array.isArray(body.holidays)) {
      throw malformed('send {holidays: [{name, daysOff: [dates], makeUpWorkdays: [dates]}]}', [
        { pointer: '/holidays', detail: 'must be an array' },
      ]);
    }
    if (principal.role !== 'admin') throw forbidden('only administrators publish the calendar');
    const problems = WorkingCalendar.validateYear(year, body.holidays);
    if (problems.length) {
      throw validationFailed(
        `the ${year} calendar is not valid`,
        problems.map((detail) => ({ pointer: '/holidays', detail })),
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
  });
  return router;
}

import { Router, type Request, type Response } from 'express';
import { dayToIso, isIsoDate, shanghaiDay } from '../calendar/index.ts';
import { biweeklyWatchList, monthlyBulletin, weeklyDispatch, type ReportDeps } from '../metrics/index.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, malformed } from '../http/problem.ts';
import { principalOf, queryString } from '../http/request.ts';

// Counting working days walks the calendar year by year: a date centuries away would cost that many years.
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

/** The supervision rhythm for auditors and administrators: weekly dispatch, biweekly watch list, monthly bulletin. */
export function reportsRouter(ctx: HttpContext): Router {
  const router = Router();
  const deps: ReportDeps = { db: ctx.db, calendar: ctx.calendar, registry: ctx.registry };

  /** `at`, once the caller may read reports. the order of checks (docs/api.md): a malformed query (400) before the role (403). */
  const reportDay = (req: Request, res: Response): string => {
    const at = reportDate(req, ctx.clock.now());
    const { role } = principalOf(res);
    if (role !== 'auditor' && role !== 'admin')
      throw forbidden('supervision reports are for auditors and administrators');
    return at;
  };

  router.get('/weekly', async (req, res) => {
    res.json(await weeklyDispatch(deps, reportDay(req, res)));
  });
  router.get('/biweekly', async (req, res) => {
    res.json(await biweeklyWatchList(deps, reportDay(req, res)));
  });
  router.get('/monthly', async (req, res) => {
    const at = reportDay(req, res);
    res.json(await monthlyBulletin(deps, at, ctx.clock.now()));
  });
  return router;
}

/** `?at=YYYY-MM-DD`, a real date; today in Asia/Shanghai when absent. */
function reportDate(req: Request, now: Date): string {
  const at = queryString(req, 'at');
  if (at === undefined) return dayToIso(shanghaiDay(now));
  const year = Number(at.slice(0, 4));
  if (!isIsoDate(at) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw malformed(`at must be a date from ${FIRST_YEAR} to ${LAST_YEAR} like 2026-03-02`, [
      { pointer: '/query/at', detail: 'YYYY-MM-DD' },
    ]);
  }
  return at;
}

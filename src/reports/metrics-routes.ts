import { Router, type Response } from 'express';
import { approvalTimes, backlog, toCsv, type GroupBy } from '../metrics/index.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, malformed } from '../http/problem.ts';
import { dayStartQuery, principalOf, queryString } from '../http/request.ts';

const GROUPS: readonly GroupBy[] = ['month', 'workflow', 'department', 'step'];
const COLUMNS = [
  'group',
  'concluded',
  'meanWorkingDays',
  'medianWorkingDays',
  'p90WorkingDays',
  'maxWorkingDays',
  'onTimeRate',
  'limitWorkingDays',
  'overdueOpen',
] as const;

/** Time-to-approval metrics for auditors and administrators, computed from the database at every request. */
export function metricsRouter(ctx: HttpContext): Router {
  const router = Router();
  // the order of checks (docs/api.md): a malformed query (400) answers before the role check (403).
  const mayRead = (res: Response) => {
    const { role } = principalOf(res);
    if (role !== 'auditor' && role !== 'admin')
      throw forbidden('metrics are for auditors and administrators');
  };

  router.get('/approval-times', async (req, res) => {
    const groupBy = (queryString(req, 'groupBy') ?? 'month') as GroupBy;
    if (!GROUPS.includes(groupBy)) {
      throw malformed(`groupBy must be one of: ${GROUPS.join(', ')}`, [
        { pointer: '/query/groupBy', detail: 'unknown' },
      ]);
    }
    const workflow = queryString(req, 'workflow');
    if (workflow !== undefined && !ctx.registry.has(workflow)) {
      throw malformed(`there is no workflow ${workflow}`, [
        { pointer: '/query/workflow', detail: 'unknown workflow' },
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
        .send(toCsv(COLUMNS, rows as never));
      return;
    }
    res.json({ items: rows });
  });

  router.get('/backlog', async (_req, res) => {
    mayRead(res);
    res.json({ items: await backlog(ctx.db, ctx.clock.now()) });
  });
  return router;
}

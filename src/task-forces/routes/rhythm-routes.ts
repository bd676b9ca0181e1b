import type { Request, Response } from 'express';
import { isIsoDate } from '../../calendar/index.ts';
import { fieldError } from '../../errors/index.ts';
import type { HttpContext } from '../../http/context.ts';
import { forbidden, HttpError, malformed } from '../../http/problem.ts';
import { principalOf, queryString } from '../../http/request.ts';
import { defineRoute, type RouteDefinition } from '../../openapi/define-route.ts';
import { dateQuery, json, ref } from '../../openapi/route-table.ts';
import { projectRights } from '../../auth/policy.ts';
import { battleMapRows } from '../battle-map.ts';
import { DispatchAlreadyHeldError, holdDispatch } from '../issues-store.ts';
import { dispatchEscalations } from '../issue-escalation.ts';
import { stageWorkflows } from '../project-delays.ts';
import { keyProjects, projectFacts } from '../project-facts.ts';
import { biweeklyProjectFindings, monthlyProjectBulletin, weeklyProjectAgenda } from '../rhythm.ts';
import { biweeklyFindingsPdf, monthlyBulletinPdf, weeklyAgendaPdf } from '../rhythm-pdf.ts';
import { supervisionRules, todayOf } from './project-access.ts';

const PDF = [{ mediaType: 'application/pdf', schema: { type: 'string', format: 'binary' } }];

const recordDispatch = defineRoute<HttpContext>({
  method: 'post',
  path: '/api/v1/dispatches',
  operationId: 'recordDispatch',
  summary: 'Record the weekly dispatch (周调度)',
  description: `Administrator. One a day (409 \`dispatch-already-held\`). Every issue still unresolved at its ${'`escalateAfterDispatches`'}-th dispatch since it was raised (2, db/seeds/project-supervision-rules.json) is escalated by this one, and the task force is told.`,
  tag: 'Task forces',
  access: 'bearer',
  body: { schema: 'dispatch', validation: 'parseBody' },
  responses: {
    201: {
      description: 'The dispatch and the issues it escalated.',
      content: json({
        type: 'object',
        required: ['dispatch', 'escalated'],
        properties: {
          dispatch: {
            type: 'object',
            required: ['id', 'heldOn', 'heldAt', 'heldBy'],
            properties: {
              id: { type: 'string' },
              heldOn: { type: 'string' },
              heldAt: { type: 'string' },
              heldBy: { type: 'string' },
            },
          },
          escalated: { type: 'array', items: ref('project-issue') },
        },
      }),
    },
  },
  problems: [400, 403, 409, 422],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    if (principal.role !== 'admin') throw forbidden('dispatch-admin-only');
    const day = (req.body as { heldOn?: string }).heldOn ?? todayOf(ctx);
    if (!isIsoDate(day))
      throw malformed('report-date', { first: 2000, last: 2099 }, [fieldError('/heldOn', 'not-a-real-date')]);
    const at = ctx.clock.now().toISOString();
    try {
      const held = await holdDispatch(
        ctx.db,
        { day, by: principal.sub, at, after: supervisionRules().issues.escalateAfterDispatches.value },
        (trx, result) => dispatchEscalations(ctx.db, trx, result, { webhook: ctx.webhook === true }),
      );
      res.status(201).json(held);
    } catch (error) {
      if (error instanceof DispatchAlreadyHeldError) {
        throw new HttpError(409, 'dispatch-already-held', 'dispatch-already-held', { day });
      }
      throw error;
    }
  },
});

const battleMap = defineRoute<HttpContext>({
  method: 'get',
  path: '/api/v1/battle-map',
  operationId: 'getBattleMap',
  summary: 'The battle map (挂图作战)',
  description:
    "Every key project the caller may read, one row each: milestones planned and actual, the light today, the stage. `member` keeps the projects of one task force member (user id, or the lead unit's department code); `stage` (1–4) those in that stage.",
  tag: 'Task forces',
  access: 'bearer',
  query: [
    {
      name: 'member',
      description: "A member's user id or a lead unit's department code.",
      schema: { type: 'string' },
    },
    {
      name: 'stage',
      description: 'The stage the project is in, 1–4.',
      schema: { type: 'string', enum: ['1', '2', '3', '4'] },
    },
  ],
  responses: {
    200: {
      description: 'The rows.',
      content: json({
        type: 'object',
        required: ['items'],
        properties: { items: { type: 'array', items: ref('battle-map-row') } },
      }),
    },
  },
  problems: [400],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const stage = queryString(req, 'stage');
    if (stage !== undefined && !['1', '2', '3', '4'].includes(stage)) {
      throw malformed('battle-map-filter', {}, [
        fieldError('/query/stage', 'not-one-of', { allowed: ['1', '2', '3', '4'] }),
      ]);
    }
    const member = queryString(req, 'member');
    const visible: string[] = [];
    for (const code of await keyProjects(ctx.db)) {
      if (projectRights(principal, await projectFacts(ctx.db, code)).read) visible.push(code);
    }
    const items = await battleMapRows(
      ctx.db,
      supervisionRules().lights,
      visible,
      todayOf(ctx),
      {
        ...(member ? { member } : {}),
        ...(stage ? { stage: Number(stage) } : {}),
      },
      stageWorkflows(ctx.registry),
    );
    res.json({ items });
  },
});

/** `?at=`, for auditors and administrators only. */
function reportDay(ctx: HttpContext, req: Request, res: Response): string {
  const at = queryString(req, 'at') ?? todayOf(ctx);
  if (!isIsoDate(at) || at < '2000-01-01' || at > '2099-12-31') {
    throw malformed('report-date', { first: 2000, last: 2099 }, [fieldError('/query/at', 'not-a-real-date')]);
  }
  const { role } = principalOf(res);
  if (role !== 'auditor' && role !== 'admin') throw forbidden('project-reports-role');
  return at;
}

const REPORTS = [
  ['weekly', 'Weekly dispatch agenda of the key projects', weeklyProjectAgenda, weeklyAgendaPdf],
  [
    'biweekly',
    'Biweekly supervision findings of the key projects',
    biweeklyProjectFindings,
    biweeklyFindingsPdf,
  ],
  ['monthly', 'Monthly bulletin of the key projects', monthlyProjectBulletin, monthlyBulletinPdf],
] as const;

const reportRoutes = REPORTS.flatMap(([report, summary, make, pdf]) => {
  const deps = (ctx: HttpContext) => ({
    db: ctx.db,
    calendar: ctx.calendar,
    rules: supervisionRules().lights,
    workflows: stageWorkflows(ctx.registry),
  });
  const base = `/api/v1/reports/${report}/projects`;
  const query = [dateQuery('at', 'The day the report is made for (today in Asia/Shanghai when absent).')];
  const name = report[0]!.toUpperCase() + report.slice(1);
  return [
    defineRoute<HttpContext>({
      method: 'get',
      path: base,
      operationId: `get${name}ProjectsReport`,
      summary,
      description: 'Auditor, admin.',
      tag: 'Reports',
      access: 'bearer',
      query,
      responses: { 200: { description: 'The report.', content: json(`projects-${report}-report`) } },
      problems: [400, 403],
      handler: (ctx) => async (req, res) => {
        res.json(await make(deps(ctx), reportDay(ctx, req, res)));
      },
    }),
    defineRoute<HttpContext>({
      method: 'get',
      path: `${base}/pdf`,
      operationId: `get${name}ProjectsReportPdf`,
      summary: `${summary}, as an A4 document in Chinese`,
      description: 'Auditor, admin. The same figures as the JSON, printed for the leadership.',
      tag: 'Reports',
      access: 'bearer',
      query,
      responses: { 200: { description: 'The document.', content: PDF } },
      problems: [400, 403],
      handler: (ctx) => async (req, res) => {
        const at = reportDay(ctx, req, res);
        const body = await (pdf as (r: unknown, now: Date) => Promise<Buffer>)(
          await make(deps(ctx), at),
          ctx.clock.now(),
        );
        res
          .set('Content-Type', 'application/pdf')
          .set('Content-Disposition', `inline; filename="${report}-projects-${at}.pdf"`)
          .send(body);
      },
    }),
  ];
});

/** The dispatch, the battle map and the key projects' reports. */
export const DISPATCH_ROUTES: readonly RouteDefinition<HttpContext>[] = [recordDispatch];
export const BATTLE_MAP_ROUTES: readonly RouteDefinition<HttpContext>[] = [battleMap];
export const PROJECT_REPORT_ROUTES: readonly RouteDefinition<HttpContext>[] = reportRoutes;

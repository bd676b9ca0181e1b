import { isIsoDate } from '../../calendar/index.ts';
import { fieldError } from '../../errors/index.ts';
import type { HttpContext } from '../../http/context.ts';
import { forbidden, HttpError, notFound, validationFailed } from '../../http/problem.ts';
import { param, principalOf } from '../../http/request.ts';
import { defineRoute, type RouteDefinition } from '../../openapi/define-route.ts';
import { json } from '../../openapi/route-table.ts';
import { isMilestone, STAGE_MILESTONES, type Milestone } from '../milestones.ts';
import { decideBaseline, enterActual, proposeBaseline, ProposalPendingError } from '../plan-store.ts';
import { stageWorkflows } from '../project-delays.ts';
import { projectPlanView } from '../project-plan-view.ts';
import { PROJECTS, projectFor, supervisionRules, todayOf } from './project-access.ts';

const PLAN = json('project-plan');

const planOf = async (ctx: HttpContext, code: string) =>
  projectPlanView(ctx.db, supervisionRules().lights, code, todayOf(ctx), stageWorkflows(ctx.registry));

const getPlan = defineRoute<HttpContext>({
  method: 'get',
  path: `${PROJECTS}/{code}/plan`,
  operationId: 'getProjectPlan',
  summary: "A key project's plan, light and delays",
  description:
    'Whoever may read the project. Every milestone with its planned date (baseline in force) and actual date (`source` `case` when an approval gave it), the light today with its reasons, the light history, every baseline version (old ones kept) and the split of delays.',
  tag: 'Task forces',
  access: 'bearer',
  responses: { 200: { description: 'The plan.', content: PLAN } },
  problems: [400, 404],
  handler: (ctx) => async (req, res) => {
    const { code } = await projectFor(ctx, req, res);
    res.json(await planOf(ctx, code));
  },
});

const proposeBaselineRoute = defineRoute<HttpContext>({
  method: 'post',
  path: `${PROJECTS}/{code}/plan/baselines`,
  operationId: 'proposeProjectBaseline',
  summary: 'Set or propose a baseline',
  description:
    "The lead unit's clerks or the resident officer. The first baseline takes force at once; a later one needs `reason` and waits for the responsible leader (one proposal at a time: 409 `baseline-proposal-pending`).",
  tag: 'Task forces',
  access: 'bearer',
  body: { schema: 'plan-baseline', validation: 'parseBody' },
  responses: { 201: { description: 'The plan with the new version.', content: PLAN } },
  problems: [400, 403, 404, 409, 422],
  handler: (ctx) => async (req, res) => {
    const { code, rights } = await projectFor(ctx, req, res);
    if (!rights.write) throw forbidden('project-write');
    const body = req.body as { planned: Partial<Record<Milestone, string>>; reason?: string };
    const bad = Object.entries(body.planned).filter(([, d]) => !isIsoDate(d!));
    const view = await planOf(ctx, code);
    const errors = bad.map(([m]) => fieldError(`/planned/${m}`, 'not-a-real-date'));
    if (view.version !== null && !body.reason) errors.push(fieldError('/reason', 'reason-required'));
    if (errors.length) throw validationFailed('baseline-invalid', {}, errors);
    try {
      await proposeBaseline(ctx.db, code, {
        planned: body.planned,
        reason: body.reason ?? null,
        by: principalOf(res).sub,
        at: ctx.clock.now().toISOString(),
      });
    } catch (error) {
      if (error instanceof ProposalPendingError) {
        throw new HttpError(409, 'proposal-pending', 'baseline-proposal-pending', { version: error.version });
      }
      throw error;
    }
    res.status(201).json(await planOf(ctx, code));
  },
});

const decideBaselineRoute = defineRoute<HttpContext>({
  method: 'post',
  path: `${PROJECTS}/{code}/plan/baselines/{version}/decision`,
  operationId: 'decideProjectBaseline',
  summary: 'Approve or reject a proposed baseline',
  description:
    'The responsible leader only. Approved, the proposal takes force and the baseline before it is kept as `superseded`; rejected, the one in force stays. A version that is not a pending proposal is 404.',
  tag: 'Task forces',
  access: 'bearer',
  body: { schema: 'baseline-decision', validation: 'parseBody' },
  responses: { 200: { description: 'The plan after the decision.', content: PLAN } },
  problems: [400, 403, 404],
  handler: (ctx) => async (req, res) => {
    const { code, rights } = await projectFor(ctx, req, res);
    if (!rights.decide) throw forbidden('project-leader-only');
    const raw = param(req, 'version');
    const version = /^[1-9][0-9]{0,5}$/.test(raw) ? Number(raw) : null;
    const body = req.body as { approve: boolean; comment?: string };
    const decided =
      version !== null &&
      (await decideBaseline(ctx.db, code, version, {
        approve: body.approve,
        comment: body.comment ?? null,
        by: principalOf(res).sub,
        at: ctx.clock.now().toISOString(),
      }));
    if (!decided) throw notFound('no-baseline-proposal', { version: raw });
    res.json(await planOf(ctx, code));
  },
});

const enterMilestone = defineRoute<HttpContext>({
  method: 'put',
  path: `${PROJECTS}/{code}/plan/milestones/{milestone}`,
  operationId: 'enterProjectMilestone',
  summary: "Enter a milestone's actual date",
  description:
    "The lead unit's clerks or the resident officer: signing, land supply, code assigned, works started, topped out, completion, production. A stage's result is never entered (422 `stage-milestone-automatic`): the approval of a case of that stage gives it. A date after today is 422.",
  tag: 'Task forces',
  access: 'bearer',
  body: { schema: 'milestone-actual', validation: 'parseBody' },
  responses: { 200: { description: 'The plan.', content: PLAN } },
  problems: [400, 403, 404, 422],
  handler: (ctx) => async (req, res) => {
    const { code, rights } = await projectFor(ctx, req, res);
    const milestone = param(req, 'milestone');
    if (!isMilestone(milestone)) throw notFound('no-milestone', { milestone });
    if (!rights.write) throw forbidden('project-write');
    const { actualOn } = req.body as { actualOn: string };
    const errors = [];
    if (STAGE_MILESTONES.includes(milestone))
      errors.push(fieldError('/actualOn', 'stage-milestone-automatic'));
    else if (!isIsoDate(actualOn)) errors.push(fieldError('/actualOn', 'not-a-real-date'));
    else if (actualOn > todayOf(ctx)) errors.push(fieldError('/actualOn', 'in-the-future'));
    if (errors.length) throw validationFailed('milestone-invalid', { milestone }, errors);
    await enterActual(ctx.db, code, milestone, {
      on: actualOn,
      by: principalOf(res).sub,
      at: ctx.clock.now().toISOString(),
    });
    res.json(await planOf(ctx, code));
  },
});

/** The plan routes. */
export const PLAN_ROUTES: readonly RouteDefinition<HttpContext>[] = [
  getPlan,
  proposeBaselineRoute,
  decideBaselineRoute,
  enterMilestone,
];

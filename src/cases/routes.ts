import type { Router } from 'express';
import { mayFile } from '../auth/policy.ts';
import { coversWorkflow } from '../delegations/scope.ts';
import { activeDelegationsHeldBy } from '../delegations/store.ts';
import type { ApplicationRecord } from '../engine/records.ts';
import { mergePatch } from '../engine/merge-patch.ts';
import { isApplicationWorkflow, type WorkflowDefinition } from '../engine/workflow.ts';
import type { HttpContext } from '../http/context.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { forbidden, malformed, validationFailed } from '../http/problem.ts';
import { actorOf, dayStartQuery, pageLimit, param, principalOf, queryString } from '../http/request.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { CREATED, dateQuery, json, pageOf } from '../openapi/route-table.ts';
import { draftLimitErrors } from '../validation/index.ts';
import { sendEventRoute } from './event-routes.ts';
import { historyRoute, verifyRoute } from './history-routes.ts';
import { CASE_SORTS, CASE_STATUSES, caseSortKey, listCases } from './queries.ts';
import { MAX_SEARCH_LENGTH } from './search.ts';
import { namesFor } from '../directory/index.ts';
import { enumQuery, searchQuery } from '../http/list-query.ts';
import { applicationSummary, applicationView, caseDueProvisional } from './view.ts';
import { accessOf, caseOf, loadVisibleCase, onBehalfOf, visibleCase } from './visible-case.ts';
import { fieldError } from '../errors/index.ts';

const APPLICATIONS = '/api/v1/applications';
const CASE = `${APPLICATIONS}/{id}`;

const createApplication = defineRoute<HttpContext>({
  method: 'post',
  path: APPLICATIONS,
  operationId: 'createApplication',
  summary: 'Create a draft application',
  description:
    'Applicant, or agent with an active delegation (then `applicant`, the USCC, is required). Creation checks the envelope only (known workflow, objects where objects belong); the form is validated at `SUBMIT`.',
  tag: 'Applications',
  access: 'bearer',
  idempotent: true,
  body: { schema: 'application-create', validation: 'parseBody' },
  responses: { 201: { description: 'The draft.', content: json('application'), headers: CREATED } },
  problems: [403],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const body = req.body as { workflow: string; applicant?: string; project: object; form?: object };
    // Read at the moment of the request: an agent files only under an agreement active now.
    const covering =
      principal.role === 'agent' && body.applicant
        ? (await activeDelegationsHeldBy(ctx.db, principal.sub, ctx.clock.now())).find(
            (d) => d.enterprise === body.applicant && coversWorkflow(d, body.workflow, ctx.registry),
          )
        : undefined;
    const verdict = mayFile(principal, body.applicant, covering);
    if (!verdict.ok) throw forbidden(verdict);
    const enterprise = principal.role === 'agent' ? body.applicant! : principal.org!;
    if (!ctx.registry.has(body.workflow) || !isApplicationWorkflow(ctx.registry.get(body.workflow))) {
      throw validationFailed('no-such-workflow', { workflow: body.workflow }, [
        fieldError('/workflow', 'not-one-of', { allowed: ctx.registry.latest().map((d) => d.id) }),
      ]);
    }
    refuseOverLimits(ctx.registry.get(body.workflow), { project: body.project, form: body.form ?? {} });
    const created = async (application: ApplicationRecord) => ({
      status: 201,
      location: `/api/v1/applications/${application.id}`,
      body: await applicationView(ctx, application, principal),
    });
    await ctx.idempotency.respond(req, res, {
      work: async (commit) => {
        const { application } = await ctx.engine.create(
          {
            workflow: body.workflow,
            applicant: enterprise,
            project: body.project as Record<string, unknown>,
            form: (body.form ?? {}) as Record<string, unknown>,
            actor: actorOf(principal),
            onBehalfOf: principal.role === 'agent' ? enterprise : null,
          },
          undefined,
          commit((result) => result.application.id),
        );
        return created(application);
      },
      replay: async (id: string) => created((await ctx.engine.load(id))!),
    });
  },
});

const listApplications = defineRoute<HttpContext>({
  method: 'get',
  path: APPLICATIONS,
  operationId: 'listApplications',
  summary: 'List applications',
  description:
    "Scoped to the caller: applicants see their enterprise's cases; agents the cases inside an active delegation they hold; clerks the cases with a task of their department (and a liaison its enterprises' cases); auditors and admins all. Newest first.",
  tag: 'Applications',
  access: 'bearer',
  paged: true,
  query: [
    { name: 'status', description: 'Only cases in this status.', schema: { enum: [...CASE_STATUSES] } },
    { name: 'workflow', description: 'Only cases of this workflow.', schema: { type: 'string' } },
    {
      name: 'department',
      description: 'Only cases with a task of this department.',
      schema: { type: 'string' },
    },
    {
      name: 'overdue',
      description: 'true: only cases past their deadline, or with a task past its own.',
      schema: { enum: ['true', 'false'] },
    },
    dateQuery('from', 'Submitted (created, for drafts) on or after this date.'),
    dateQuery('to', 'Submitted (created, for drafts) before this date (exclusive).'),
    {
      name: 'q',
      description:
        "Search: the project's name or the enterprise's name containing it; the project code, USCC or case number starting with it. Case-insensitive; only among the cases the caller may see.",
      schema: { type: 'string', maxLength: MAX_SEARCH_LENGTH },
    },
    dateQuery('dueFrom', 'Due on or after this date.'),
    dateQuery('dueTo', 'Due before this date (exclusive).'),
    {
      name: 'sort',
      description:
        'created (default): newest first; due: soonest deadline first, cases without a deadline last. A cursor continues the order it came from.',
      schema: { enum: [...CASE_SORTS], default: 'created' },
    },
  ],
  responses: { 200: { description: 'One page of cases.', content: json(pageOf('application-summary')) } },
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const limit = pageLimit(req);
    const cursor = decodeCursor(queryString(req, 'cursor'), 'uuid');
    const status = queryString(req, 'status');
    if (status !== undefined && !(CASE_STATUSES as readonly string[]).includes(status)) {
      throw malformed('case-status-filter', { allowed: CASE_STATUSES }, [
        fieldError('/query/status', 'not-one-of', { allowed: CASE_STATUSES }),
      ]);
    }
    const workflow = queryString(req, 'workflow');
    const department = queryString(req, 'department');
    const overdue = queryString(req, 'overdue');
    if (overdue !== undefined && overdue !== 'true' && overdue !== 'false') throw malformed('overdue-filter');
    const from = dayStartQuery(req, 'from', ctx.clock.now());
    const to = dayStartQuery(req, 'to', ctx.clock.now());
    const q = searchQuery(req, MAX_SEARCH_LENGTH);
    const dueFrom = dayStartQuery(req, 'dueFrom', ctx.clock.now());
    const dueTo = dayStartQuery(req, 'dueTo', ctx.clock.now());
    const sort = enumQuery(req, 'sort', CASE_SORTS) ?? 'created';

    const cases = await listCases({ db: ctx.db, registry: ctx.registry, now: ctx.clock.now() }, principal, {
      status,
      workflow,
      department,
      overdue: overdue === 'true',
      from,
      to,
      q,
      dueFrom,
      dueTo,
      sort,
      after: cursor,
      limit: limit + 1,
    });
    const page = cases.slice(0, limit);
    const names = await namesFor(ctx.db, { enterprises: page.map((app) => app.applicant) });
    // The list says a deadline is provisional as the case page does (issue 13: wherever the date appears).
    const items = page.map((app) => ({ ...applicationSummary(app, names), ...caseDueProvisional(app, ctx) }));
    const last = page[page.length - 1];
    res.json({
      items,
      nextCursor:
        cases.length > limit && last ? encodeCursor({ key: caseSortKey(last, sort), id: last.id }) : null,
    });
  },
});

const getApplication = defineRoute<HttpContext>({
  method: 'get',
  path: CASE,
  operationId: 'getApplication',
  summary: 'Read an application',
  description: '`allowedEvents` lists the event types this caller may send now.',
  tag: 'Applications',
  access: 'bearer',
  responses: { 200: { description: 'The case.', content: json('application') } },
  problems: [404],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const { app, access } = await loadVisibleCase(ctx, principal, param(req, 'id'));
    res.json(await applicationView(ctx, app, principal, access));
  },
});

const patchApplication = defineRoute<HttpContext>({
  method: 'patch',
  path: CASE,
  operationId: 'patchApplication',
  summary: 'Change a draft, or correct a case while supplementing',
  description:
    "A JSON merge patch (RFC 7396) of `project` and `form` while the case is a draft, or while it is supplementing (recorded as `CORRECT_FORM`; the result must meet the workflow's schemas, 422 otherwise); 409 at other times.",
  tag: 'Applications',
  access: 'bearer',
  body: {
    schema: 'application-patch',
    validation: 'parseBody',
    mediaTypes: ['application/merge-patch+json', 'application/json'],
  },
  responses: { 200: { description: 'The changed draft.', content: json('application') } },
  problems: [403, 404, 409, 422],
  before: (ctx) => [visibleCase(ctx)],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const patch = req.body as { project?: Record<string, unknown>; form?: Record<string, unknown> };
    if (principal.role !== 'applicant' && principal.role !== 'agent') {
      throw forbidden('draft-by-enterprise');
    }
    // The draft as it would be stored: patches each within the limits may add up to more.
    const current = caseOf(res);
    refuseOverLimits(ctx.registry.get(current.workflowId, current.workflowVersion), {
      project: mergePatch(current.project, patch.project ?? {}),
      form: mergePatch(current.form, patch.form ?? {}),
    });
    const app = await ctx.engine.patchDraft({
      applicationId: caseOf(res).id,
      patch,
      actor: actorOf(principal),
      onBehalfOf: onBehalfOf(principal, caseOf(res)),
    });
    res.json(await applicationView(ctx, app, principal, accessOf(res)));
  },
});

/** Applications: create, change a draft, list, read, send events, history, chain verification. */
export const CASE_ROUTES: readonly RouteDefinition<HttpContext>[] = [
  createApplication,
  listApplications,
  getApplication,
  patchApplication,
  sendEventRoute,
  historyRoute,
  verifyRoute,
];

/** The applications router, mounted at `/api/v1/applications` behind authentication. */
export function applicationsRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, CASE_ROUTES, { prefix: APPLICATIONS });
}

/** 422 when a draft, complete or not, holds text longer than its schema allows or is too large to keep. */
function refuseOverLimits(def: WorkflowDefinition, draft: { project: unknown; form: unknown }): void {
  const errors = draftLimitErrors(def.formSchema, draft);
  if (errors.length) {
    throw validationFailed('draft-too-large', {}, errors);
  }
}

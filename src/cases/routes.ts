import { Router, type Request, type Response } from 'express';
import { mayFile, maySend } from '../auth/policy.ts';
import { implausibleTime } from '../calendar/index.ts';
import { coversWorkflow } from '../delegations/scope.ts';
import { activeDelegationsHeldBy } from '../delegations/store.ts';
import { verifyChain } from '../engine/audit-chain.ts';
import type { ApplicationRecord } from '../engine/records.ts';
import { mergePatch } from '../engine/merge-patch.ts';
import type { EventInput, WorkflowDefinition } from '../engine/workflow.ts';
import type { HttpContext } from '../http/context.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { forbidden, HttpError, malformed, validationFailed } from '../http/problem.ts';
import {
  actorOf,
  dayStartQuery,
  jsonBody,
  pageLimit,
  param,
  parseBody,
  principalOf,
  queryString,
} from '../http/request.ts';
import { draftLimitErrors } from '../validation/index.ts';
import { CASE_STATUSES, historyOf, listCases } from './queries.ts';
import { applicationSummary, applicationView } from './view.ts';
import { accessOf, caseOf, loadVisibleCase, onBehalfOf, visibleCase } from './visible-case.ts';

/** Applications: create, change a draft, list, read, send events, history, chain verification. */
export function applicationsRouter(ctx: HttpContext): Router {
  const router = Router();

  router.post('/', ...jsonBody(), async (req, res) => {
    const principal = principalOf(res);
    const body = parseBody<{ workflow: string; applicant?: string; project: object; form?: object }>(
      'application-create',
      req.body,
    );
    // Read at the moment of the request: an agent files only under an agreement active now.
    const covering =
      principal.role === 'agent' && body.applicant
        ? (await activeDelegationsHeldBy(ctx.db, principal.sub, ctx.clock.now())).find(
            (d) => d.enterprise === body.applicant && coversWorkflow(d, body.workflow, ctx.registry),
          )
        : undefined;
    const verdict = mayFile(principal, body.applicant, covering);
    if (!verdict.ok) throw forbidden(verdict.reason);
    const enterprise = principal.role === 'agent' ? body.applicant! : principal.org!;
    if (!ctx.registry.has(body.workflow) || ctx.registry.get(body.workflow).kind === 'agreement') {
      throw new HttpError(422, 'validation-failed', `there is no workflow ${body.workflow}`, [
        {
          pointer: '/workflow',
          detail: `must be one of: ${ctx.registry
            .latest()
            .map((d) => d.id)
            .join(', ')}`,
        },
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
  });

  router.get('/', async (req, res) => {
    const principal = principalOf(res);
    const limit = pageLimit(req);
    const cursor = decodeCursor(queryString(req, 'cursor'), 'uuid');
    const status = queryString(req, 'status');
    if (status !== undefined && !(CASE_STATUSES as readonly string[]).includes(status)) {
      throw malformed(`status must be one of: ${CASE_STATUSES.join(', ')}`, [
        { pointer: '/query/status', detail: 'unknown' },
      ]);
    }
    const workflow = queryString(req, 'workflow');
    const department = queryString(req, 'department');
    const overdue = queryString(req, 'overdue');
    if (overdue !== undefined && overdue !== 'true' && overdue !== 'false')
      throw malformed('overdue must be true or false');
    const from = dayStartQuery(req, 'from', ctx.clock.now());
    const to = dayStartQuery(req, 'to', ctx.clock.now());

    const cases = await listCases({ db: ctx.db, registry: ctx.registry, now: ctx.clock.now() }, principal, {
      status,
      workflow,
      department,
      overdue: overdue === 'true',
      from,
      to,
      after: cursor,
      limit: limit + 1,
    });
    const items = cases.slice(0, limit).map(applicationSummary);
    const last = items[items.length - 1];
    res.json({
      items,
      nextCursor: cases.length > limit && last ? encodeCursor({ key: last.createdAt, id: last.id }) : null,
    });
  });

  router.get('/:id', async (req, res) => {
    const principal = principalOf(res);
    const { app, access } = await loadVisibleCase(ctx, principal, param(req, 'id'));
    res.json(await applicationView(ctx, app, principal, access));
  });

  router.patch('/:id', visibleCase(ctx), ...jsonBody(), async (req, res) => {
    const principal = principalOf(res);
    const patch = parseBody<{ project?: Record<string, unknown>; form?: Record<string, unknown> }>(
      'application-patch',
      req.body,
    );
    if (principal.role !== 'applicant' && principal.role !== 'agent') {
      throw forbidden('only the enterprise (or its agent) changes its draft');
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
  });

  router.post('/:id/events', visibleCase(ctx), ...jsonBody(), async (req, res) => {
    await sendEvent(ctx, req, res);
  });

  router.get('/:id/history', async (req, res) => {
    const { app } = await loadVisibleCase(ctx, principalOf(res), param(req, 'id'));
    const history = await historyOf(ctx.db, app.id);
    res.json({
      items: history.map((audit) => {
        const { prevHash: _prev, clockStopped, status, ...record } = audit;
        return { ...record, statusAfter: status, clockStopped };
      }),
    });
  });

  router.get('/:id/verify', async (req, res) => {
    const principal = principalOf(res);
    const { app } = await loadVisibleCase(ctx, principal, param(req, 'id'));
    if (principal.role !== 'auditor' && principal.role !== 'admin') {
      throw forbidden('chain verification is for auditors and administrators');
    }
    const history = await historyOf(ctx.db, app.id);
    const records = history.map((a) => {
      return {
        applicationId: app.id,
        seq: a.seq,
        at: a.at,
        type: a.type,
        actor: a.actor,
        onBehalfOf: a.onBehalfOf,
        from: a.from,
        to: a.to,
        comment: a.comment,
        data: a.data,
        prevHash: a.prevHash,
        hash: a.hash,
      };
    });
    // Every case has at least its CREATE record: a case without any has lost its history.
    if (records.length === 0) {
      res.json({ ok: false, checked: 0, firstBadSeq: 1 });
      return;
    }
    const result = verifyChain(records);
    // The chain must also end where the case says it ends, or trailing records were removed.
    if (result.ok && records.length && records[records.length - 1].hash !== app.lastHash) {
      res.json({ ok: false, checked: records.length, firstBadSeq: records.length + 1 });
      return;
    }
    res.json(result);
  });

  return router;
}

/** 422 when a draft, complete or not, holds text longer than its schema allows or is too large to keep. */
function refuseOverLimits(def: WorkflowDefinition, draft: { project: unknown; form: unknown }): void {
  const errors = draftLimitErrors(def.formSchema, draft);
  if (errors.length) {
    throw validationFailed('the draft is over a size limit; shorten the fields listed', errors);
  }
}

/** POST …/events after 401 and 404: 400 shape → 403 role → 422 content → 409 state, then the answer. */
async function sendEvent(ctx: HttpContext, req: Request, res: Response): Promise<void> {
  const principal = principalOf(res);
  const app = caseOf(res);
  const body = parseBody<EventInput>('event', req.body);
  const def = ctx.registry.get(app.workflowId, app.workflowVersion);
  const verdict = maySend(principal, def, body.type, body.department, accessOf(res));
  if (!verdict.ok) throw forbidden(verdict.reason);
  // A pledge decades ahead would keep a case's clock and its deadlines out of any calendar we hold.
  const pledgeDate = body.data?.pledgeDate;
  const implausible = typeof pledgeDate === 'string' ? implausibleTime(pledgeDate, ctx.clock.now()) : null;
  if (implausible) {
    throw validationFailed('the event cannot be accepted as sent', [
      { pointer: '/data/pledgeDate', detail: implausible },
    ]);
  }
  const event: EventInput = { ...body, ...(verdict.department ? { department: verdict.department } : {}) };
  const minimal = /\breturn=minimal\b/.test(req.get('prefer') ?? '');
  // The short answer is whole in the event's transaction (a replay gives it exactly); the view is made anew.
  const short = (application: Pick<ApplicationRecord, 'id' | 'status' | 'version'>) => ({
    id: application.id,
    status: application.status,
    version: application.version,
  });
  const shortAnswer = (body: ReturnType<typeof short>) => {
    res.set('Preference-Applied', 'return=minimal');
    return { status: 200, body };
  };
  const viewAnswer = async (application: ApplicationRecord) => ({
    status: 200,
    body: await applicationView(ctx, application, principal, accessOf(res)),
  });
  await ctx.idempotency.respond(req, res, {
    work: async (commit) => {
      const { application } = await ctx.engine.send(
        { applicationId: app.id, event, actor: actorOf(principal), onBehalfOf: onBehalfOf(principal, app) },
        undefined,
        commit((result) => short(result.application)),
      );
      return minimal ? shortAnswer(short(application)) : viewAnswer(application);
    },
    replay: async (ref: ReturnType<typeof short>) =>
      minimal ? shortAnswer(ref) : viewAnswer((await ctx.engine.load(ref.id))!),
  });
}

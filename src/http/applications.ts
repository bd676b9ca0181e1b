import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { mayFile, maySend } from '../auth/policy.ts';
import { implausibleTime } from '../calendar/index.ts';
import {
  activeDelegationsHeldBy,
  coversWorkflow,
  enterprisesOfLiaison,
  type ActiveDelegation,
} from '../delegation/index.ts';
import { verifyChain } from '../engine/audit-chain.ts';
import { toApplication, toAudit, type ApplicationRecord } from '../engine/records.ts';
import { mergePatch } from '../engine/merge-patch.ts';
import type { EventInput, WorkflowDefinition } from '../engine/workflow.ts';
import { draftLimitErrors } from '../validation/index.ts';
import { applicationSummary, applicationView } from './application-view.ts';
import { accessOf, caseOf, loadVisibleCase, onBehalfOf, visibleCase } from './case-access.ts';
import type { HttpContext } from './context.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { forbidden, HttpError, malformed, validationFailed } from './problem.ts';
import {
  actorOf,
  dayStartQuery,
  jsonBody,
  pageLimit,
  param,
  parseBody,
  principalOf,
  queryString,
} from './request.ts';

const STATUSES = [
  'draft',
  'submitted',
  'supplementing',
  'in_review',
  'suspended',
  'approved',
  'denied',
  'refused',
  'withdrawn',
  'concluded',
];

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
    if (status !== undefined && !STATUSES.includes(status)) {
      throw malformed(`status must be one of: ${STATUSES.join(', ')}`, [
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

    const knex = ctx.db.knex;
    const query = knex('applications')
      .select('applications.*')
      .whereNotIn('workflow_id', agreementWorkflows(ctx));
    // Scope first: nobody lists cases they could not open (the same rules as caseAccess).
    if (principal.role === 'applicant') query.where('applicant', principal.org);
    else if (principal.role === 'clerk') {
      const liaisonFor = await enterprisesOfLiaison(ctx.db, principal.sub);
      query.where((q) =>
        q
          .whereExists(
            knex('tasks')
              .whereRaw('tasks.application_id = applications.id')
              .where('tasks.department', principal.org),
          )
          .orWhereIn('applicant', liaisonFor),
      );
    } else if (principal.role === 'agent') {
      const held = await activeDelegationsHeldBy(ctx.db, principal.sub, ctx.clock.now());
      query.where((q) => {
        q.whereRaw('1 = 0');
        for (const d of held) q.orWhere((c) => delegationScope(c, d, ctx));
      });
    }
    if (status) query.where('status', status);
    if (workflow) query.where('workflow_id', workflow);
    if (department) {
      query.whereExists(
        knex('tasks')
          .whereRaw('tasks.application_id = applications.id')
          .where('tasks.department', department),
      );
    }
    const now = ctx.clock.now().toISOString();
    if (overdue === 'true') {
      query.where((q) =>
        q
          .where((c) =>
            c.whereNull('concluded_at').whereNull('clock_stopped_since').where('due_at', '<', now),
          )
          .orWhereExists(
            knex('tasks')
              .whereRaw('tasks.application_id = applications.id')
              .where('tasks.status', 'open')
              .whereNull('tasks.clock_stopped_since')
              .where('tasks.due_at', '<', now),
          ),
      );
    }
    // from/to are Asia/Shanghai dates on the submission (the creation for drafts), `to` exclusive.
    if (from) query.whereRaw('coalesce(submitted_at, created_at) >= ?', [from]);
    if (to) query.whereRaw('coalesce(submitted_at, created_at) < ?', [to]);
    if (cursor) {
      query.where((q) =>
        q
          .where('created_at', '<', cursor.key)
          .orWhere((c) => c.where('created_at', cursor.key).where('id', '<', cursor.id)),
      );
    }
    const rows = await query
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit + 1);
    const items = rows.slice(0, limit).map((r) => applicationSummary(toApplication(r, ctx.db.dialect)));
    const last = items[items.length - 1];
    res.json({
      items,
      nextCursor: rows.length > limit && last ? encodeCursor({ key: last.createdAt, id: last.id }) : null,
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
    const rows = await ctx.db.knex('audit_events').where({ application_id: app.id }).orderBy('seq');
    res.json({
      items: rows.map((r) => {
        const { prevHash: _prev, clockStopped, status, ...record } = toAudit(r, ctx.db.dialect);
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
    const rows = await ctx.db.knex('audit_events').where({ application_id: app.id }).orderBy('seq');
    const records = rows.map((r) => {
      const a = toAudit(r, ctx.db.dialect);
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

/** Workflows whose cases are agreements, not applications: never listed here. */
function agreementWorkflows(ctx: HttpContext): string[] {
  return ctx.registry
    .latest()
    .filter((d) => d.kind === 'agreement')
    .map((d) => d.id);
}

/** The SQL form of `coversCase` for one agreement, for lists. */
function delegationScope(q: Knex.QueryBuilder, d: ActiveDelegation, ctx: HttpContext): void {
  q.where('applicant', d.enterprise);
  if (!d.stages && !d.applicationIds) return;
  const workflows = ctx.registry
    .latest()
    .filter((def) => coversWorkflow({ ...d, applicationIds: null }, def.id, ctx.registry))
    .map((def) => def.id);
  q.where((c) =>
    c.whereIn('workflow_id', d.stages ? workflows : []).orWhereIn('applications.id', d.applicationIds ?? []),
  );
}

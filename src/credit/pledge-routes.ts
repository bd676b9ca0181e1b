/**
 * Approval on pledge's routes: the offer of a workflow's version in force (public: the items, the times and
 * the pledge text to sign), and the verifications that follow a pledged case's issue — read by the enterprise,
 * the departments with a task on them, auditors and administrators; acted on by the department of the pledged
 * item (VERIFIED, NON_COMPLIANT, RECTIFIED) under the one permission policy; the licence is revoked by the
 * service when the rectification time runs out.
 */
import type { Principal } from '../auth/principal.ts';
import { maySend } from '../auth/policy.ts';
import type { ApplicationRecord } from '../engine/records.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, notFound } from '../http/problem.ts';
import { actorOf, param, principalOf } from '../http/request.ts';
import { defineRoute, type RouteDefinition } from '../openapi/define-route.ts';
import { itemsOf, json, REPLAYABLE } from '../openapi/route-table.ts';
import type { PledgeVerificationContext } from '../../workflows/pledge-verification.ts';
import { pledgeText } from './pledge-texts.ts';

const VERIFICATIONS = '/api/v1/pledge-verifications';

/** Whether the caller sees the verification: its enterprise, a department with a task on it, auditors, admins. */
async function sees(ctx: HttpContext, principal: Principal, app: ApplicationRecord): Promise<boolean> {
  switch (principal.role) {
    case 'admin':
    case 'auditor':
      return true;
    case 'applicant':
      return principal.org === app.applicant;
    case 'clerk':
      return (
        (await ctx.db
          .knex('tasks')
          .where({ application_id: app.id, department: principal.org ?? '' })
          .first('id')) !== undefined
      );
    default:
      return false;
  }
}

async function verificationView(ctx: HttpContext, app: ApplicationRecord) {
  const context = ctx.engine.snapshotOf(app).context as PledgeVerificationContext;
  const task = await ctx.db
    .knex('tasks')
    .where({ application_id: app.id })
    .whereNull('closed_at')
    .first('due_at');
  return {
    id: app.id,
    enterprise: app.applicant,
    application: context.application,
    licence: context.licence,
    items: context.items,
    status: app.status,
    findings: context.findings,
    rectifyBy: context.rectifyBy,
    dueAt: task?.due_at ? new Date(String(task.due_at)).toISOString() : null,
  };
}

/** The verification of `:id` if the caller may see it; 404 otherwise (never 403: it is not theirs to know). */
async function visibleVerification(ctx: HttpContext, principal: Principal, id: string) {
  const app = await ctx.engine.load(id);
  if (!app || app.workflowId !== 'pledge-verification' || !(await sees(ctx, principal, app))) {
    throw notFound('no-pledge-verification', { id });
  }
  return app;
}

const getOffer = defineRoute<HttpContext>({
  method: 'get',
  path: '/api/v1/pledge-offers/{id}',
  operationId: 'getPledgeOffer',
  summary: 'What a workflow offers on pledge',
  description:
    "Public. The version in force of the workflow: the items it decides on the applicant's pledge, the working days of verification and rectification, and the pledge text to sign with its SHA-256 (the form's `approvalOnPledge.textSha256`). 404 when the version in force offers none.",
  tag: 'Credit',
  access: 'public',
  responses: { 200: { description: 'The offer.', content: json('pledge-offer') } },
  problems: [404],
  handler: (ctx) => async (req, res) => {
    const workflow = param(req, 'id');
    const def = ctx.registry.has(workflow) ? ctx.registry.get(workflow) : null;
    if (!def?.pledge) throw notFound('no-pledge-offer', { workflow });
    const { items, verificationWorkingDays, rectificationWorkingDays, source, textId } = def.pledge;
    res.json({
      workflow,
      version: def.version,
      items,
      verificationWorkingDays,
      rectificationWorkingDays,
      source,
      text: pledgeText(textId),
    });
  },
});

const listVerifications = defineRoute<HttpContext>({
  method: 'get',
  path: VERIFICATIONS,
  operationId: 'listPledgeVerifications',
  summary: 'Pledge verifications',
  description:
    "Those the caller may see: an enterprise its own, a clerk those its department has or had a task on, auditors and administrators all. Newest first. The open ones also appear in the department's task inbox.",
  tag: 'Credit',
  access: 'bearer',
  responses: { 200: { description: 'The verifications.', content: json(itemsOf('pledge-verification')) } },
  handler: (ctx) => async (_req, res) => {
    const principal = principalOf(res);
    const knex = ctx.db.knex;
    const query = knex('applications').where('workflow_id', 'pledge-verification').select('id');
    if (principal.role === 'applicant') query.where('applicant', principal.org ?? '');
    else if (principal.role === 'clerk') {
      query.whereExists(
        knex('tasks')
          .whereRaw('tasks.application_id = applications.id')
          .where('tasks.department', principal.org ?? ''),
      );
    } else if (principal.role !== 'admin' && principal.role !== 'auditor') query.whereRaw('1 = 0');
    const rows = await query.orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id' }]);
    const apps = await Promise.all(rows.map((r: { id: string }) => ctx.engine.load(r.id)));
    res.json({ items: await Promise.all(apps.map((a) => verificationView(ctx, a!))) });
  },
});

const getVerification = defineRoute<HttpContext>({
  method: 'get',
  path: `${VERIFICATIONS}/{id}`,
  operationId: 'getPledgeVerification',
  summary: 'One pledge verification',
  description: 'The same readers as the list; 404 for anyone else.',
  tag: 'Credit',
  access: 'bearer',
  responses: { 200: { description: 'The verification.', content: json('pledge-verification') } },
  problems: [404],
  handler: (ctx) => async (req, res) => {
    const app = await visibleVerification(ctx, principalOf(res), param(req, 'id'));
    res.json(await verificationView(ctx, app));
  },
});

const sendVerificationEvent = defineRoute<HttpContext>({
  method: 'post',
  path: `${VERIFICATIONS}/{id}/events`,
  operationId: 'sendPledgeVerificationEvent',
  summary: 'Verify a pledge, order rectification',
  description:
    "VERIFIED or NON_COMPLIANT (`data.method`: in-writing, online, on-site, by-notice) and RECTIFIED by a clerk of the pledged item's department. When the rectification time runs out without RECTIFIED, the service itself revokes the licence (reason: the unmet pledge and the findings), writes a false pledge into the credit register and tells the enterprise; no event does it. Others are 403 (auditors read only; another department's clerk may not verify); an event the state does not take is 409.",
  tag: 'Credit',
  access: 'bearer',
  idempotent: true,
  body: { schema: 'pledge-verification-event', validation: 'parseBody' },
  responses: {
    200: {
      description: 'The verification after the event.',
      content: json('pledge-verification'),
      headers: REPLAYABLE,
    },
  },
  problems: [403, 404, 409],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const app = await visibleVerification(ctx, principal, param(req, 'id'));
    const body = req.body as { type: string; comment?: string; data?: Record<string, unknown> };
    const verdict = maySend(
      principal,
      ctx.registry.get(app.workflowId, app.workflowVersion),
      body.type,
      undefined,
    );
    if (!verdict.ok) throw forbidden(verdict);
    const answer = async (id: string) => ({
      status: 200,
      body: await verificationView(ctx, (await ctx.engine.load(id))!),
    });
    await ctx.idempotency.respond(req, res, {
      replay: answer,
      work: async (commit) => {
        await ctx.engine.send(
          {
            applicationId: app.id,
            event: {
              type: body.type,
              ...(verdict.department ? { department: verdict.department } : {}),
              ...(body.comment === undefined ? {} : { comment: body.comment }),
              ...(body.data === undefined ? {} : { data: body.data }),
            },
            actor: actorOf(principal),
          },
          undefined,
          commit(() => app.id),
        );
        return answer(app.id);
      },
    });
  },
});

/** The pledge's routes: the public offer, and the verifications. */
export const PLEDGE_ROUTES: readonly RouteDefinition<HttpContext>[] = [
  getOffer,
  listVerifications,
  getVerification,
  sendVerificationEvent,
];

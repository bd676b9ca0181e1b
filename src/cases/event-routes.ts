import type { Request, Response } from 'express';
import { maySend } from '../auth/policy.ts';
import { implausibleTime } from '../calendar/index.ts';
import type { ApplicationRecord } from '../engine/records.ts';
import type { EventInput } from '../engine/workflow.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, validationFailed } from '../http/problem.ts';
import { actorOf, principalOf } from '../http/request.ts';
import { defineRoute } from '../openapi/define-route.ts';
import { json, ref } from '../openapi/route-table.ts';
import { applicationView } from './view.ts';
import { accessOf, caseOf, onBehalfOf, visibleCase } from './visible-case.ts';
import { fieldError } from '../errors/index.ts';

/** `POST /api/v1/applications/{id}/events`: the one way a case moves through its workflow. */
export const sendEventRoute = defineRoute<HttpContext>({
  method: 'post',
  path: '/api/v1/applications/{id}/events',
  operationId: 'sendEvent',
  summary: 'Send an event',
  description:
    "SUBMIT, SUPPLEMENT, WITHDRAW (applicant or agent); ACCEPT, ACCEPT_WITH_DEFICIENCIES, REQUEST_SUPPLEMENT, REFUSE, EXTEND, ISSUE (window clerk); APPROVE, REQUEST_SUPPLEMENT, DENY (department clerk, `department` = the clerk's own). What each type must carry is in the `event-content` schema (422 otherwise); the form is validated against the workflow's schema on SUBMIT. Checks run 401 → 404 → 400 → 403 → 422 → 409.",
  tag: 'Applications',
  access: 'bearer',
  idempotent: true,
  preferMinimal: true,
  body: { schema: 'event', validation: 'parseBody' },
  responses: {
    200: {
      description: 'The case after the event; only `{id, status, version}` with `Prefer: return=minimal`.',
      content: json({ anyOf: [ref('application'), ref('application-minimal')] }),
      headers: ['Preference-Applied', 'Idempotent-Replayed'],
    },
  },
  problems: [403, 404, 409],
  before: (ctx) => [visibleCase(ctx)],
  handler: (ctx) => (req, res) => sendEvent(ctx, req, res),
});

/** After 401, 404 and the body's 400 (at the mount): 403 role → 422 content → 409 state, then the answer. */
async function sendEvent(ctx: HttpContext, req: Request, res: Response): Promise<void> {
  const principal = principalOf(res);
  const app = caseOf(res);
  const body = req.body as EventInput;
  const def = ctx.registry.get(app.workflowId, app.workflowVersion);
  const verdict = maySend(principal, def, body.type, body.department, accessOf(res));
  if (!verdict.ok) throw forbidden(verdict);
  // A pledge decades ahead would keep a case's clock and its deadlines out of any calendar we hold.
  const pledgeDate = body.data?.pledgeDate;
  const implausible = typeof pledgeDate === 'string' ? implausibleTime(pledgeDate, ctx.clock.now()) : null;
  if (implausible) {
    throw validationFailed('event-invalid', {}, [
      fieldError('/data/pledgeDate', implausible.code, implausible.params),
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

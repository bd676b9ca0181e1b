import type { Request, RequestHandler, Response } from 'express';
import { maySend } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { implausibleTime } from '../calendar/index.ts';
import type { ApplicationRecord } from '../engine/records.ts';
import type { EventInput } from '../engine/workflow.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, validationFailed } from '../http/problem.ts';
import { actorOf, jsonBody, param, parseBody, principalOf } from '../http/request.ts';
import { defineRoute } from '../openapi/define-route.ts';
import { json, ref } from '../openapi/route-table.ts';
import { applicationView } from './view.ts';
import {
  judgedInStore,
  loadVisibleCase,
  loadVisibleCaseIn,
  onBehalfOf,
  type VisibleCase,
} from './visible-case.ts';
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
  // Checked in the handler with `parseBody`: a refusal of the body waits for the case's 404 (see `deferred`).
  body: { schema: 'event', validation: 'route' },
  responses: {
    200: {
      description: 'The case after the event; only `{id, status, version}` with `Prefer: return=minimal`.',
      content: json({ anyOf: [ref('application'), ref('application-minimal')] }),
      headers: ['Preference-Applied', 'Idempotent-Replayed'],
    },
  },
  problems: [403, 404, 409],
  before: (ctx) => [visibleOrDeferred(ctx), ...jsonBody().map(keepingBodyError)],
  handler: (ctx) => (req, res) => sendEvent(ctx, req, res),
});

/**
 * The case's 404 before the body is read — or, for a caller judged on the case and its tasks alone and without
 * an Idempotency-Key (whose replay must not come before the 404), deferred into the event's own transaction:
 * the request then reads the case once, in the same group commit as its write. A refusal of the body is kept
 * meanwhile and answered after that 404, so the order of checks stays 401 → 404 → 400 → 403.
 */
function visibleOrDeferred(ctx: HttpContext): RequestHandler {
  return async (req, res, next) => {
    const principal = principalOf(res);
    const id = param(req, 'id');
    if (judgedInStore(principal, id) && req.get('idempotency-key') === undefined) {
      res.locals.deferred = true;
    } else {
      res.locals.visible = await loadVisibleCase(ctx, principal, id);
    }
    next();
  };
}

/** A body middleware whose refusal, when the case's check is deferred, waits in `res.locals.bodyError`. */
function keepingBodyError(middleware: RequestHandler): RequestHandler {
  return (req, res, next) => {
    if (res.locals.deferred !== true) return middleware(req, res, next);
    if (res.locals.bodyError !== undefined) return next();
    return middleware(req, res, (error?: unknown) => {
      if (error !== undefined && error !== null) res.locals.bodyError = error;
      next();
    });
  };
}

/** The checked body (400), once the case's 404 has been answered. */
function eventBody(req: Request, res: Response): EventInput {
  if (res.locals.bodyError !== undefined) throw res.locals.bodyError;
  return parseBody<EventInput>('event', req.body);
}

/** 403 role → 422 pledge date: the event to apply, with the clerk's department filled in. */
function permittedEvent(ctx: HttpContext, principal: Principal, visible: VisibleCase, body: EventInput) {
  const def = ctx.registry.get(visible.app.workflowId, visible.app.workflowVersion);
  const verdict = maySend(principal, def, body.type, body.department, visible.access);
  if (!verdict.ok) throw forbidden(verdict);
  // A pledge decades ahead would keep a case's clock and its deadlines out of any calendar we hold.
  const pledgeDate = body.data?.pledgeDate;
  const implausible = typeof pledgeDate === 'string' ? implausibleTime(pledgeDate, ctx.clock.now()) : null;
  if (implausible) {
    throw validationFailed('event-invalid', {}, [
      fieldError('/data/pledgeDate', implausible.code, implausible.params),
    ]);
  }
  return { ...body, ...(verdict.department ? { department: verdict.department } : {}) } as EventInput;
}

/** Thrown inside the event's transaction when its store cannot judge the caller (rolled back, nothing written). */
class JudgedApart extends Error {}

/** After 401, 404 and the body's 400: 403 role → 422 content → 409 state, then the answer. */
async function sendEvent(ctx: HttpContext, req: Request, res: Response): Promise<void> {
  const principal = principalOf(res);
  const id = param(req, 'id');
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
  const viewAnswer = async (application: ApplicationRecord, visible: VisibleCase) => ({
    status: 200,
    body: await applicationView(ctx, application, principal, visible.access),
  });
  let visible = res.locals.visible as VisibleCase | undefined;
  const checked = visible ? permittedEvent(ctx, principal, visible, eventBody(req, res)) : undefined;
  const actor = actorOf(principal);
  await ctx.idempotency.respond(req, res, {
    work: async (commit) => {
      const after = commit((result) => short(result.application));
      const sendChecked = (event: EventInput, on: VisibleCase) =>
        ctx.engine.send(
          { applicationId: id, event, actor, onBehalfOf: onBehalfOf(principal, on.app) },
          undefined,
          after,
        );
      const sendAdmitted = () =>
        ctx.engine.send(
          {
            applicationId: id,
            // Replaced by `admit`; its type, unchecked yet, tells the engine whether the event's rules apply.
            event: { type: String((req.body as { type?: unknown } | undefined)?.type ?? '') },
            actor,
            // Applicants and clerks act for themselves (agents are judged before the body).
            onBehalfOf: null,
            admit: async (store, app) => {
              visible = (await loadVisibleCaseIn(ctx, store, principal, id, app)) ?? undefined;
              if (!visible) throw new JudgedApart();
              return permittedEvent(ctx, principal, visible, eventBody(req, res));
            },
          },
          undefined,
          after,
        );
      let sent;
      if (checked) sent = await sendChecked(checked, visible!);
      else {
        try {
          sent = await sendAdmitted();
        } catch (error) {
          if (!(error instanceof JudgedApart)) throw error;
          // The rare caller the event's store cannot judge (rolled back, nothing written): checks first, as above.
          visible = await loadVisibleCase(ctx, principal, id);
          sent = await sendChecked(permittedEvent(ctx, principal, visible, eventBody(req, res)), visible);
        }
      }
      return minimal ? shortAnswer(short(sent.application)) : viewAnswer(sent.application, visible!);
    },
    replay: async (ref: ReturnType<typeof short>) =>
      minimal ? shortAnswer(ref) : viewAnswer((await ctx.engine.load(ref.id))!, visible!),
  });
}

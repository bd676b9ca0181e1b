import type { Request, Response, Router } from 'express';
import { actsAsClerk, mayAssessFee, mayPayFee } from '../auth/policy.ts';
import { assessFee, checklistVersion, currentChecklist } from '../checklist/index.ts';
import type { ApplicationRecord } from '../engine/records.ts';
import { accessOf, caseOf, onBehalfOf, visibleCase } from '../cases/index.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, HttpError, notFound, validationFailed } from '../http/problem.ts';
import { actorOf, param, principalOf, serialId } from '../http/request.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { CREATED, json, REPLAYABLE } from '../openapi/route-table.ts';
import { feeOfCase, feeRow, insertFee, settleFee, type FeeRow } from './store.ts';
import { toFee } from './view.ts';
import { fieldError } from '../errors/index.ts';

const nonBlank = (value: string) => value.trim().length > 0;

const FEES = '/api/v1/applications/{id}/fees';

const assessRoute = defineRoute<HttpContext>({
  method: 'post',
  path: FEES,
  operationId: 'assessFee',
  summary: 'Assess a fee',
  description:
    "Clerk. The amount comes from the checklist rate and the case's facts. A code not on the checklist is 422 `not-on-checklist`, and the attempt is in the audit log.",
  tag: 'Fees',
  access: 'bearer',
  idempotent: true,
  body: { schema: 'fee-assess', validation: 'parseBody' },
  responses: { 201: { description: 'The fee, assessed.', content: json('fee'), headers: CREATED } },
  problems: [403, 404, 409],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const app = caseOf(res);
    const body = req.body as { code: string; quantity?: number };
    const clerk = actsAsClerk(principal, accessOf(res), 'assess-fee');
    if (!clerk.ok) throw forbidden(clerk);
    const checklist = await currentChecklist(ctx.db);
    const item = checklist.fees.find((f) => f.code === body.code);
    if (!item) {
      // No list entry, no fee: refused, and the attempt stays on the case's record.
      await ctx.engine.record({
        applicationId: app.id,
        type: 'FEE_REFUSED',
        actor: actorOf(principal),
        data: { code: body.code, quantity: body.quantity ?? null, checklistVersion: checklist.version },
        comment: 'not on the published checklist',
      });
      throw new HttpError(
        422,
        'not-on-checklist',
        'fee-not-on-checklist',
        { fee: body.code, version: checklist.version },
        [fieldError('/code', 'not-one-of', { allowed: checklist.fees.map((f) => f.code) })],
      );
    }
    const verdict = mayAssessFee(principal, item, accessOf(res));
    if (!verdict.ok) throw forbidden(verdict);
    const assessment = assessFee(item, app.form, body.quantity);
    if (!assessment.ok) {
      const { ok: _refused, ...finding } = assessment;
      throw validationFailed('fee-not-assessable', {}, [finding]);
    }
    const assessed = async (feeId: number) => ({
      status: 201,
      location: `/api/v1/applications/${app.id}/fees/${feeId}`,
      body: toFee((await feeRow(ctx.db, feeId))!, ctx.db.dialect),
    });
    await ctx.idempotency.respond(req, res, {
      replay: assessed,
      work: async (commit) => {
        let feeId = 0;
        await ctx.engine.send(
          {
            applicationId: app.id,
            event: { type: 'FEE_ASSESSED', department: verdict.department },
            actor: actorOf(principal),
          },
          async (trx) => {
            const at = ctx.clock.now().toISOString();
            feeId = await insertFee(trx, {
              application_id: app.id,
              code: item.code,
              name: item.name,
              checklist_version: checklist.version,
              unit: item.unit,
              rate: assessment.rate,
              quantity: assessment.quantity,
              amount: assessment.amount,
              status: 'assessed',
              assessed_by: principal.sub,
              assessed_at: at,
            });
            return { feeId, code: item.code, amount: assessment.amount, checklistVersion: checklist.version };
          },
          commit(() => feeId),
        );
        return assessed(feeId);
      },
    });
  },
});

const payRoute = defineRoute<HttpContext>({
  method: 'post',
  path: `${FEES}/{feeId}/pay`,
  operationId: 'payFee',
  summary: 'Report a fee paid',
  description: 'Applicant or agent.',
  tag: 'Fees',
  access: 'bearer',
  idempotent: true,
  body: { schema: 'fee-payment', validation: 'parseBody' },
  responses: { 200: { description: 'The fee, paid.', content: json('fee'), headers: REPLAYABLE } },
  problems: [403, 404, 409],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const app = caseOf(res);
    const body = req.body as { paymentRef: string };
    const verdict = mayPayFee(principal);
    if (!verdict.ok) throw forbidden(verdict);
    if (!nonBlank(body.paymentRef))
      throw validationFailed('payment-ref-required', {}, [fieldError('/paymentRef', 'required')]);
    await settle(ctx, req, res, app, await feeOf(ctx, req, app), 'paid', (at) => ({
      status: 'paid',
      payment_ref: body.paymentRef.trim(),
      paid_by: principal.sub,
      paid_at: at,
    }));
  },
});

const waiveRoute = defineRoute<HttpContext>({
  method: 'post',
  path: `${FEES}/{feeId}/waive`,
  operationId: 'waiveFee',
  summary: 'Waive a fee',
  description: 'Clerk, with the reason.',
  tag: 'Fees',
  access: 'bearer',
  idempotent: true,
  body: { schema: 'fee-waiver', validation: 'parseBody' },
  responses: { 200: { description: 'The fee, waived.', content: json('fee'), headers: REPLAYABLE } },
  problems: [403, 404, 409],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const app = caseOf(res);
    const body = req.body as { reason: string };
    const clerk = actsAsClerk(principal, accessOf(res), 'waive-fee');
    if (!clerk.ok) throw forbidden(clerk);
    // Waived by whoever collects it, under the checklist version it was assessed from.
    const fee = await feeOf(ctx, req, app);
    const checklist = await checklistVersion(ctx.db, ctx.db.dialect.readNumber(fee.checklist_version));
    const item = checklist?.fees.find((f) => f.code === fee.code) ?? {};
    const verdict = mayAssessFee(principal, item, accessOf(res));
    if (!verdict.ok) throw forbidden(verdict);
    if (!nonBlank(body.reason))
      throw validationFailed('waiver-reason-required', {}, [fieldError('/reason', 'required')]);
    await settle(ctx, req, res, app, fee, 'waived', (at) => ({
      status: 'waived',
      waive_reason: body.reason.trim(),
      waived_by: principal.sub,
      waived_at: at,
    }));
  },
});

/**
 * Fees under a case: assessed by a clerk from the checklist (never a free amount), paid by the enterprise,
 * waived by a clerk with a reason. Each change goes through the engine as an event, so it is on the case's
 * record and the workflow knows what is outstanding.
 */
export const FEE_ROUTES: readonly RouteDefinition<HttpContext>[] = [assessRoute, payRoute, waiveRoute];

/** The fees router, mounted under a case behind authentication; every path below checks the case first. */
export function feesRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, FEE_ROUTES, { prefix: FEES, use: [visibleCase(ctx)] });
}

/** The fee row `:feeId` of this case; 404 when the case has no such fee. */
async function feeOf(ctx: HttpContext, req: Request, app: ApplicationRecord): Promise<Record<string, any>> {
  const raw = param(req, 'feeId');
  const feeId = serialId(raw);
  if (feeId === null) throw notFound('no-fee', { fee: raw });
  const existing = await feeOfCase(ctx.db, app.id, feeId);
  if (!existing) throw notFound('no-fee', { fee: feeId });
  return existing;
}

/** Pays or waives an assessed fee: the row and the `FEE_SETTLED` event in one transaction. */
async function settle(
  ctx: HttpContext,
  req: Request,
  res: Response,
  app: ApplicationRecord,
  existing: Record<string, any>,
  outcome: 'paid' | 'waived',
  fields: (at: string) => FeeRow,
): Promise<void> {
  const principal = principalOf(res);
  const feeId = Number(existing.id);
  const settled = async () => ({
    status: 200,
    body: toFee((await feeRow(ctx.db, feeId))!, ctx.db.dialect),
  });
  await ctx.idempotency.respond(req, res, {
    replay: settled,
    work: async (commit) => {
      await ctx.engine.send(
        {
          applicationId: app.id,
          event: {
            type: 'FEE_SETTLED',
            ...(principal.role === 'clerk' ? { department: principal.org! } : {}),
          },
          actor: actorOf(principal),
          onBehalfOf: onBehalfOf(principal, app),
        },
        async (trx) => {
          const at = ctx.clock.now().toISOString();
          const changed = await settleFee(trx, app.id, feeId, fields(at));
          if (changed !== 1) {
            throw new HttpError(409, 'event-not-allowed', 'fee-settled', {
              fee: feeId,
              status: existing.status,
              outcome,
            });
          }
          return { feeId, code: existing.code, outcome };
        },
        commit(() => feeId),
      );
      return settled();
    },
  });
}

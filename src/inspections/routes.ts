import type { Router } from 'express';
import { actsAsClerk, mayInspect } from '../auth/policy.ts';
import { implausibleTime } from '../calendar/index.ts';
import { checklistVersion, currentChecklist, type Checklist } from '../checklist/index.ts';
import type { ApplicationRecord } from '../engine/records.ts';
import { accessOf, caseOf, visibleCase } from '../cases/index.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, HttpError, notFound, validationFailed } from '../http/problem.ts';
import { actorOf, param, principalOf, serialId } from '../http/request.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { CREATED, json, REPLAYABLE } from '../openapi/route-table.ts';
import {
  inspectionOfCase,
  inspectionRow,
  insertInspection,
  recordInspection,
  scheduledInspection,
} from './store.ts';
import { toInspection } from './view.ts';
import { fieldError } from '../errors/index.ts';

const INSPECTIONS = '/api/v1/applications/{id}/inspections';

const scheduleInspection = defineRoute<HttpContext>({
  method: 'post',
  path: INSPECTIONS,
  operationId: 'scheduleInspection',
  summary: 'Schedule an inspection',
  description:
    "Clerk of the item's department. An item off the checklist is 422 `not-on-checklist`, and the attempt is in the audit log.",
  tag: 'Inspections',
  access: 'bearer',
  idempotent: true,
  body: { schema: 'inspection-schedule', validation: 'parseBody' },
  responses: {
    201: { description: 'The inspection, scheduled.', content: json('inspection'), headers: CREATED },
  },
  problems: [403, 404, 409],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const app = caseOf(res);
    const body = req.body as { code: string; scheduledAt: string };
    const clerk = actsAsClerk(principal, accessOf(res), 'schedule-inspection');
    if (!clerk.ok) throw forbidden(clerk);
    const checklist = await checklistOfCase(ctx, app);
    const item = checklist.inspections.find((i) => i.code === body.code);
    if (!item) {
      // No list entry, no inspection: refused, and the attempt stays on the case's record.
      await ctx.engine.record({
        applicationId: app.id,
        type: 'INSPECTION_REFUSED',
        actor: actorOf(principal),
        data: { code: body.code, scheduledAt: body.scheduledAt, checklistVersion: checklist.version },
        comment: 'not on the published checklist',
      });
      throw new HttpError(
        422,
        'not-on-checklist',
        'inspection-not-on-checklist',
        { inspection: body.code, version: checklist.version },
        [fieldError('/code', 'not-one-of', { allowed: checklist.inspections.map((i) => i.code) })],
      );
    }
    const verdict = mayInspect(principal, item, accessOf(res));
    if (!verdict.ok) throw forbidden(verdict);
    const implausible = implausibleTime(body.scheduledAt, ctx.clock.now());
    if (implausible) {
      throw validationFailed('inspection-time-invalid', {}, [
        fieldError('/scheduledAt', implausible.code, implausible.params),
      ]);
    }
    const scheduled = async (inspectionId: number) => ({
      status: 201,
      location: `/api/v1/applications/${app.id}/inspections/${inspectionId}`,
      body: toInspection((await inspectionRow(ctx.db, inspectionId))!),
    });
    await ctx.idempotency.respond(req, res, {
      replay: scheduled,
      work: async (commit) => {
        let inspectionId = 0;
        await ctx.engine.send(
          {
            applicationId: app.id,
            event: { type: 'INSPECTION_SCHEDULED', department: item.department, data: { code: item.code } },
            actor: actorOf(principal),
          },
          async (trx) => {
            // One inspection of an item at a time: a re-inspection is scheduled after the previous one is recorded.
            const open = await scheduledInspection(trx, app.id, item.code);
            if (open) {
              throw new HttpError(409, 'event-not-allowed', 'inspection-already-scheduled', {
                inspection: item.code,
                id: open.id,
              });
            }
            inspectionId = await insertInspection(trx, {
              application_id: app.id,
              code: item.code,
              name: item.name,
              department: item.department,
              checklist_version: checklist.version,
              scheduled_at: new Date(body.scheduledAt).toISOString(),
              scheduled_by: principal.sub,
              status: 'scheduled',
            });
            return { inspectionId, scheduledAt: body.scheduledAt, checklistVersion: checklist.version };
          },
          commit(() => inspectionId),
        );
        return scheduled(inspectionId);
      },
    });
  },
});

const recordInspectionResult = defineRoute<HttpContext>({
  method: 'post',
  path: `${INSPECTIONS}/{inspectionId}/result`,
  operationId: 'recordInspectionResult',
  summary: "Record an inspection's result",
  description: "Clerk of the item's department. A failure needs findings and opens rectification.",
  tag: 'Inspections',
  access: 'bearer',
  idempotent: true,
  body: { schema: 'inspection-result', validation: 'parseBody' },
  responses: {
    200: {
      description: 'The inspection with its result.',
      content: json('inspection'),
      headers: REPLAYABLE,
    },
  },
  problems: [403, 404, 409],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const app = caseOf(res);
    const body = req.body as { result: 'pass' | 'fail'; findings?: string };
    const inspectionId = serialId(param(req, 'inspectionId'));
    const inspection =
      inspectionId !== null ? await inspectionOfCase(ctx.db, app.id, inspectionId) : undefined;
    if (!inspection) throw notFound('no-inspection', { id: param(req, 'inspectionId') });
    const verdict = mayInspect(
      principal,
      { department: inspection.department, code: inspection.code },
      accessOf(res),
    );
    if (!verdict.ok) throw forbidden(verdict);
    const findings = body.findings?.trim() || null;
    if (body.result === 'fail' && !findings) {
      throw validationFailed('inspection-findings-required', {}, [
        fieldError('/findings', 'findings-required'),
      ]);
    }
    const recorded = async () => ({
      status: 200,
      body: toInspection((await inspectionRow(ctx.db, Number(inspection.id)))!),
    });
    await ctx.idempotency.respond(req, res, {
      replay: recorded,
      work: async (commit) => {
        await ctx.engine.send(
          {
            applicationId: app.id,
            event: {
              type: 'INSPECTION_RECORDED',
              department: inspection.department,
              comment: findings ?? undefined,
              data: { code: inspection.code, result: body.result },
            },
            actor: actorOf(principal),
          },
          async (trx) => {
            const changed = await recordInspection(trx, inspectionId!, {
              status: body.result === 'pass' ? 'passed' : 'failed',
              result: body.result,
              findings,
              recorded_by: principal.sub,
              recorded_at: ctx.clock.now().toISOString(),
            });
            if (changed !== 1) {
              throw new HttpError(409, 'event-not-allowed', 'inspection-recorded', {
                id: inspectionId,
                status: inspection.status,
              });
            }
            return { inspectionId };
          },
          commit(() => inspectionId),
        );
        return recorded();
      },
    });
  },
});

/**
 * Inspections under a case: scheduled by a clerk of the item's own department, from the checklist only; the
 * result (pass, or fail with findings) goes through the engine, where a failure opens rectification.
 */
export const INSPECTION_ROUTES: readonly RouteDefinition<HttpContext>[] = [
  scheduleInspection,
  recordInspectionResult,
];

/** The inspections router, mounted under a case behind authentication; every path below checks the case first. */
export function inspectionsRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, INSPECTION_ROUTES, { prefix: INSPECTIONS, use: [visibleCase(ctx)] });
}

/**
 * The checklist a case's inspections are licensed by: the version fixed when it was accepted, so that a later
 * publication that drops or moves an item cannot strand a running case; the current one before acceptance.
 */
async function checklistOfCase(ctx: HttpContext, app: ApplicationRecord): Promise<Checklist> {
  const fixed = (ctx.engine.snapshotOf(app).context as { checklistVersion?: number | null }).checklistVersion;
  return (fixed ? await checklistVersion(ctx.db, fixed) : null) ?? currentChecklist(ctx.db);
}

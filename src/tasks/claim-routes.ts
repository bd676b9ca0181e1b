/**
 * Who works on a task (docs/api.md, "Work assignment"): a clerk of the task's department claims it or
 * releases their claim; a department lead (`lead: true` on a clerk's token) also releases anyone's claim and
 * assigns the task to a clerk of the department. Checks in the usual order: 404 when the caller cannot see
 * the task's case (nobody learns another enterprise's case exists), 403 for the wrong role, department or
 * claimant, 409 when the task is closed or held by someone else.
 */
import type { Request, Response } from 'express';
import type { Principal } from '../auth/principal.ts';
import { loadVisibleCase } from '../cases/visible-case.ts';
import { namesFor, personEntry } from '../directory/index.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, HttpError, notFound, validationFailed } from '../http/problem.ts';
import { param, principalOf, serialId } from '../http/request.ts';
import { defineRoute, type RouteDefinition } from '../openapi/define-route.ts';
import { json, REPLAYABLE } from '../openapi/route-table.ts';
import { assignTask, claimTask, releaseTask, taskById, type ClaimVerdict } from './claims.ts';
import type { TaskRecord } from '../engine/records.ts';
import { taskView } from './view.ts';
import { fieldError } from '../errors/index.ts';

const TASK = '/api/v1/tasks/{id}';

/** The task of `{id}` when the caller may see its case; 404 otherwise, as for the case itself. */
async function visibleTask(ctx: HttpContext, principal: Principal, raw: string): Promise<TaskRecord> {
  const id = serialId(raw);
  const task = id === null ? null : await taskById(ctx.db, id);
  if (!task) throw notFound('task-not-visible', { id: raw });
  try {
    await loadVisibleCase(ctx, principal, task.applicationId);
  } catch {
    throw notFound('task-not-visible', { id: raw });
  }
  return task;
}

/** 403 unless the caller is a clerk of the task's department (and, with `lead`, its lead). */
function refuseOutsiders(
  principal: Principal,
  task: TaskRecord,
  action: 'claim' | 'release' | 'assign',
  lead = false,
): void {
  if (principal.role !== 'clerk') throw forbidden('task-clerks-only', { action });
  if (principal.org !== task.department) {
    throw forbidden('task-other-department', { department: task.department, own: principal.org });
  }
  if (lead && principal.lead !== true) {
    throw forbidden('task-lead-only', { action, department: task.department });
  }
}

/** 409 for a write that changed nothing, saying why. */
function refuseUnchanged(verdict: Exclude<ClaimVerdict, { ok: true }>): never {
  const holder = verdict.task.claimedBy;
  switch (verdict.reason) {
    case 'closed':
      throw new HttpError(409, 'task-closed', 'task-closed', { id: verdict.task.id });
    case 'claimed':
      throw new HttpError(409, 'task-claimed', 'task-claimed', { id: verdict.task.id, holder });
    case 'not-claimed':
      throw new HttpError(409, 'task-not-claimed', 'task-not-claimed', { id: verdict.task.id });
    case 'claimed-by-another':
      throw forbidden('task-claimed-by-another', { id: verdict.task.id, holder });
  }
}

/** The task as the answer shows it, with the claimant's name. */
async function answer(ctx: HttpContext, task: TaskRecord) {
  const names = await namesFor(ctx.db, { people: [task.claimedBy] });
  return { status: 200, body: taskView(task, ctx, ctx.clock.now(), names) };
}

const taskAction = (
  operationId: string,
  action: 'claim' | 'release' | 'assign',
  summary: string,
  description: string,
  run: (ctx: HttpContext, req: Request, principal: Principal, task: TaskRecord) => Promise<ClaimVerdict>,
) =>
  defineRoute<HttpContext>({
    method: 'post',
    path: `${TASK}/${action}`,
    operationId,
    summary,
    description,
    tag: 'Tasks',
    access: 'bearer',
    idempotent: true,
    ...(action === 'assign' ? { body: { schema: 'task-assign', validation: 'parseBody' as const } } : {}),
    responses: {
      200: { description: 'The task, as the inbox shows it.', content: json('task'), headers: REPLAYABLE },
    },
    problems: [403, 404, 409, ...(action === 'assign' ? [422] : [])],
    before: (ctx) => [
      async (req: Request, res: Response, next) => {
        res.locals.task = await visibleTask(ctx, principalOf(res), param(req, 'id'));
        next();
      },
    ],
    handler: (ctx) => async (req, res) => {
      const principal = principalOf(res);
      const task = res.locals.task as TaskRecord;
      await ctx.idempotency.respond(req, res, {
        work: async () => {
          const verdict = await run(ctx, req, principal, task);
          if (!verdict.ok) refuseUnchanged(verdict);
          return answer(ctx, verdict.task);
        },
      });
    },
  });

const claim = taskAction(
  'claimTask',
  'claim',
  'Claim a task',
  "A clerk of the task's department takes the task on. Claiming one's own claim again changes nothing; a task someone else holds is 409 `task-claimed`, a closed one 409 `task-closed`.",
  async (ctx, _req, principal, task) => {
    refuseOutsiders(principal, task, 'claim');
    return claimTask(ctx.db, task.id, principal.sub, ctx.clock.now().toISOString());
  },
);

const release = taskAction(
  'releaseTask',
  'release',
  'Release a claimed task',
  "The claimant gives the task back to the department's unclaimed tasks; the department's lead may release anyone's claim. Someone else's claim is 403; a task nobody holds 409 `task-not-claimed`.",
  async (ctx, _req, principal, task) => {
    refuseOutsiders(principal, task, 'release');
    return releaseTask(ctx.db, task.id, principal.lead === true ? null : principal.sub);
  },
);

const assign = taskAction(
  'assignTask',
  'assign',
  'Assign a task to a clerk',
  "The department's lead gives the task to a clerk of the department (body `{clerk}`, the clerk's `sub`), whoever held it before. The clerk must have signed in as a clerk of the department (422 otherwise).",
  async (ctx, req, principal, task) => {
    refuseOutsiders(principal, task, 'assign', true);
    const { clerk } = req.body as { clerk: string };
    const person = await personEntry(ctx.db, clerk);
    if (!person || person.role !== 'clerk' || person.org !== task.department) {
      throw validationFailed('assignee-not-clerk', { clerk, department: task.department }, [
        fieldError('/clerk', 'clerk-of-department', { department: task.department }),
      ]);
    }
    return assignTask(ctx.db, task.id, clerk, ctx.clock.now().toISOString());
  },
);

/** Claim, release and assign. */
export const CLAIM_ROUTES: readonly RouteDefinition<HttpContext>[] = [claim, release, assign];

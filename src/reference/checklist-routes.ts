import type { RequestHandler, Router } from 'express';
import {
  checklistProblems,
  currentChecklist,
  publishChecklist,
  type ChecklistBody,
} from '../checklist/index.ts';
import { compileSchema, loadSchema } from '../validation/index.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, validationFailed } from '../http/problem.ts';
import { jsonBody, principalOf } from '../http/request.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { json } from '../openapi/route-table.ts';
import { fieldError, type FieldError } from '../errors/index.ts';

const CHECKLIST = '/api/v1/checklist';

const getChecklist = defineRoute<HttpContext>({
  method: 'get',
  path: CHECKLIST,
  operationId: 'getChecklist',
  summary: 'Read the checklist of fees and inspections',
  description: 'Public: anyone may read what may be charged and inspected.',
  tag: 'Checklist',
  access: 'public',
  responses: { 200: { description: 'The version in force.', content: json('published-checklist') } },
  handler: (ctx) => async (_req, res) => {
    res.json(await currentChecklist(ctx.db));
  },
});

const publishChecklistRoute = defineRoute<HttpContext>({
  method: 'put',
  path: CHECKLIST,
  operationId: 'publishChecklist',
  summary: 'Publish a new checklist version',
  description:
    'Admin. The shape GET returns, without `version`; codes unique, every entry with a legal basis, at least one fee and one inspection (422 otherwise). Earlier assessments keep the version they used.',
  tag: 'Checklist',
  access: 'bearer',
  body: { schema: 'checklist', validation: 'schema' },
  responses: { 201: { description: 'The new version.', content: json('published-checklist') } },
  problems: [403, 422],
  before: () => [...jsonBody()],
  handler: (ctx) => {
    // Compiled as the router is built: a broken schema stops the start.
    const validateChecklist = compileSchema<ChecklistBody>(loadSchema('checklist'));
    return async (req, res) => {
      const principal = principalOf(res);
      if (principal.role !== 'admin') throw forbidden('checklist-admin-only');
      // docs/api.md: the body is the shape GET returns without `version`; `publishedAt` is the service's to set.
      const { publishedAt: _setByTheService, ...candidate } = req.body as Record<string, unknown>;
      const result = validateChecklist(candidate);
      if (!result.ok) throw validationFailed('checklist-invalid', {}, result.errors);
      const body = result.value;
      const problems = [...checklistProblems(body), ...unknownDepartments(ctx, body)];
      if (problems.length) throw validationFailed('checklist-invalid', {}, problems);
      const published = await publishChecklist(ctx.db, body, principal.sub, ctx.clock.now());
      res.status(201).json(published);
    };
  },
});

/**
 * The checklist of fees and inspections: anyone may read what may be charged and inspected; administrators
 * publish new versions (earlier assessments keep the version they used).
 */
export const CHECKLIST_ROUTES: readonly RouteDefinition<HttpContext>[] = [
  getChecklist,
  publishChecklistRoute,
];

/** The checklist router, mounted at `/api/v1/checklist`: reading is public, publishing authenticated. */
export function checklistRouter(ctx: HttpContext, authenticate: RequestHandler): Router {
  return mountRoutes(ctx, CHECKLIST_ROUTES, { prefix: CHECKLIST, authenticate });
}

/**
 * An inspection must belong to a workflow that runs inspections, with a department that has a region there
 * (the single window takes part in every workflow but inspects in none).
 */
function unknownDepartments(ctx: HttpContext, body: ChecklistBody) {
  const problems: FieldError[] = [];
  body.inspections.forEach((item, i) => {
    for (const step of item.steps) {
      const inspecting = ctx.registry.has(step) ? (ctx.registry.get(step).inspectingDepartments ?? []) : [];
      if (!ctx.registry.has(step)) {
        problems.push(fieldError(`/inspections/${i}/steps`, 'not-a-workflow', { workflow: step }));
      } else if (!inspecting.length) {
        problems.push(fieldError(`/inspections/${i}/steps`, 'no-checklist-inspections', { workflow: step }));
      } else if (!inspecting.includes(item.department)) {
        problems.push(
          fieldError(`/inspections/${i}/department`, 'department-does-not-inspect', {
            department: item.department,
            workflow: step,
            departments: inspecting,
          }),
        );
      }
    }
  });
  return problems;
}

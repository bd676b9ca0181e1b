import type { RequestHandler, Router } from 'express';
import { fieldError } from '../errors/index.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, notFound, validationFailed } from '../http/problem.ts';
import { jsonBody, param, principalOf } from '../http/request.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { json } from '../openapi/route-table.ts';
import { compileSchema, loadSchema } from '../validation/index.ts';
import { currentCatalog, publishCatalog } from './catalog-store.ts';
import { catalogProblems } from './required-materials.ts';
import type { MaterialCatalogBody } from './types.ts';

const CATALOG = '/api/v1/workflows/{id}/materials';

/** The workflow named in the path: an application workflow of this service, or 404. */
function applicationWorkflow(ctx: HttpContext, id: string): string {
  if (!ctx.registry.has(id) || ctx.registry.get(id).kind === 'agreement') {
    throw notFound('no-application-workflow', { workflow: id });
  }
  return id;
}

const getCatalog = defineRoute<HttpContext>({
  method: 'get',
  path: CATALOG,
  operationId: 'getMaterialCatalog',
  summary: "Read a workflow's material catalog",
  description:
    'Public: the papers an application of this workflow may need (材料清单), each with its legal basis, the departments that read it, when it is required (`requiredWhen`, a JSON Schema on the form), whether it may follow under a pledge, and the files it takes.',
  tag: 'Materials',
  access: 'public',
  responses: { 200: { description: 'The version in force.', content: json('published-material-catalog') } },
  problems: [404],
  handler: (ctx) => async (req, res) => {
    const workflow = applicationWorkflow(ctx, param(req, 'id'));
    const catalog = await currentCatalog(ctx.db, workflow);
    if (!catalog) throw notFound('no-material-catalog', { workflow });
    res.json(catalog);
  },
});

const publishCatalogRoute = defineRoute<HttpContext>({
  method: 'put',
  path: CATALOG,
  operationId: 'publishMaterialCatalog',
  summary: 'Publish a new material catalog version',
  description:
    'Admin. The shape GET returns, without `workflow`, `version` and `publishedAt`; codes unique, every item with its legal basis, every `requiredWhen` a usable JSON Schema (422 otherwise). Cases already submitted keep the version they were submitted under.',
  tag: 'Materials',
  access: 'bearer',
  body: { schema: 'material-catalog', validation: 'schema' },
  responses: { 201: { description: 'The new version.', content: json('published-material-catalog') } },
  problems: [403, 404, 422],
  before: () => [...jsonBody()],
  handler: (ctx) => {
    const validateCatalog = compileSchema<MaterialCatalogBody>(loadSchema('material-catalog'));
    return async (req, res) => {
      const principal = principalOf(res);
      if (principal.role !== 'admin') throw forbidden('material-catalog-admin-only');
      const workflow = applicationWorkflow(ctx, param(req, 'id'));
      // The fields the service sets are left out rather than refused, so that GET's answer can be sent back.
      const {
        workflow: _w,
        version: _v,
        publishedAt: _p,
        ...candidate
      } = (req.body ?? {}) as Record<string, unknown>;
      const result = validateCatalog(candidate);
      if (!result.ok) throw validationFailed('material-catalog-invalid', {}, result.errors);
      const departments = new Set(ctx.registry.get(workflow).departments);
      const problems = catalogProblems(result.value.items);
      result.value.items.forEach((item, i) =>
        item.departments.forEach((d, j) => {
          if (!departments.has(d)) {
            problems.push(
              fieldError(`/items/${i}/departments/${j}`, 'department-not-in-workflow', {
                department: d,
                workflow,
                departments: [...departments],
              }),
            );
          }
        }),
      );
      if (problems.length) throw validationFailed('material-catalog-invalid', {}, problems);
      res
        .status(201)
        .json(await publishCatalog(ctx.db, workflow, result.value, principal.sub, ctx.clock.now()));
    };
  },
});

/** The material catalog of each workflow: anyone reads it; administrators publish new versions. */
export const CATALOG_ROUTES: readonly RouteDefinition<HttpContext>[] = [getCatalog, publishCatalogRoute];

/** The catalog router, mounted at `/api/v1/workflows/:id/materials`: reading is public, publishing authenticated. */
export function catalogRouter(ctx: HttpContext, authenticate: RequestHandler): Router {
  return mountRoutes(ctx, CATALOG_ROUTES, { prefix: CATALOG, authenticate });
}

import type { RequestHandler, Router } from 'express';
import { currentChecklist } from '../checklist/index.ts';
import { fieldError, type FieldError } from '../errors/index.ts';
import type { HttpContext } from '../http/context.ts';
import { validationFailed } from '../http/problem.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { json } from '../openapi/route-table.ts';
import { currentCatalog } from '../materials/catalog-store.ts';
import { compileSchema, loadSchema, type Validator } from '../validation/index.ts';
import { guideFor } from './guide.ts';

const GUIDE = '/api/v1/guide';

/** The guide's request, once its shape is checked. */
interface GuideRequest {
  workflow: string;
  form?: Record<string, unknown>;
  project?: Record<string, unknown>;
}

/**
 * A schema of schemas/ with its top-level `required` dropped, as the guide takes it: any field may still be
 * open, but a field given must be valid. Compiled once per schema (ajv keeps what it compiles).
 */
const partialValidators = new Map<string, Validator<Record<string, unknown>>>();
function partial(name: string, pointerPrefix: string): Validator<Record<string, unknown>> {
  let validate = partialValidators.get(name);
  if (!validate) {
    const { required: _required, $id, ...rest } = loadSchema(name) as Record<string, unknown>;
    // A new `$id` beside the original, so that its relative `$ref`s (`unit.json`) still resolve.
    const schema = { ...rest, $id: String($id).replace(/\.json$/, '.partial.json') };
    validate = compileSchema<Record<string, unknown>>(schema, { pointerPrefix });
    partialValidators.set(name, validate);
  }
  return validate;
}

const guideRoute = defineRoute<HttpContext>({
  method: 'post',
  path: GUIDE,
  operationId: 'getGuide',
  summary: 'The guide before sign-in (办事指南)',
  description:
    'Public, limited per client address (`RATE_LIMIT_PUBLIC`). For a workflow and the facts known so far (a partial form), the departments that will review with their limits, the case limit, the materials required, the fees with their amounts and the inspections — computed by the same workflow, catalog and checklist that decide the case. Facts not given yet are not guessed: what they change is marked `dependsOn`. Changes nothing, so it takes no `Idempotency-Key`. An unknown workflow or an invalid fact is 422.',
  tag: 'Guide',
  access: 'public',
  body: { schema: 'guide-request', validation: 'parseBody' },
  responses: { 200: { description: 'The guide for these facts.', content: json('guide') } },
  problems: [422, 429],
  handler: (ctx) => async (req, res) => {
    const body = req.body as GuideRequest;
    const def = ctx.registry.has(body.workflow) ? ctx.registry.get(body.workflow) : null;
    if (!def || def.kind === 'agreement') {
      const workflows = ctx.registry
        .latest()
        .filter((w) => w.kind !== 'agreement')
        .map((w) => w.id);
      throw validationFailed('no-application-workflow', { workflow: body.workflow }, [
        fieldError('/workflow', 'not-one-of', { allowed: workflows }),
      ]);
    }
    const form = body.form ?? {};
    const project = body.project ?? {};
    const errors: FieldError[] = [];
    for (const result of [partial(def.formSchema, '/form')(form), partial('project', '/project')(project)]) {
      if (!result.ok) errors.push(...result.errors);
    }
    if (errors.length) throw validationFailed('guide-facts-invalid', {}, errors);
    const [checklist, catalog] = await Promise.all([
      currentChecklist(ctx.db),
      currentCatalog(ctx.db, def.id),
    ]);
    res.json(guideFor({ def, checklist, catalog, form, project, at: ctx.clock.now().toISOString() }));
  },
});

/** The guide before sign-in: public, computed from the process's own rules. */
export const GUIDE_ROUTES: readonly RouteDefinition<HttpContext>[] = [guideRoute];

/** The guide's router, mounted at `/api/v1/guide` behind the per-address limit of public computing routes. */
export function guideRouter(ctx: HttpContext, perAddress: RequestHandler): Router {
  return mountRoutes(ctx, GUIDE_ROUTES, { prefix: GUIDE, use: [perAddress] });
}

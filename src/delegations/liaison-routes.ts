import type { Router } from 'express';
import { isWellFormedUscc } from '../validation/index.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, malformed, validationFailed } from '../http/problem.ts';
import { param, principalOf } from '../http/request.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { json } from '../openapi/route-table.ts';
import { liaisonRow, nameLiaison } from './store.ts';
import { fieldError } from '../errors/index.ts';

const LIAISON = '/api/v1/enterprises/{uscc}/liaison';

const setLiaison = defineRoute<HttpContext>({
  method: 'put',
  path: LIAISON,
  operationId: 'setLiaison',
  summary: "Name an enterprise's liaison",
  description: "Admin: names the enterprise's one-to-one liaison (a clerk's `sub`).",
  tag: 'Enterprises',
  access: 'bearer',
  body: { schema: 'liaison', validation: 'parseBody' },
  responses: { 200: { description: 'The assignment.', content: json('liaison-assignment') } },
  problems: [403, 422],
  // A malformed code is refused once the JSON is read and before its shape is checked, as it always was.
  parsed: () => [
    (req, _res, next) => {
      const uscc = param(req, 'uscc');
      if (!isWellFormedUscc(uscc)) throw malformed('not-a-uscc-param', { uscc });
      next();
    },
  ],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const uscc = param(req, 'uscc');
    const body = req.body as { clerk: string };
    if (principal.role !== 'admin') throw forbidden('liaisons-admin-only');
    if (!body.clerk.trim())
      throw validationFailed('liaison-required', {}, [fieldError('/clerk', 'required')]);
    const row = {
      enterprise: uscc,
      clerk: body.clerk.trim(),
      assigned_by: principal.sub,
      assigned_at: ctx.clock.now().toISOString(),
    };
    await nameLiaison(ctx.db, row);
    res.json({
      enterprise: uscc,
      clerk: row.clerk,
      assignedBy: row.assigned_by,
      assignedAt: row.assigned_at,
    });
  },
});

const getLiaison = defineRoute<HttpContext>({
  method: 'get',
  path: LIAISON,
  operationId: 'getLiaison',
  summary: "Read an enterprise's liaison",
  description: 'An applicant sees its own enterprise only.',
  tag: 'Enterprises',
  access: 'bearer',
  responses: {
    200: { description: 'The assignment (clerk null when none).', content: json('liaison-assignment') },
  },
  problems: [403],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const uscc = param(req, 'uscc');
    if (principal.role === 'applicant' && principal.org !== uscc) throw forbidden('own-enterprise-only');
    const row = await liaisonRow(ctx.db, uscc);
    res.json({ enterprise: uscc, clerk: row?.clerk ?? null, assignedAt: row?.assigned_at ?? null });
  },
});

/** One-to-one liaison (一对一挂点服务): an administrator names the clerk who follows an enterprise. */
export const LIAISON_ROUTES: readonly RouteDefinition<HttpContext>[] = [setLiaison, getLiaison];

/** The liaison router, mounted at `/api/v1/enterprises` behind authentication. */
export function liaisonRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, LIAISON_ROUTES, { prefix: '/api/v1/enterprises' });
}

import { Router } from 'express';
import { isWellFormedUscc } from '../validation/index.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, malformed, validationFailed } from '../http/problem.ts';
import { jsonBody, param, parseBody, principalOf } from '../http/request.ts';
import { liaisonRow, nameLiaison } from './store.ts';

/** One-to-one liaison (一对一挂点服务): an administrator names the clerk who follows an enterprise. */
export function liaisonRouter(ctx: HttpContext): Router {
  const router = Router();

  router.put('/:uscc/liaison', ...jsonBody(), async (req, res) => {
    const principal = principalOf(res);
    const uscc = param(req, 'uscc');
    if (!isWellFormedUscc(uscc))
      throw malformed(`${uscc} is not a unified social credit code (18 characters)`);
    const body = parseBody<{ clerk: string }>('liaison', req.body);
    if (principal.role !== 'admin') throw forbidden('only administrators name liaisons');
    if (!body.clerk.trim())
      throw validationFailed('name the liaison clerk', [{ pointer: '/clerk', detail: 'is required' }]);
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
  });

  router.get('/:uscc/liaison', async (req, res) => {
    const principal = principalOf(res);
    const uscc = param(req, 'uscc');
    if (principal.role === 'applicant' && principal.org !== uscc)
      throw forbidden('you see your own enterprise only');
    const row = await liaisonRow(ctx.db, uscc);
    res.json({ enterprise: uscc, clerk: row?.clerk ?? null, assignedAt: row?.assigned_at ?? null });
  });
  return router;
}

/** The key project a route names, once the caller may read it, with what else the caller may do. */
import type { Request, Response } from 'express';
import { projectRights, type ProjectRights } from '../../auth/policy.ts';
import { dayToIso, shanghaiDay } from '../../calendar/index.ts';
import type { HttpContext } from '../../http/context.ts';
import { notFound } from '../../http/problem.ts';
import { param, principalOf } from '../../http/request.ts';
import { projectCodeParam } from '../../projects/index.ts';
import { projectFacts, projectKnown } from '../project-facts.ts';

/** The prefix every project route sits under. */
export const PROJECTS = '/api/v1/projects';

/**
 * The project of `{code}` (normalised by the projects' rule: 400 `bad-project-code` when it breaks one) and the
 * caller's rights; 404 when nothing names it or the caller may not read it, so that another enterprise learns
 * nothing of a project that is not its own.
 */
export async function projectFor(
  ctx: HttpContext,
  req: Request,
  res: Response,
): Promise<{ code: string; rights: ProjectRights }> {
  const code = projectCodeParam(param(req, 'code'));
  if (!(await projectKnown(ctx.db, code))) throw notFound('no-project', { code });
  const rights = projectRights(principalOf(res), await projectFacts(ctx.db, code));
  if (!rights.read) throw notFound('no-project', { code });
  return { code, rights };
}

export { supervisionRules } from '../supervision-rules.ts';

/** Today in Asia/Shanghai by the service's clock. */
export const todayOf = (ctx: HttpContext): string => dayToIso(shanghaiDay(ctx.clock.now()));

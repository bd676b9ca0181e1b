import type { Router } from 'express';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import type { HttpContext } from '../http/context.ts';
import { notFound } from '../http/problem.ts';
import { pageLimit, param, principalOf, queryString } from '../http/request.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { json, pageOf } from '../openapi/route-table.ts';
import { enterpriseNames } from '../directory/index.ts';
import { projectCodeParam } from './code-param.ts';
import { projectByCode, toProject } from './store.ts';
import { projectSummary, projectView } from './view.ts';
import { casesOfProject, whereProjectVisible } from './visibility.ts';

const PROJECTS = '/api/v1/projects';

const listProjects = defineRoute<HttpContext>({
  method: 'get',
  path: PROJECTS,
  operationId: 'listProjects',
  summary: 'List projects',
  description:
    'The projects the caller may see a case of (the enterprise its own, an agent those of its agreements, a clerk those its department has worked on, auditors and admins all), most recently first seen first.',
  tag: 'Projects',
  access: 'bearer',
  paged: true,
  responses: { 200: { description: 'One page of projects.', content: json(pageOf('project-summary')) } },
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const limit = pageLimit(req);
    const cursor = decodeCursor(queryString(req, 'cursor'), 'serial');
    const deps = { db: ctx.db, registry: ctx.registry, now: ctx.clock.now() };
    const query = ctx.db.knex('projects');
    await whereProjectVisible(query, deps, principal);
    if (cursor) {
      query.where((q) =>
        q
          .where('first_seen_at', '<', cursor.key)
          .orWhere((c) => c.where('first_seen_at', cursor.key).where('id', '<', Number(cursor.id))),
      );
    }
    const rows = await query
      .orderBy([
        { column: 'first_seen_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit + 1)
      .select('*');
    const projects = rows.slice(0, limit).map(toProject);
    const names = await enterpriseNames(
      ctx.db,
      projects.map((p) => p.enterprise),
    );
    const last = projects[projects.length - 1];
    res.json({
      items: projects.map((p) => projectSummary(p, names)),
      nextCursor:
        rows.length > limit && last ? encodeCursor({ key: last.firstSeenAt, id: String(last.id) }) : null,
    });
  },
});

const getProject = defineRoute<HttpContext>({
  method: 'get',
  path: `${PROJECTS}/{code}`,
  operationId: 'getProject',
  summary: 'Read a project across its four stages',
  description:
    'The project of an investment project code (either printed form; case and spaces do not matter): its four stages, every case in each with status, dates and figures, the government working days net of stops, the applicant’s time and special procedures apart, and the totals against the target in force for its type. Seen by whoever may see one of its cases; others get 404, as for a case. Clerks of the departments involved see every submitted case of the project, auditors and administrators every case; the enterprise and its agents the cases they may see. A code that breaks a rule is 400.',
  tag: 'Projects',
  access: 'bearer',
  responses: { 200: { description: 'The project.', content: json('project-detail') } },
  problems: [400, 404],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const code = projectCodeParam(param(req, 'code'));
    const deps = { db: ctx.db, registry: ctx.registry, now: ctx.clock.now() };
    const project = await projectByCode(ctx.db, code);
    const cases = project ? await casesOfProject(deps, principal, code) : null;
    if (!project || !cases) throw notFound('project-not-visible', { code });
    res.json(await projectView(ctx, project, cases));
  },
});

/** The projects' routes: read only. */
export const PROJECT_ROUTES: readonly RouteDefinition<HttpContext>[] = [listProjects, getProject];

/** The projects router, mounted at `/api/v1/projects` behind authentication. */
export function projectsRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, PROJECT_ROUTES, { prefix: PROJECTS });
}

import { isIsoDate } from '../../calendar/index.ts';
import { fieldError } from '../../errors/index.ts';
import type { HttpContext } from '../../http/context.ts';
import { forbidden, HttpError, notFound, validationFailed } from '../../http/problem.ts';
import { param, principalOf } from '../../http/request.ts';
import { defineRoute, type RouteDefinition } from '../../openapi/define-route.ts';
import { json, ref } from '../../openapi/route-table.ts';
import { changeIssue, findIssue, issuesOf, raiseIssue, type IssueChange } from '../issues-store.ts';
import { PROJECTS, projectFor } from './project-access.ts';

const ISSUE = 'project-issue';

const dateErrors = (deadline: string | undefined) =>
  deadline !== undefined && !isIsoDate(deadline) ? [fieldError('/deadline', 'not-a-real-date')] : [];

const listIssues = defineRoute<HttpContext>({
  method: 'get',
  path: `${PROJECTS}/{code}/issues`,
  operationId: 'listProjectIssues',
  summary: "A key project's issue list (问题清单)",
  description: 'Whoever may read the project, the enterprise included. Oldest first.',
  tag: 'Task forces',
  access: 'bearer',
  responses: {
    200: {
      description: 'The issues.',
      content: json({
        type: 'object',
        required: ['items'],
        properties: { items: { type: 'array', items: ref(ISSUE) } },
      }),
    },
  },
  problems: [400, 404],
  handler: (ctx) => async (req, res) => {
    const { code } = await projectFor(ctx, req, res);
    res.json({ items: await issuesOf(ctx.db, code) });
  },
});

const raise = defineRoute<HttpContext>({
  method: 'post',
  path: `${PROJECTS}/{code}/issues`,
  operationId: 'raiseProjectIssue',
  summary: 'Raise an issue',
  description:
    "The lead unit's clerks or the resident officer: title, owner, deadline, measures. It starts `open`.",
  tag: 'Task forces',
  access: 'bearer',
  body: { schema: 'project-issue-new', validation: 'parseBody' },
  responses: { 201: { description: 'The issue.', content: json(ISSUE) } },
  problems: [400, 403, 404, 422],
  handler: (ctx) => async (req, res) => {
    const { code, rights } = await projectFor(ctx, req, res);
    if (!rights.write) throw forbidden('project-write');
    const body = req.body as { title: string; owner: string; deadline: string; measures?: string };
    const errors = dateErrors(body.deadline);
    if (errors.length) throw validationFailed('project-issue-invalid', {}, errors);
    const issue = await raiseIssue(ctx.db, code, {
      ...body,
      measures: body.measures ?? null,
      by: principalOf(res).sub,
      at: ctx.clock.now().toISOString(),
    });
    res.status(201).set('Location', `${PROJECTS}/${code}/issues/${issue.id}`).json(issue);
  },
});

const change = defineRoute<HttpContext>({
  method: 'patch',
  path: `${PROJECTS}/{code}/issues/{id}`,
  operationId: 'changeProjectIssue',
  summary: 'Work an issue',
  description:
    "The lead unit's clerks or the resident officer: status (open → in-progress → resolved), owner, deadline, measures. A resolved issue is closed: 409 `issue-resolved`.",
  tag: 'Task forces',
  access: 'bearer',
  body: { schema: 'project-issue-change', validation: 'parseBody' },
  responses: { 200: { description: 'The issue.', content: json(ISSUE) } },
  problems: [400, 403, 404, 409, 422],
  handler: (ctx) => async (req, res) => {
    const { code, rights } = await projectFor(ctx, req, res);
    const id = param(req, 'id');
    const issue = await findIssue(ctx.db, code, id);
    if (!issue) throw notFound('no-project-issue', { id });
    if (!rights.write) throw forbidden('project-write');
    const body = req.body as IssueChange;
    const errors = dateErrors(body.deadline);
    if (errors.length) throw validationFailed('project-issue-invalid', {}, errors);
    if (issue.status === 'resolved') throw new HttpError(409, 'issue-resolved', 'issue-resolved', { id });
    res.json(await changeIssue(ctx.db, issue, body, ctx.clock.now().toISOString()));
  },
});

/** The issue list routes. */
export const ISSUE_ROUTES: readonly RouteDefinition<HttpContext>[] = [listIssues, raise, change];

import { fieldError, type FieldError } from '../../errors/index.ts';
import type { HttpContext } from '../../http/context.ts';
import { forbidden, validationFailed } from '../../http/problem.ts';
import { param, principalOf } from '../../http/request.ts';
import { projectCodeParam } from '../../projects/index.ts';
import { defineRoute, type RouteDefinition } from '../../openapi/define-route.ts';
import { json } from '../../openapi/route-table.ts';
import { membersOf, replaceMembers, type Member, type MemberRole } from '../members-store.ts';
import { PROJECTS, projectFor } from './project-access.ts';

const MEMBERS_SCHEMA = json({
  type: 'object',
  required: ['projectCode', 'members'],
  properties: {
    projectCode: { type: 'string' },
    members: {
      type: 'array',
      items: {
        type: 'object',
        required: ['role', 'name', 'sub', 'org', 'phone'],
        properties: {
          role: { type: 'string' },
          name: { type: 'string' },
          sub: { type: ['string', 'null'] },
          org: { type: ['string', 'null'] },
          phone: { type: ['string', 'null'] },
        },
      },
    },
  },
});

const getTaskForce = defineRoute<HttpContext>({
  method: 'get',
  path: `${PROJECTS}/{code}/task-force`,
  operationId: 'getTaskForce',
  summary: "A key project's task force (专班)",
  description:
    "Whoever may read the project: administrators and auditors, its members, the lead unit's clerks, the enterprise filing its cases. Anyone else, or an unknown code, is 404.",
  tag: 'Task forces',
  access: 'bearer',
  responses: { 200: { description: 'The members.', content: MEMBERS_SCHEMA } },
  problems: [400, 404],
  handler: (ctx) => async (req, res) => {
    const { code } = await projectFor(ctx, req, res);
    res.json({ projectCode: code, members: await membersOf(ctx.db, code) });
  },
});

const putTaskForce = defineRoute<HttpContext>({
  method: 'put',
  path: `${PROJECTS}/{code}/task-force`,
  operationId: 'putTaskForce',
  summary: "Form or change a project's task force",
  description:
    'Administrator. Replaces the whole task force; it names the project too (a project is known from its first task force, plan or case). One responsible leader and one resident officer, each with the user id they sign in with; one lead unit with its department code; the enterprise contact and the site lead are optional. 422 `task-force-incomplete` otherwise.',
  tag: 'Task forces',
  access: 'bearer',
  body: { schema: 'task-force', validation: 'parseBody' },
  responses: { 200: { description: 'The members.', content: MEMBERS_SCHEMA } },
  problems: [400, 403, 422],
  handler: (ctx) => async (req, res) => {
    const code = projectCodeParam(param(req, 'code'));
    const principal = principalOf(res);
    if (principal.role !== 'admin') throw forbidden('task-force-admin-only');
    const body = req.body as { members: Array<Partial<Member> & { role: MemberRole; name: string }> };
    const members: Member[] = body.members.map((m) => ({
      role: m.role,
      name: m.name,
      sub: m.sub ?? null,
      org: m.org ?? null,
      phone: m.phone ?? null,
    }));
    const errors = taskForceErrors(members);
    if (errors.length) throw validationFailed('task-force-incomplete', {}, errors);
    await replaceMembers(ctx.db, code, members, principal.sub, ctx.clock.now().toISOString());
    res.json({ projectCode: code, members: await membersOf(ctx.db, code) });
  },
});

/** One leader, one lead unit, one resident officer, each reachable. */
function taskForceErrors(members: readonly Member[]): FieldError[] {
  const errors: FieldError[] = [];
  const required: MemberRole[] = ['responsible-leader', 'lead-unit', 'resident-officer'];
  for (const role of required) {
    const holders = members.map((m, i) => ({ m, i })).filter((x) => x.m.role === role);
    if (!holders.length) errors.push(fieldError('/members', 'member-required', { role }));
    if (holders.length > 1)
      errors.push(fieldError(`/members/${holders[1]!.i}/role`, 'one-per-role', { role }));
  }
  members.forEach((m, i) => {
    if ((m.role === 'responsible-leader' || m.role === 'resident-officer') && !m.sub) {
      errors.push(fieldError(`/members/${i}/sub`, 'member-needs-user', { role: m.role }));
    }
    if (m.role === 'lead-unit' && !m.org)
      errors.push(fieldError(`/members/${i}/org`, 'member-needs-department'));
  });
  return errors;
}

/** The task force routes. */
export const TASK_FORCE_MEMBER_ROUTES: readonly RouteDefinition<HttpContext>[] = [getTaskForce, putTaskForce];

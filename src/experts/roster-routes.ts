import type { HttpContext } from '../http/context.ts';
import { forbidden, notFound } from '../http/problem.ts';
import { param, principalOf } from '../http/request.ts';
import { defineRoute, type RouteDefinition } from '../openapi/define-route.ts';
import { itemsOf, json } from '../openapi/route-table.ts';
import {
  findExpert,
  listExperts,
  putExpert,
  seatsOfExpert,
  type Expert,
  type ExpertRelation,
} from './store.ts';

const EXPERTS = '/api/v1/experts';

/** An expert as the roster routes answer; with `engagements` (the reviews they sat on) when read alone. */
async function expertView(ctx: HttpContext, expert: Expert, withEngagements: boolean) {
  if (!withEngagements) return expert;
  const seats = await seatsOfExpert(ctx.db.knex, expert.id);
  return {
    ...expert,
    engagements: seats.map((s) => ({
      review: s.caseId,
      projectCode: s.projectCode,
      seatedAt: s.seatedAt,
      declaredAt: s.declaredAt,
      leftAt: s.leftAt,
      leftBecause: s.leftBecause,
    })),
  };
}

const putExpertRoute = defineRoute<HttpContext>({
  method: 'put',
  path: `${EXPERTS}/{id}`,
  operationId: 'putExpert',
  summary: 'Add or replace an expert of the roster',
  description:
    "Administrators. The id is the `sub` of the expert's token (role `expert`). 201 when the expert is new, 200 when the entry is replaced; past engagements stay, whatever the entry says.",
  tag: 'Expert review',
  access: 'bearer',
  body: { schema: 'expert-entry', validation: 'parseBody' },
  responses: {
    200: { description: 'The entry, replaced.', content: json('expert') },
    201: { description: 'The entry, created.', content: json('expert') },
  },
  problems: [403],
  handler: (ctx) => async (req, res) => {
    if (principalOf(res).role !== 'admin') throw forbidden('experts-admin-only');
    const id = param(req, 'id');
    const body = req.body as {
      name: string;
      fields: string[];
      employerUscc?: string | null;
      relations?: ExpertRelation[];
      status?: 'active' | 'inactive';
    };
    const created = await putExpert(
      ctx.db.knex,
      {
        id,
        name: body.name,
        fields: body.fields,
        employerUscc: body.employerUscc ?? null,
        relations: body.relations ?? [],
        status: body.status ?? 'active',
      },
      ctx.clock.now().toISOString(),
    );
    res.status(created ? 201 : 200).json(await findExpert(ctx.db.knex, id));
  },
});

const listExpertsRoute = defineRoute<HttpContext>({
  method: 'get',
  path: EXPERTS,
  operationId: 'listExperts',
  summary: 'The expert roster',
  description: 'Administrators and auditors: every expert, active or not, by id.',
  tag: 'Expert review',
  access: 'bearer',
  responses: { 200: { description: 'The roster.', content: json(itemsOf('expert')) } },
  problems: [403],
  handler: (ctx) => async (_req, res) => {
    const { role } = principalOf(res);
    if (role !== 'admin' && role !== 'auditor') throw forbidden('experts-read-roles');
    res.json({ items: await listExperts(ctx.db.knex) });
  },
});

const getExpertRoute = defineRoute<HttpContext>({
  method: 'get',
  path: `${EXPERTS}/{id}`,
  operationId: 'getExpert',
  summary: 'An expert of the roster, with their engagements',
  description:
    'Administrators and auditors; an expert their own entry. `engagements` lists the reviews on which the expert held a seat, with their declaration and why they left the panel, if they did.',
  tag: 'Expert review',
  access: 'bearer',
  responses: { 200: { description: 'The expert.', content: json('expert') } },
  problems: [403, 404],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const id = param(req, 'id');
    const own = principal.role === 'expert' && principal.sub === id;
    if (principal.role !== 'admin' && principal.role !== 'auditor' && !own)
      throw forbidden('experts-read-roles');
    const expert = await findExpert(ctx.db.knex, id);
    if (!expert) throw notFound('expert-not-found', { id });
    res.json(await expertView(ctx, expert, true));
  },
});

/** The roster: administrators write it, auditors read it, an expert reads their own entry. */
export const ROSTER_ROUTES: readonly RouteDefinition<HttpContext>[] = [
  listExpertsRoute,
  getExpertRoute,
  putExpertRoute,
];

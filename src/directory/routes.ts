import type { Router } from 'express';
import type { HttpContext } from '../http/context.ts';
import { forbidden, malformed, notFound } from '../http/problem.ts';
import { param, principalOf, queryString } from '../http/request.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { json, ref } from '../openapi/route-table.ts';
import { isWellFormedUscc } from '../validation/index.ts';
import { fieldError } from '../errors/index.ts';
import { clerksOf, enterpriseEntry, keepEnterpriseEntry, type EnterpriseEntry } from './store.ts';

const ENTERPRISE = '/api/v1/enterprises/{uscc}';

function usccParam(uscc: string): string {
  if (!isWellFormedUscc(uscc)) throw malformed('not-a-uscc-param', { uscc });
  return uscc;
}

const entryView = (uscc: string, entry: EnterpriseEntry | null) => ({
  uscc,
  name: entry?.name ?? null,
  nameSource: entry?.nameSource ?? null,
  legalRepresentative: entry?.legalRepresentative ?? null,
  contactPhone: entry?.contactPhone ?? null,
  updatedAt: entry?.updatedAt ?? null,
});

const getEnterprise = defineRoute<HttpContext>({
  method: 'get',
  path: ENTERPRISE,
  operationId: 'getEnterprise',
  summary: "Read an enterprise's directory entry",
  description:
    'The enterprise itself, clerks, auditors and administrators; for anyone else it is 404 (the legal representative and the phone are not public). An enterprise the directory knows nothing of answers its code with null fields.',
  tag: 'Enterprises',
  access: 'bearer',
  responses: { 200: { description: 'The entry.', content: json('enterprise') } },
  problems: [404],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const uscc = usccParam(param(req, 'uscc'));
    const own = principal.role === 'applicant' && principal.org === uscc;
    if (!own && !['clerk', 'auditor', 'admin'].includes(principal.role)) {
      throw notFound('directory-entry-not-visible', { uscc });
    }
    res.json(entryView(uscc, await enterpriseEntry(ctx.db, uscc)));
  },
});

const putEnterprise = defineRoute<HttpContext>({
  method: 'put',
  path: ENTERPRISE,
  operationId: 'keepEnterprise',
  summary: "Keep an enterprise's directory entry",
  description:
    'The enterprise itself (an applicant whose `org` is this USCC) or an administrator: name, legal representative, contact phone. Nobody else (403): one enterprise never names another.',
  tag: 'Enterprises',
  access: 'bearer',
  body: { schema: 'enterprise-entry', validation: 'parseBody' },
  responses: { 200: { description: 'The entry as kept.', content: json('enterprise') } },
  problems: [403],
  parsed: () => [
    (req, _res, next) => {
      usccParam(param(req, 'uscc'));
      next();
    },
  ],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const uscc = param(req, 'uscc');
    const own = principal.role === 'applicant' && principal.org === uscc;
    if (!own && principal.role !== 'admin') {
      throw forbidden('directory-own-entry');
    }
    const body = req.body as {
      name: string;
      legalRepresentative?: string | null;
      contactPhone?: string | null;
    };
    const blankToNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);
    const entry = await keepEnterpriseEntry(
      ctx.db,
      uscc,
      {
        name: body.name.trim(),
        legalRepresentative: blankToNull(body.legalRepresentative),
        contactPhone: blankToNull(body.contactPhone),
      },
      principal.sub,
      ctx.clock.now().toISOString(),
    );
    res.json(entryView(uscc, entry));
  },
});

const listPeople = defineRoute<HttpContext>({
  method: 'get',
  path: '/api/v1/people',
  operationId: 'listClerks',
  summary: "A department's clerks",
  description:
    "The clerks of a department who have signed in, by name: what a lead assigns tasks to. Clerks read their own department's (the default); auditors and administrators any (`department` required).",
  tag: 'Tasks',
  access: 'bearer',
  query: [{ name: 'department', description: 'A department code.', schema: { type: 'string' } }],
  responses: {
    200: {
      description: 'The clerks.',
      content: json({
        type: 'object',
        required: ['items'],
        properties: { items: { type: 'array', items: ref('person') } },
      }),
    },
  },
  problems: [403],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    let department = queryString(req, 'department');
    if (principal.role === 'clerk') {
      if (department !== undefined && department !== principal.org) {
        throw forbidden('people-own-department', { department: principal.org });
      }
      department = principal.org!;
    } else if (principal.role !== 'auditor' && principal.role !== 'admin') {
      throw forbidden('people-roles');
    } else if (department === undefined) {
      throw malformed('department-required', {}, [fieldError('/query/department', 'required')]);
    }
    res.json({ items: await clerksOf(ctx.db, department) });
  },
});

/** The enterprise directory: an entry read and kept by its enterprise. */
export const ENTERPRISE_ROUTES: readonly RouteDefinition<HttpContext>[] = [getEnterprise, putEnterprise];

/** People: a department's clerks. */
export const PEOPLE_ROUTES: readonly RouteDefinition<HttpContext>[] = [listPeople];

/** The directory router, mounted at `/api/v1/enterprises` behind authentication (beside the liaisons). */
export function enterprisesRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, ENTERPRISE_ROUTES, { prefix: '/api/v1/enterprises' });
}

/** The people router, mounted at `/api/v1/people` behind authentication. */
export function peopleRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, PEOPLE_ROUTES, { prefix: '/api/v1/people' });
}

import type { Router } from 'express';
import type { Principal } from '../auth/principal.ts';
import { implausibleTime } from '../calendar/index.ts';
import { ownApplicationIds } from '../cases/queries.ts';
import { toApplication, type ApplicationRecord } from '../engine/records.ts';
import type { DelegationTerms } from '../../workflows/delegation.ts';
import type { HttpContext } from '../http/context.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { forbidden, validationFailed } from '../http/problem.ts';
import { actorOf, pageLimit, param, principalOf, queryString } from '../http/request.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { CREATED, json, pageOf } from '../openapi/route-table.ts';
import { DELEGATION_ACTION_ROUTES } from './action-routes.ts';
import { insertDelegation } from './store.ts';
import { loadVisibleDelegation, visibleDelegations } from './visible-delegation.ts';
import { delegationView } from './view.ts';
import { fieldError, type FieldError } from '../errors/index.ts';

const DELEGATIONS = '/api/v1/delegations';

const requestDelegation = defineRoute<HttpContext>({
  method: 'post',
  path: DELEGATIONS,
  operationId: 'requestDelegation',
  summary: 'Request proxy handling',
  description:
    "Applicant. Without `stages` and `applications` it covers all of the enterprise's cases; without `agent` any agent may accept, and the one who accepts holds it.",
  tag: 'Delegations',
  access: 'bearer',
  idempotent: true,
  body: { schema: 'delegation-request', validation: 'parseBody' },
  responses: { 201: { description: 'The request.', content: json('delegation'), headers: CREATED } },
  problems: [403],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const terms = req.body as DelegationTerms;
    if (principal.role !== 'applicant') throw forbidden('delegation-for-itself');
    await checkTerms(ctx, principal, terms);
    const requested = async (application: ApplicationRecord) => ({
      status: 201,
      location: `/api/v1/delegations/${application.id}`,
      body: await delegationView(ctx, application, false),
    });
    await ctx.idempotency.respond(req, res, {
      replay: async (id: string) => requested((await ctx.engine.load(id))!),
      work: async (commit) => {
        const { application } = await ctx.engine.create(
          {
            workflow: 'delegation',
            applicant: principal.org!,
            project: { name: 'Proxy handling agreement' },
            form: { ...terms },
            actor: actorOf(principal),
          },
          (trx, app) =>
            insertDelegation(trx, {
              id: app.id,
              enterprise: app.applicant,
              requestedAgent: terms.agent ?? null,
              stages: terms.stages ?? null,
              applicationIds: terms.applications ?? null,
              expiresAt: new Date(terms.expiresAt).toISOString(),
            }),
          commit((result) => result.application.id),
        );
        return requested(application);
      },
    });
  },
});

const listDelegations = defineRoute<HttpContext>({
  method: 'get',
  path: DELEGATIONS,
  operationId: 'listDelegations',
  summary: 'List proxy-handling agreements',
  description:
    'The enterprise its own; an agent the ones naming it, open requests naming nobody and the ones it holds; auditors and admins all.',
  tag: 'Delegations',
  access: 'bearer',
  paged: true,
  responses: { 200: { description: 'One page of agreements.', content: json(pageOf('delegation')) } },
  problems: [403],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const limit = pageLimit(req);
    const cursor = decodeCursor(queryString(req, 'cursor'), 'uuid');
    const query = visibleDelegations(ctx, principal);
    if (cursor) {
      query.where((q) =>
        q
          .where('a.created_at', '<', cursor.key)
          .orWhere((c) => c.where('a.created_at', cursor.key).where('a.id', '<', cursor.id)),
      );
    }
    const rows = await query
      .orderBy([
        { column: 'a.created_at', order: 'desc' },
        { column: 'a.id', order: 'desc' },
      ])
      .limit(limit + 1)
      .select('a.*');
    const items = await Promise.all(
      rows.slice(0, limit).map((r) => delegationView(ctx, toApplication(r, ctx.db.dialect), false)),
    );
    const last = items[items.length - 1];
    res.json({
      items,
      nextCursor: rows.length > limit && last ? encodeCursor({ key: last.createdAt, id: last.id }) : null,
    });
  },
});

const getDelegation = defineRoute<HttpContext>({
  method: 'get',
  path: `${DELEGATIONS}/{id}`,
  operationId: 'getDelegation',
  summary: 'Read a proxy-handling agreement',
  description: "With its record and every act done under it in the enterprise's name.",
  tag: 'Delegations',
  access: 'bearer',
  responses: { 200: { description: 'The agreement.', content: json('delegation-detail') } },
  problems: [403, 404],
  handler: (ctx) => async (req, res) => {
    const app = await loadVisibleDelegation(ctx, principalOf(res), param(req, 'id'));
    res.json(await delegationView(ctx, app, true));
  },
});

/**
 * Proxy-handling agreements (全程代办): the enterprise requests, an agent accepts or refuses, the enterprise
 * revokes at any time, either side concludes; expiry ends it by a timer. Each step is an event of the
 * `delegation` workflow, so it is on the agreement's hash-chained record.
 */
export const DELEGATION_ROUTES: readonly RouteDefinition<HttpContext>[] = [
  requestDelegation,
  listDelegations,
  getDelegation,
  ...DELEGATION_ACTION_ROUTES,
];

/** The delegations router, mounted at `/api/v1/delegations` behind authentication. */
export function delegationsRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, DELEGATION_ROUTES, { prefix: DELEGATIONS });
}

/** What an enterprise may ask for: a future expiry, its own applications, stages that exist. */
async function checkTerms(ctx: HttpContext, principal: Principal, terms: DelegationTerms): Promise<void> {
  const errors: FieldError[] = [];
  const now = ctx.clock.now();
  if (Date.parse(terms.expiresAt) <= now.getTime()) {
    errors.push(fieldError('/expiresAt', 'must-be-future'));
  } else {
    const implausible = implausibleTime(terms.expiresAt, now);
    if (implausible) errors.push(fieldError('/expiresAt', implausible.code, implausible.params));
  }
  (terms.stages ?? []).forEach((stage, i) => {
    if (
      typeof stage === 'string' &&
      (!ctx.registry.has(stage) || ctx.registry.get(stage).kind === 'agreement')
    ) {
      errors.push(fieldError(`/stages/${i}`, 'not-a-workflow', { workflow: stage }));
    }
  });
  if (terms.applications?.length) {
    const found = await ownApplicationIds(ctx.db, principal.org!, terms.applications);
    terms.applications.forEach((id, i) => {
      if (!found.has(id)) errors.push(fieldError(`/applications/${i}`, 'not-your-application', { id }));
    });
  }
  if (errors.length) throw validationFailed('delegation-invalid', {}, errors);
}

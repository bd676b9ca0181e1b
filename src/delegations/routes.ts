import express, { Router, type Request, type Response } from 'express';
import type { Principal } from '../auth/principal.ts';
import { implausibleTime } from '../calendar/index.ts';
import { ownApplicationIds } from '../cases/queries.ts';
import { toApplication, type ApplicationRecord } from '../engine/records.ts';
import type { DelegationTerms } from '../../workflows/delegation.ts';
import type { HttpContext } from '../http/context.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { forbidden, malformed, notFound, validationFailed } from '../http/problem.ts';
import {
  actorOf,
  jsonBody,
  pageLimit,
  param,
  parseBody,
  principalOf,
  queryString,
  refuseJsonHazards,
} from '../http/request.ts';
import { delegationsVisibleTo, insertDelegation, setDelegationHolder } from './store.ts';
import { delegationView } from './view.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The event each action route sends, and who may send it (the machine's guards check the rest). */
const ACTIONS = {
  accept: { event: 'ACCEPT', roles: ['agent'] },
  refuse: { event: 'REFUSE', roles: ['agent'] },
  revoke: { event: 'REVOKE', roles: ['applicant'] },
  complete: { event: 'COMPLETE', roles: ['agent', 'applicant'] },
} as const;

/**
 * Proxy-handling agreements (全程代办): the enterprise requests, an agent accepts or refuses, the enterprise
 * revokes at any time, either side concludes; expiry ends it by a timer. Each step is an event of the
 * `delegation` workflow, so it is on the agreement's hash-chained record.
 */
export function delegationsRouter(ctx: HttpContext): Router {
  const router = Router();

  router.post('/', ...jsonBody(), async (req, res) => {
    const principal = principalOf(res);
    const terms = parseBody<DelegationTerms>('delegation-request', req.body);
    if (principal.role !== 'applicant') throw forbidden('an enterprise requests proxy handling for itself');
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
  });

  router.get('/', async (req, res) => {
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
  });

  router.get('/:id', async (req, res) => {
    const app = await loadVisibleDelegation(ctx, principalOf(res), param(req, 'id'));
    res.json(await delegationView(ctx, app, true));
  });

  for (const [action, { event, roles }] of Object.entries(ACTIONS)) {
    router.post(
      `/:id/${action}`,
      async (req: Request, res: Response, next) => {
        // 404 before the body is read (the order of checks, docs/api.md).
        res.locals.delegation = await loadVisibleDelegation(ctx, principalOf(res), param(req, 'id'));
        next();
      },
      express.json({ limit: '1mb', type: ['application/json', 'application/*+json'] }),
      refuseJsonHazards,
      async (req: Request, res: Response) => {
        const principal = principalOf(res);
        const app = res.locals.delegation as ApplicationRecord;
        const comment = actionComment(req.body);
        if (!(roles as readonly string[]).includes(principal.role)) {
          throw forbidden(`${action} is for ${roles.join(' or ')}s`);
        }
        const answer = async (application: ApplicationRecord) => ({
          status: 200,
          body: await delegationView(ctx, application, false),
        });
        await ctx.idempotency.respond(req, res, {
          replay: async (id: string) => answer((await ctx.engine.load(id))!),
          work: async (commit) => {
            const { application } = await ctx.engine.send(
              {
                applicationId: app.id,
                event: { type: event, ...(comment === undefined ? {} : { comment }) },
                actor: actorOf(principal),
              },
              event === 'ACCEPT'
                ? async (trx) => {
                    await setDelegationHolder(trx, app.id, principal.sub);
                    return {};
                  }
                : undefined,
              commit((result) => result.application.id),
            );
            return answer(application);
          },
        });
      },
    );
  }
  return router;
}

/**
 * The optional body of an action: `{comment?}`, the reasons on the agreement's record. A refusal must give
 * them (the content rule of `REFUSE`, 422); the other actions may. No body at all is an empty one.
 */
function actionComment(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw malformed('send no body, or a JSON object {comment?}');
  }
  const { comment, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length) {
    throw malformed(
      'an action on an agreement takes only a comment',
      unknown.map((key) => ({ pointer: `/${key}`, detail: 'is not a property of this body' })),
    );
  }
  if (comment !== undefined && (typeof comment !== 'string' || comment.length > 2000)) {
    throw malformed('comment must be text of at most 2000 characters', [
      { pointer: '/comment', detail: 'must be a string of at most 2000 characters' },
    ]);
  }
  return comment as string | undefined;
}

/** What an enterprise may ask for: a future expiry, its own applications, stages that exist. */
async function checkTerms(ctx: HttpContext, principal: Principal, terms: DelegationTerms): Promise<void> {
  const errors: Array<{ pointer: string; detail: string }> = [];
  const now = ctx.clock.now();
  if (Date.parse(terms.expiresAt) <= now.getTime()) {
    errors.push({ pointer: '/expiresAt', detail: 'must be in the future' });
  } else {
    const implausible = implausibleTime(terms.expiresAt, now);
    if (implausible) errors.push({ pointer: '/expiresAt', detail: implausible });
  }
  (terms.stages ?? []).forEach((stage, i) => {
    if (
      typeof stage === 'string' &&
      (!ctx.registry.has(stage) || ctx.registry.get(stage).kind === 'agreement')
    ) {
      errors.push({ pointer: `/stages/${i}`, detail: `${stage} is not a workflow of this service` });
    }
  });
  if (terms.applications?.length) {
    const found = await ownApplicationIds(ctx.db, principal.org!, terms.applications);
    terms.applications.forEach((id, i) => {
      if (!found.has(id))
        errors.push({ pointer: `/applications/${i}`, detail: `no application ${id} of yours` });
    });
  }
  if (errors.length) throw validationFailed('the request for proxy handling cannot be made as it is', errors);
}

/** The agreements the caller may see; clerks have no part in them (403). */
function visibleDelegations(ctx: HttpContext, principal: Principal) {
  const query = delegationsVisibleTo(ctx.db, principal);
  if (!query) throw forbidden('proxy-handling agreements are between enterprises and the service team');
  return query;
}

/** An agreement the caller may see, or 404 (one that does not exist and one hidden look alike). */
async function loadVisibleDelegation(
  ctx: HttpContext,
  principal: Principal,
  id: string,
): Promise<ApplicationRecord> {
  const missing = notFound(`no proxy-handling agreement ${id} that you can see`);
  if (!UUID.test(id)) throw missing;
  const row = await visibleDelegations(ctx, principal).where('a.id', id).first('a.*');
  if (!row) throw missing;
  return toApplication(row, ctx.db.dialect);
}

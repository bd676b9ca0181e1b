import express, { type Request, type Response } from 'express';
import type { ApplicationRecord } from '../engine/records.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, malformed } from '../http/problem.ts';
import { actorOf, param, principalOf, refuseJsonHazards } from '../http/request.ts';
import { defineRoute, type RouteDefinition } from '../openapi/define-route.ts';
import { json, REPLAYABLE } from '../openapi/route-table.ts';
import { loadVisibleDelegation } from './visible-delegation.ts';
import { setDelegationHolder } from './store.ts';
import { delegationView } from './view.ts';
import { fieldError } from '../errors/index.ts';

/** The actions on an agreement: each sends one event of its workflow; who may send it (the guards check the rest). */
const ACTIONS = [
  ['accept', 'ACCEPT', ['agent'], 'acceptDelegation', 'Accept a proxy-handling request', 'agent', 'active'],
  [
    'refuse',
    'REFUSE',
    ['agent'],
    'refuseDelegation',
    'Refuse a proxy-handling request',
    'agent (with the reasons)',
    'refused',
  ],
  [
    'revoke',
    'REVOKE',
    ['applicant'],
    'revokeDelegation',
    'Revoke a proxy-handling agreement',
    'applicant',
    'revoked',
  ],
  [
    'complete',
    'COMPLETE',
    ['agent', 'applicant'],
    'completeDelegation',
    'Conclude a proxy-handling agreement',
    'agent or applicant',
    'concluded',
  ],
] as const;

/** `POST /api/v1/delegations/{id}/{accept|refuse|revoke|complete}`, with an optional `{comment?}` body. */
export const DELEGATION_ACTION_ROUTES: readonly RouteDefinition<HttpContext>[] = ACTIONS.map(
  ([action, event, roles, operationId, summary, who, status]) =>
    defineRoute<HttpContext>({
      method: 'post',
      path: `/api/v1/delegations/{id}/${action}`,
      operationId,
      summary,
      description: `${who[0].toUpperCase()}${who.slice(1)}. The agreement becomes \`${status}\`. An optional body carries the reasons, kept on the agreement's record.`,
      tag: 'Delegations',
      access: 'bearer',
      idempotent: true,
      body: { schema: 'delegation-action', validation: 'route', required: false },
      responses: {
        200: {
          description: `The agreement, now ${status}.`,
          content: json('delegation'),
          headers: REPLAYABLE,
        },
      },
      problems: [403, 404, 409],
      before: (ctx) => [
        async (req: Request, res: Response, next) => {
          // 404 before the body is read (the order of checks, docs/api.md).
          res.locals.delegation = await loadVisibleDelegation(ctx, principalOf(res), param(req, 'id'));
          next();
        },
        express.json({ limit: '1mb', type: ['application/json', 'application/*+json'] }),
        refuseJsonHazards,
      ],
      handler: (ctx) => async (req: Request, res: Response) => {
        const principal = principalOf(res);
        const app = res.locals.delegation as ApplicationRecord;
        const comment = actionComment(req.body);
        if (!(roles as readonly string[]).includes(principal.role)) {
          throw forbidden('delegation-action-role', { action, roles });
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
    }),
);

/**
 * The optional body of an action: `{comment?}`, the reasons on the agreement's record. A refusal must give
 * them (the content rule of `REFUSE`, 422); the other actions may. No body at all is an empty one.
 */
function actionComment(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw malformed('action-body');
  }
  const { comment, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length) {
    throw malformed(
      'action-comment-only',
      {},
      unknown.map((key) => fieldError(`/${key}`, 'not-a-body-property')),
    );
  }
  if (comment !== undefined && (typeof comment !== 'string' || comment.length > 2000)) {
    throw malformed('action-comment-too-long', {}, [fieldError('/comment', 'too-long', { max: 2000 })]);
  }
  return comment as string | undefined;
}

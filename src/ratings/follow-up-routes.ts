import type { Router } from 'express';
import type { Principal } from '../auth/principal.ts';
import type { AuditRecord } from '../engine/records.ts';
import type { EventInput } from '../engine/workflow.ts';
import { fieldError, type FieldError } from '../errors/index.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, notFound, validationFailed } from '../http/problem.ts';
import { actorOf, param, principalOf } from '../http/request.ts';
import { historyOf } from '../cases/index.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { json, REPLAYABLE } from '../openapi/route-table.ts';
import type { RatingFollowUpContext } from '../../workflows/rating-follow-up.ts';
import { isLevel } from './levels.ts';
import { ratingOfFollowUp, type RatingRecord } from './store.ts';
import { ratingView, type RatingAudience } from './view.ts';

const FOLLOW_UPS = '/api/v1/rating-follow-ups';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who sends each event: the rated department's clerks, an administrator (the supervisor), the rater. */
const SENDERS: Record<string, 'department' | 'supervisor' | 'rater'> = {
  CONTACT: 'department',
  VERIFY: 'department',
  RECTIFIED: 'department',
  ANSWER: 'department',
  EXCLUDE: 'supervisor',
  DISMISS_APPEAL: 'supervisor',
  RATE_FOLLOW_UP: 'rater',
};

/** Events that say in `comment` what was done, answered or decided. */
const WITH_COMMENT = ['RECTIFIED', 'ANSWER', 'EXCLUDE', 'DISMISS_APPEAL'];
const FINDINGS = ['justified', 'explained', 'appealed'];

/**
 * Who sees a follow-up: the rated department's clerks, auditors and administrators, the rater and the
 * enterprise rated. Anyone else gets 404, as for a case.
 */
function audienceOf(principal: Principal, rating: RatingRecord): RatingAudience | null {
  switch (principal.role) {
    case 'auditor':
    case 'admin':
      return 'supervision';
    case 'clerk':
      return principal.org === rating.department ? 'department' : null;
    case 'applicant':
      return principal.org === rating.enterprise ? 'enterprise' : null;
    case 'agent':
      return principal.sub === rating.raterSub ? 'enterprise' : null;
    default:
      return null;
  }
}

/** The follow-up of `:id` and the caller's view of it, or 404. */
async function visibleFollowUp(ctx: HttpContext, principal: Principal, id: string) {
  const rating = UUID.test(id) ? await ratingOfFollowUp(ctx.db, id) : undefined;
  const audience = rating ? audienceOf(principal, rating) : null;
  if (!rating || !audience) throw notFound('no-rating-follow-up', { id });
  return { rating, audience };
}

/** The follow-up as `schemas/responses/rating-follow-up.json` shows it: roles and departments, no people. */
async function followUpView(ctx: HttpContext, id: string, audience: RatingAudience) {
  const rating = (await ratingOfFollowUp(ctx.db, id))!;
  const app = (await ctx.engine.load(id))!;
  const c = ctx.engine.snapshotOf(app).context as RatingFollowUpContext;
  const steps = (await historyOf(ctx.db, id)).filter((r) => r.type !== 'CREATE').map(stepOf);
  return {
    id,
    rating: ratingView(rating, audience),
    department: c.department,
    status: app.status,
    contactDueAt: c.contactDueAt,
    dueAt: c.dueAt,
    contactedAt: c.contactedAt,
    contactOverdue: c.contactOverdue,
    finding: c.finding,
    rectifiedAt: c.rectifiedAt,
    answeredAt: c.answeredAt,
    followUpLevel: c.followUpLevel,
    steps,
  };
}

function stepOf(record: AuditRecord) {
  return {
    type: record.type,
    at: record.at,
    role: record.actor.role,
    department: record.actor.role === 'clerk' ? record.actor.org : null,
    comment: record.comment,
    data: (record.data as Record<string, unknown> | null) ?? null,
  };
}

const getFollowUp = defineRoute<HttpContext>({
  method: 'get',
  path: `${FOLLOW_UPS}/{id}`,
  operationId: 'getRatingFollowUp',
  summary: "A bad rating's follow-up",
  description:
    "The rated department's clerks, auditors, administrators, the rater and the enterprise rated. The limits (contact, rectify and answer) as instants from the calendar, the finding, the steps taken (by role and department, never by person) and the rater's rating of the follow-up. The rater is shown only where the rating view shows it. Others get 404.",
  tag: 'Ratings',
  access: 'bearer',
  responses: { 200: { description: 'The follow-up.', content: json('rating-follow-up') } },
  problems: [404],
  handler: (ctx) => async (req, res) => {
    const { audience } = await visibleFollowUp(ctx, principalOf(res), param(req, 'id'));
    res.json(await followUpView(ctx, param(req, 'id'), audience));
  },
});

const sendFollowUpEvent = defineRoute<HttpContext>({
  method: 'post',
  path: `${FOLLOW_UPS}/{id}/events`,
  operationId: 'sendRatingFollowUpEvent',
  summary: "A step of a bad rating's follow-up",
  description:
    'CONTACT, VERIFY (`data.finding`: justified, explained or appealed), RECTIFIED and ANSWER (with `comment`) by a clerk of the rated department; EXCLUDE (the rating leaves every figure, kept in the record) and DISMISS_APPEAL (the department rectifies) with `comment` by an administrator, on an appealed rating; RATE_FOLLOW_UP (`data.level` 1–5) by the rater once answered. CONTACT_OVERDUE is sent by the contact timer only. Checks run 401 → 404 → 400 → 403 → 422 → 409.',
  tag: 'Ratings',
  access: 'bearer',
  idempotent: true,
  body: { schema: 'rating-follow-up-event', validation: 'parseBody' },
  responses: {
    200: {
      description: 'The follow-up after the step.',
      content: json('rating-follow-up'),
      headers: REPLAYABLE,
    },
  },
  problems: [403, 404, 409],
  before: (ctx) => [
    async (req, res, next) => {
      res.locals.followUp = await visibleFollowUp(ctx, principalOf(res), param(req, 'id'));
      next();
    },
  ],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const { rating, audience } = res.locals.followUp as Awaited<ReturnType<typeof visibleFollowUp>>;
    const body = req.body as EventInput;
    const id = param(req, 'id');
    mayStep(principal, rating, body.type);
    const errors: FieldError[] = [];
    if (WITH_COMMENT.includes(body.type) && !body.comment?.trim()) {
      errors.push(fieldError('/comment', 'rating-step-comment'));
    }
    if (body.type === 'VERIFY' && !FINDINGS.includes(String(body.data?.finding))) {
      errors.push(fieldError('/data/finding', 'rating-finding'));
    }
    if (body.type === 'RATE_FOLLOW_UP' && !isLevel(body.data?.level)) {
      errors.push(fieldError('/data/level', 'rating-level'));
    }
    if (errors.length) throw validationFailed('rating-follow-up-invalid', {}, errors);
    const answer = async () => ({ status: 200, body: await followUpView(ctx, id, audience) });
    await ctx.idempotency.respond(req, res, {
      replay: answer,
      work: async (commit) => {
        await ctx.engine.send(
          {
            applicationId: id,
            event: {
              type: body.type,
              ...(body.comment === undefined ? {} : { comment: body.comment }),
              ...(body.data === undefined ? {} : { data: body.data }),
            },
            actor: actorOf(principal),
            onBehalfOf: principal.role === 'agent' ? rating.enterprise : null,
          },
          undefined,
          commit(() => id),
        );
        return answer();
      },
    });
  },
});

/** 403 unless the caller sends this kind of step: the rated department, a supervisor, or the rater. */
function mayStep(principal: Principal, rating: RatingRecord, type: string): void {
  const sender = SENDERS[type];
  if (sender === 'department' && !(principal.role === 'clerk' && principal.org === rating.department)) {
    throw forbidden('rating-follow-up-department', { event: type, department: rating.department });
  }
  if (sender === 'supervisor' && principal.role !== 'admin') {
    throw forbidden('rating-follow-up-supervisor', { event: type });
  }
  if (sender === 'rater' && principal.sub !== rating.raterSub) {
    throw forbidden('rating-follow-up-rater');
  }
}

/** A follow-up and its steps. */
export const FOLLOW_UP_ROUTES: readonly RouteDefinition<HttpContext>[] = [getFollowUp, sendFollowUpEvent];

/** The router mounted at `/api/v1/rating-follow-ups`. */
export function followUpsRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, FOLLOW_UP_ROUTES, { prefix: FOLLOW_UPS });
}

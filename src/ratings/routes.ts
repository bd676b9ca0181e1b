import { randomUUID } from 'node:crypto';
import type { Router } from 'express';
import type { Principal } from '../auth/principal.ts';
import { accessOf, caseOf, visibleCase } from '../cases/index.ts';
import { isUniqueViolation } from '../db/index.ts';
import { SYSTEM_ACTOR, type ApplicationRecord } from '../engine/records.ts';
import { fieldError, type FieldError } from '../errors/index.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, HttpError, validationFailed } from '../http/problem.ts';
import { principalOf } from '../http/request.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { CREATED, json } from '../openapi/route-table.ts';
import { BAD_LEVELS, isChannel, isLevel } from './levels.ts';
import { FOLLOW_UP_WORKFLOW } from './observer.ts';
import { insertRating, ratingExists, ratingsOf, type NewRating } from './store.ts';
import { CASE_TARGET, resultsOf } from './targets.ts';
import { ratingView, type RatingAudience } from './view.ts';

const RATINGS = '/api/v1/applications/{id}/ratings';

/** The body of a rating, once its shape is checked. */
interface RatingBody {
  level: number;
  channel: number;
  department?: string;
  tags?: string[];
  text?: string;
}

/** Whose view of the case's ratings the caller gets (the case's 404 is already behind it). */
function audienceOf(principal: Principal): RatingAudience {
  if (principal.role === 'clerk') return 'department';
  if (principal.role === 'auditor' || principal.role === 'admin') return 'supervision';
  return 'enterprise';
}

const rateCase = defineRoute<HttpContext>({
  method: 'post',
  path: RATINGS,
  operationId: 'rateApplication',
  summary: 'Rate a result (好差评)',
  description:
    "The enterprise, or an agent under an active agreement covering the case, rates the case as a whole once it is concluded, or a department's decision (`department`) once that department approved or denied. One rating per rater per target: a second is 409 `rating-exists`, also when two arrive at the same instant (a rating is evidence and may have opened a follow-up, so it is never changed). A level outside 1–5 or a channel outside 1–4 is 422. A level of 4 or 5 opens a follow-up case for the department the rating is attributed to (`followUp`). Checks run 401 → 404 → 400 → 403 → 422 → 409.",
  tag: 'Ratings',
  access: 'bearer',
  idempotent: true,
  body: { schema: 'rating-create', validation: 'parseBody' },
  responses: { 201: { description: 'The rating.', content: json('rating'), headers: CREATED } },
  problems: [403, 404, 409],
  before: (ctx) => [visibleCase(ctx)],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const app = caseOf(res);
    const body = req.body as RatingBody;
    const byEnterprise = principal.role === 'applicant' || principal.role === 'agent';
    if (!byEnterprise || accessOf(res) !== 'act') throw forbidden('rating-by-enterprise');
    const errors: FieldError[] = [];
    if (!isLevel(body.level)) errors.push(fieldError('/level', 'rating-level'));
    if (!isChannel(body.channel)) errors.push(fieldError('/channel', 'rating-channel'));
    const target = body.department ?? CASE_TARGET;
    const departments = ctx.registry.get(app.workflowId, app.workflowVersion).departments;
    if (body.department !== undefined && !departments.includes(body.department)) {
      errors.push(fieldError('/department', 'rating-department-target'));
    }
    if (errors.length) throw validationFailed('rating-invalid', {}, errors);
    const result = (await resultsOf(ctx.db, app)).get(target);
    if (!result) throw new HttpError(409, 'event-not-allowed', 'rating-no-result', { target });
    if (await ratingExists(ctx.db.knex, app.id, target, principal.sub)) {
      throw new HttpError(409, 'event-not-allowed', 'rating-exists', { target });
    }
    const rating: NewRating = {
      id: randomUUID(),
      applicationId: app.id,
      workflowId: app.workflowId,
      target,
      department: result.department,
      clerk: result.clerk,
      enterprise: app.applicant,
      raterSub: principal.sub,
      raterRole: principal.role,
      level: body.level,
      tags: body.tags ?? [],
      text: body.text ?? null,
      channel: body.channel,
      isDefault: false,
      resultAt: result.at,
      ratedAt: ctx.clock.now().toISOString(),
      followUpId: null,
      followUpStatus: null,
      followUpDueAt: null,
    };
    const answer = async (id: string) => {
      const saved = (await ratingsOf(ctx.db, app.id)).find((r) => r.id === id)!;
      return {
        status: 201,
        location: `/api/v1/applications/${app.id}/ratings`,
        body: ratingView(saved, audienceOf(principal)),
      };
    };
    await ctx.idempotency.respond(req, res, {
      replay: answer,
      work: async (commit) => {
        try {
          if (BAD_LEVELS.includes(rating.level))
            await openFollowUp(
              ctx,
              app,
              rating,
              commit(() => rating.id),
            );
          else await insertRating(ctx.db.knex, rating);
        } catch (error) {
          // The same rater rating the same target at the same instant: the unique key lets one in.
          if (isUniqueViolation(error))
            throw new HttpError(409, 'event-not-allowed', 'rating-exists', { target });
          throw error;
        }
        return answer(rating.id);
      },
    });
  },
});

/** Records a bad rating with its follow-up case, in one transaction; the limits in force go into the case. */
async function openFollowUp(
  ctx: HttpContext,
  app: ApplicationRecord,
  rating: NewRating,
  after: Parameters<HttpContext['engine']['create']>[2],
): Promise<void> {
  await ctx.engine.create(
    {
      workflow: FOLLOW_UP_WORKFLOW,
      applicant: app.applicant,
      project: { ...app.project },
      form: {
        rating: rating.id,
        application: app.id,
        department: rating.department,
        contactWorkingDays: ctx.ratings.contactWorkingDays,
        rectifyWorkingDays: ctx.ratings.rectifyWorkingDays,
        rateDays: ctx.ratings.followUpRateDays,
      },
      // Opened by the service, so that the rater's identity is not in the follow-up's record.
      actor: SYSTEM_ACTOR,
      at: new Date(rating.ratedAt),
    },
    async (trx, followUp) => {
      const context = ctx.engine.snapshotOf(followUp).context as { dueAt: string };
      await insertRating(trx, {
        ...rating,
        followUpId: followUp.id,
        followUpStatus: followUp.status,
        followUpDueAt: context.dueAt,
      });
    },
    after,
  );
}

const listRatings = defineRoute<HttpContext>({
  method: 'get',
  path: RATINGS,
  operationId: 'listApplicationRatings',
  summary: 'The ratings of a case',
  description:
    "The enterprise's side (the enterprise, its agent), auditors and administrators see every rating of the case, with the rater; a clerk sees the ratings attributed to their own department only, without the rater. Another enterprise's case is 404.",
  tag: 'Ratings',
  access: 'bearer',
  responses: { 200: { description: 'The ratings, oldest first.', content: json('rating-list') } },
  problems: [404],
  before: (ctx) => [visibleCase(ctx)],
  handler: (ctx) => async (_req, res) => {
    const principal = principalOf(res);
    const audience = audienceOf(principal);
    const ratings = await ratingsOf(ctx.db, caseOf(res).id);
    const visible =
      audience === 'department' ? ratings.filter((r) => r.department === principal.org) : ratings;
    res.json({ items: visible.map((r) => ratingView(r, audience)) });
  },
});

/** Rating a case and reading its ratings. */
export const RATING_ROUTES: readonly RouteDefinition<HttpContext>[] = [rateCase, listRatings];

/** The router mounted at `/api/v1/applications/:id/ratings`. */
export function ratingsRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, RATING_ROUTES, { prefix: RATINGS });
}

import { randomBytes } from 'node:crypto';
import { investmentReviewConfig as config } from '../../db/seeds/investment-review.ts';
import { fieldError, type FieldError } from '../errors/index.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, HttpError, validationFailed } from '../http/problem.ts';
import { actorOf, param, principalOf } from '../http/request.ts';
import { defineRoute, type RouteDefinition } from '../openapi/define-route.ts';
import { json, REPLAYABLE } from '../openapi/route-table.ts';
import type { Ballot } from './decision-rule.ts';
import {
  lockedContext,
  reachReview,
  requireDeclared,
  requireOfficer,
  reviewContext,
} from './review-access.ts';
import { respondWithReview } from './review-answer.ts';
import { insertBallot } from './store.ts';
import { openedMeeting, sealOf } from './unseal.ts';

const REVIEWS = '/api/v1/investment-reviews';

/** What the score sheet must hold, by the configured gates, weights and reasons (422 otherwise). */
function ballotErrors(ballot: Ballot): FieldError[] {
  const errors: FieldError[] = [];
  const gates = Object.keys(ballot.gates);
  if (config.gates.some((g) => !gates.includes(g)) || gates.some((g) => !config.gates.includes(g))) {
    errors.push(fieldError('/gates', 'ballot-gates', { gates: [...config.gates] }));
  }
  const criteria = Object.keys(config.weights);
  const scored = Object.keys(ballot.scores);
  if (criteria.some((c) => !scored.includes(c)) || scored.some((c) => !criteria.includes(c))) {
    errors.push(fieldError('/scores', 'ballot-scores', { criteria }));
  }
  const reasons = ballot.reasons ?? [];
  if (
    (ballot.vote === 'reject' && reasons.length === 0) ||
    reasons.some((r) => !config.rejectionReasons.includes(r))
  ) {
    errors.push(fieldError('/reasons', 'ballot-reasons', { allowed: [...config.rejectionReasons] }));
  }
  if (ballot.vote === 'pass-with-conditions' && !ballot.conditions?.trim()) {
    errors.push(fieldError('/conditions', 'ballot-conditions'));
  }
  const failed = Object.values(ballot.gates).includes('fail');
  if (failed && (ballot.vote === 'pass' || ballot.vote === 'pass-with-conditions')) {
    errors.push(fieldError('/vote', 'ballot-failed-gate'));
  }
  return errors;
}

const castBallot = defineRoute<HttpContext>({
  method: 'post',
  path: `${REVIEWS}/{id}/ballot`,
  operationId: 'castReviewBallot',
  summary: 'Vote in the meeting (a seated expert)',
  description:
    "A seated expert who has declared no conflict, while the meeting is open; once per meeting. The ballot is stored sealed: the case's record gets only its seal (`VOTE` with SHA-256 of the canonical ballot and a salt). The vote that leaves every present member voted opens all ballots onto the record with the decision of the configured rule, and the review moves on by it. Before that, nobody reads any ballot.",
  tag: 'Expert review',
  access: 'bearer',
  idempotent: true,
  body: { schema: 'review-ballot', validation: 'parseBody' },
  responses: { 200: { description: 'The review.', content: json('investment-review'), headers: REPLAYABLE } },
  problems: [403, 404, 409, 422],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const reached = await reachReview(ctx, principal, param(req, 'id'));
    if (principal.role !== 'expert' || !reached.seat) throw forbidden('review-member-only', { act: 'vote' });
    requireDeclared(reached);
    const ballot = req.body as Ballot;
    const errors = ballotErrors(ballot);
    if (errors.length) throw validationFailed('event-incomplete', { event: 'VOTE' }, errors);
    const app = reached.app;
    const context = reviewContext(app);
    if (context.voted.includes(principal.sub))
      throw new HttpError(409, 'event-not-allowed', 'ballot-already-cast');
    await respondWithReview(ctx, req, res, async (commit) => {
      const { application } = await ctx.engine.send(
        {
          applicationId: app.id,
          event: { type: 'VOTE', data: { expert: principal.sub } },
          actor: actorOf(principal),
        },
        async (trx) => {
          const fresh = await lockedContext(trx, ctx.db.dialect, app.id);
          const salt = randomBytes(16).toString('hex');
          await insertBallot(trx, {
            caseId: app.id,
            meeting: fresh.meetings,
            expertId: principal.sub,
            ballot,
            salt,
            at: ctx.clock.now().toISOString(),
          });
          const voted = [...fresh.voted, principal.sub];
          const opened = await openedMeeting(trx, app.id, fresh, voted, fresh.absent);
          return { seal: sealOf(ballot, salt), meeting: fresh.meetings, ...(opened ?? {}) };
        },
        commit((result) => result.application.id),
      );
      return application;
    });
  },
});

const recordAbsence = defineRoute<HttpContext>({
  method: 'post',
  path: `${REVIEWS}/{id}/absences`,
  operationId: 'recordReviewAbsence',
  summary: 'Record that a member is absent from the meeting',
  description:
    'The review officer, while the meeting is open, for a member who has not voted. If every member still present has voted, the ballots are opened and decided as with the last vote; if fewer than the quorum remain, the meeting is void (`no-quorum`, its ballots stay sealed) and the panel is drawn again.',
  tag: 'Expert review',
  access: 'bearer',
  idempotent: true,
  body: { schema: 'review-absence', validation: 'parseBody' },
  responses: { 200: { description: 'The review.', content: json('investment-review'), headers: REPLAYABLE } },
  problems: [403, 404, 409],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const { app } = await reachReview(ctx, principal, param(req, 'id'));
    requireOfficer(principal);
    const expert = (req.body as { expert: string }).expert;
    const context = reviewContext(app);
    if (context.voted.includes(expert)) throw new HttpError(409, 'event-not-allowed', 'ballot-already-cast');
    await respondWithReview(ctx, req, res, async (commit) => {
      const { application } = await ctx.engine.send(
        { applicationId: app.id, event: { type: 'ABSENT', data: { expert } }, actor: actorOf(principal) },
        async (trx) => {
          const fresh = await lockedContext(trx, ctx.db.dialect, app.id);
          if (!fresh.panel.includes(expert) || fresh.voted.includes(expert)) return {};
          const absent = [...new Set([...fresh.absent, expert])];
          return (await openedMeeting(trx, app.id, fresh, fresh.voted, absent)) ?? {};
        },
        commit((result) => result.application.id),
      );
      return application;
    });
  },
});

/** The sealed ballot and the officer's record of absences. */
export const BALLOT_ROUTES: readonly RouteDefinition<HttpContext>[] = [castBallot, recordAbsence];

import type { Request, Response } from 'express';
import type { ApplicationRecord } from '../engine/records.ts';
import type { HttpContext } from '../http/context.ts';
import type { CommitKey } from '../http/idempotency.ts';
import { reviewView } from './review-view.ts';

/**
 * Answers an act on a review with the review after it (200), under the caller's `Idempotency-Key`: `send`
 * commits the event with the key; a replay answers the review as it stands.
 */
export function respondWithReview(
  ctx: HttpContext,
  req: Request,
  res: Response,
  send: (commit: CommitKey<string>) => Promise<ApplicationRecord>,
): Promise<void> {
  return ctx.idempotency.respond(req, res, {
    replay: async (id: string) => ({
      status: 200,
      body: await reviewView(ctx, (await ctx.engine.load(id))!, null),
    }),
    work: async (commit) => ({ status: 200, body: await reviewView(ctx, await send(commit), null) }),
  });
}

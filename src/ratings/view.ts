/**
 * A rating as the API shows it. Who sees what: the rater's identity to the enterprise's side (the enterprise
 * and its agent) and to auditors and administrators, never to clerks or the public; the clerk it is
 * attributed to, to the government's side only.
 */
import { RATING_LEVELS } from './levels.ts';
import type { RatingRecord } from './store.ts';

/** Whose view of a rating: the enterprise's side, the rated department's clerks, or auditors and admins. */
export type RatingAudience = 'enterprise' | 'department' | 'supervision';

/** The JSON of `schemas/responses/rating.json`. */
export function ratingView(rating: RatingRecord, audience: RatingAudience): Record<string, unknown> {
  return {
    id: rating.id,
    application: rating.applicationId,
    workflow: rating.workflowId,
    target: rating.target,
    department: rating.department,
    ...(audience !== 'enterprise' ? { clerk: rating.clerk } : {}),
    level: rating.level,
    levelName: RATING_LEVELS[rating.level as keyof typeof RATING_LEVELS],
    tags: rating.tags,
    text: rating.text,
    channel: rating.channel,
    default: rating.isDefault,
    resultAt: rating.resultAt,
    ratedAt: rating.ratedAt,
    excluded: rating.excluded,
    ...(rating.excluded ? { exclusionReason: rating.exclusionReason } : {}),
    followUp: rating.followUpId
      ? {
          id: rating.followUpId,
          status: rating.followUpStatus,
          dueAt: rating.followUpDueAt,
          rectifiedOnTime: rating.rectifiedOnTime,
          level: rating.followUpLevel,
        }
      : null,
    ...(audience !== 'department' && !rating.isDefault
      ? { rater: { sub: rating.raterSub, role: rating.raterRole } }
      : {}),
  };
}

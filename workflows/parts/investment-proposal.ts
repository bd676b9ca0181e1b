/**
 * The facts of an investment proposal the pre-review machine (workflows/investment-review.ts) works out for
 * itself: the entry-threshold flags and the batch cut-off, from the zone's configuration. Pure, so the machine
 * reads no clock and the routes and tests compute the same.
 */
import { investmentReviewConfig as config } from '../../db/seeds/investment-review.ts';
import { civilFromDay, dayFromCivil, endOfDay, shanghaiDay } from '../../src/calendar/shanghai-time.ts';

/** A department's pre-review position. */
export type PreReviewPosition = 'agree' | 'agree-with-conditions' | 'disagree';

/** How a meeting ended, as the decision rule computed it (src/experts/decision-rule.ts). */
export type ReviewOutcome = 'passed' | 'passed-with-conditions' | 'rejected' | 'deferred' | 'no-quorum';

/** What the machine remembers. */
export interface InvestmentReviewContext {
  industry: string | null;
  /** Entry thresholds the proposal does not meet (flags for the panel, never a rejection). */
  flags: string[];
  /** The month's batch (`YYYY-MM`) and the end of its cut-off day. */
  batch: string | null;
  cutOffAt: string | null;
  positions: Record<string, { position: PreReviewPosition; conditions: string | null }>;
  /** The seated members (replacements take a recused member's seat). */
  panel: string[];
  /** Members who declared no conflict. */
  declared: string[];
  /** Members the investor objected to, awaiting the officer's decision. */
  objections: string[];
  /** Meetings held (a deferral or a void meeting starts another). */
  meetings: number;
  deferrals: number;
  voted: string[];
  absent: string[];
  outcome: ReviewOutcome | null;
  conditions: string[];
}

/** The entry thresholds a proposal misses, from its declared figures (config thresholds). */
export function entryFlags(form: Record<string, unknown>): string[] {
  const t = config.thresholds;
  const mu = Number(form.landMu);
  const flags: string[] = [];
  if (!(mu > 0) || Number(form.investmentYuan) / mu < t.investmentPerMu) flags.push('investment-per-mu');
  if (!(mu > 0) || Number(form.taxPerYearYuan) / mu < t.taxPerMuPerYear) flags.push('tax-per-mu');
  if (!(Number(form.floorAreaRatio) >= t.floorAreaRatio)) flags.push('floor-area-ratio');
  if (!(Number(form.coverage) >= t.coverage)) flags.push('coverage');
  return flags;
}

/** The end of the cut-off day of the batch a proposal filed at `at` joins: this month's, or next month's. */
export function cutOffFor(at: string): Date {
  const { year, month, day } = civilFromDay(shanghaiDay(at));
  if (day <= config.cutOffDay) return endOfDay(dayFromCivil(year, month, config.cutOffDay));
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return endOfDay(dayFromCivil(next.year, next.month, config.cutOffDay));
}

/** The events only the /api/v1/investment-reviews routes send: each carries what the route computed. */
export const reviewRouteEvents = {
  CLOSE_BATCH: 'POST /api/v1/investment-reviews/batches/:batch/close',
  PANEL_DRAWN: 'POST /api/v1/investment-reviews/:id/draw',
  DECLARED: 'POST /api/v1/investment-reviews/:id/declaration',
  RECUSED: 'POST /api/v1/investment-reviews/:id/declaration',
  OBJECTION_DECIDED: 'POST /api/v1/investment-reviews/:id/objections/:expert/decision',
  VOTE: 'POST /api/v1/investment-reviews/:id/ballot',
  ABSENT: 'POST /api/v1/investment-reviews/:id/absences',
} as const;

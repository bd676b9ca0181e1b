/**
 * The construction permit's facts: what its machine remembers, what a version adds, its working-day limits with
 * their sources, and the case limit they give (read by the machine in `construction-permit.ts` and by the
 * registry's versions in `construction-permit-versions.ts`).
 */
import type { CaseContext } from './parts/index.ts';
import { caseLimits } from './parts/index.ts';
import type { PledgeChoice } from './parts/pledge.ts';

/** Environmental impact category of the form; only a report table or book needs an approval here. */
export type EnvironmentalCategory = 'none' | 'registration' | 'report-table' | 'report-book';

/** What the machine remembers beyond its state and the window's handling. */
export interface PermitContext extends CaseContext {
  /** Facts from the submitted form that decide which departments review. */
  needs: { fire: boolean; civilDefense: boolean; environment: EnvironmentalCategory };
  /** Version 2: the pledge signed at filing, when the applicant chose one. */
  pledge?: PledgeChoice | null;
}

/** Working-day limits with their sources (docs/domain.md, "Time limits"); see also `caseLimits`. */
export const limits = {
  ...caseLimits,
  /** Art. 42 (no specific national limit found). */
  planning: 20,
  /** MOHURD Order 42 (2018). */
  housing: 7,
  /** MOHURD Order 51 art. 22. */
  fire: 15,
  /** MOHURD Order 51 art. 22: a special fire design's expert review takes at most 20 (not counted, art. 45). */
  fireExpertReview: 20,
  /** Art. 42 (no specific national limit found). */
  civilDefense: 20,
  /** Environmental Impact Assessment Law art. 22: report table 30, report book 60. */
  environmentTable: 30,
  environmentBook: 60,
  /** Art. 42: joint handling 45 days, or the longest applicable department limit if longer. */
  case: 45,
  /** Art. 42: joint handling may be extended by up to 15 days, once. */
  maxExtension: 15,
} as const;

/** What a version adds to version 1's machine; version 1 passes `{}`. */
export interface PermitFeatures {
  /** Version 2: the fire department may stop its clock for an expert review of a special fire design. */
  expertReview?: boolean;
  /** Version 2: approval on pledge (告知承诺制) of the permit itself (`parts/pledge.ts`). */
  pledge?: boolean;
}

/** The case limit: 45 working days, or the longest department limit that applies if longer, plus extension. */
export function permitLimitWorkingDays(context: PermitContext): number {
  const longest = Math.max(
    limits.planning,
    limits.housing,
    context.needs.fire ? limits.fire : 0,
    context.needs.civilDefense ? limits.civilDefense : 0,
    context.needs.environment === 'report-book'
      ? limits.environmentBook
      : context.needs.environment === 'report-table'
        ? limits.environmentTable
        : 0,
  );
  return Math.max(limits.case, longest) + context.extensionDays;
}

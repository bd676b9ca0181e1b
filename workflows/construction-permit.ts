/**
 * Construction permit, stages 2 and 3 in parallel (并联审批), version 1.
 *
 * The enterprise submits one form. The single window examines it within 5 working days: it accepts, accepts
 * with deficiencies (missing papers follow under a pledge), asks once for everything missing, or refuses.
 * Once accepted, every department the project needs reviews at the same time, each in its own region:
 *
 * | region        | department      | when                                              | limit (WD) |
 * |---------------|-----------------|---------------------------------------------------|------------|
 * | planning      | planning        | always                                            | 20         |
 * | housing       | housing         | always (the construction permit itself)           | 7          |
 * | fire          | fire            | special construction projects (`specialFireWorks`) | 15         |
 * | civilDefense  | civil-defense   | `undergroundAreaM2 > 0`                           | 20         |
 * | environment   | environment     | report table (30) or report book (60)             | 30 / 60    |
 *
 * A department approves, asks for papers (its clock stops until the enterprise supplements; one SUPPLEMENT
 * answers every open request), or denies — a denial ends the case at once. When every region has approved
 * (and pledged papers have arrived) and every fee assessed from the checklist is paid or waived, the window
 * issues the one permit. Pledged papers not delivered by the
 * pledge date suspend the case; 15 working days later it is returned (refused). The enterprise may withdraw
 * until the case is concluded; the window may extend the limit once, with reasons.
 *
 * Version 2 adds the fire department's expert review (特别程序, `parts/expert-review.ts`). One builder makes
 * every version from a features object, so that an older version's machine stays exactly as it was.
 *
 * Limits are working days from docs/domain.md; each cites its source where it is set. The intake, pledged papers,
 * extension, fees, issuing and outcomes are the parts every application shares (`parts/`); this file states
 * the departments' review.
 *
 * Version 2 is the same machine built with `{ pledge: true }`: approval on pledge (告知承诺制) decides the
 * housing item at once when the applicant pledged for it (`parts/pledge.ts`); the verification follows the
 * issue in a case of its own (`pledge-verification.ts`).
 */
import { assign, setup } from 'xstate';
import type { MachineEvent, WorkflowDeps } from '../src/engine/workflow.ts';
import {
  caseActions,
  caseDelays,
  caseEvents,
  caseGuards,
  decidedBy,
  expertReview,
  expertReviewActions,
  expertReviewDelays,
  extension,
  initialCaseContext,
  intake,
  issuing,
  outcome,
  pledgedPapers,
  startExpertReview,
  type ExpertReviewCap,
} from './parts/index.ts';
// pledge (告知承诺制), version 2: wiring only; the part is workflows/parts/pledge.ts.
import { decidedOnPledge, PERMIT_PLEDGE, pledgeWiring } from './parts/pledge.ts';

import {
  limits,
  type EnvironmentalCategory,
  type PermitContext,
  type PermitFeatures,
} from './construction-permit-facts.ts';

export { limits, type EnvironmentalCategory, type PermitContext, type PermitFeatures };

const ROOT = '#construction-permit';
const REVIEW = `${ROOT}.accepted.review`;

const FIRE_EXPERT_REVIEW: ExpertReviewCap = {
  capDays: limits.fireExpertReview,
  source: 'MOHURD Order 51 art. 22; Administrative Licensing Law art. 45',
};

/**
 * Builds the machine of the version with `features`; `deps` turns working days into delays (the machine itself
 * never reads a calendar).
 */
export function createConstructionPermitMachine(deps: WorkflowDeps, features: PermitFeatures = {}) {
  const pledged = features.pledge === true;
  const pledge = pledgeWiring<PermitContext>(pledged); // pledge: nothing at all in v1
  const permit = setup({
    types: {} as { context: PermitContext; events: MachineEvent },
    guards: {
      ...pledge.guards,
      ...caseGuards,
      needsFireReview: ({ context }) => context.needs.fire,
      needsCivilDefenseReview: ({ context }) => context.needs.civilDefense,
      needsEnvironmentReportTable: ({ context }) => context.needs.environment === 'report-table',
      needsEnvironmentReportBook: ({ context }) => context.needs.environment === 'report-book',
    },
    actions: {
      ...pledge.actions,
      ...caseActions<PermitContext>(),
      ...(features.expertReview ? expertReviewActions<PermitContext>() : {}),
      recordFacts: assign({
        needs: ({ event }) => {
          const form = event.form ?? {};
          return {
            fire: form.specialFireWorks === true,
            civilDefense: Number(form.undergroundAreaM2 ?? 0) > 0,
            environment: (form.environmentalCategory as EnvironmentalCategory | undefined) ?? 'none',
          };
        },
      }),
    },
    // Version 1's machine has none of the expert review's implementations: its structure stays as recorded.
    delays: {
      ...caseDelays(deps),
      ...(features.expertReview ? expertReviewDelays(deps, FIRE_EXPERT_REVIEW) : {}),
    } as ReturnType<typeof caseDelays> & ReturnType<typeof expertReviewDelays>,
  });

  /**
   * One department's review: a task node whose clock stops while it waits for the applicant's papers, and,
   * with `experts`, while its experts review.
   */
  const review = (
    region: string,
    department: string,
    limitDays: number,
    source: string,
    experts?: ExpertReviewCap,
  ) =>
    permit.createStateConfig({
      meta: { task: { department, action: 'review', limitDays }, source },
      initial: 'reviewing',
      states: {
        reviewing: {
          ...decidedOnPledge(
            pledged && PERMIT_PLEDGE.items.includes(region),
            region,
            `${REVIEW}.${region}.approved`,
          ),
          on: {
            APPROVE: { guard: decidedBy(REVIEW, department), target: `${REVIEW}.${region}.approved` },
            REQUEST_SUPPLEMENT: {
              guard: decidedBy(REVIEW, department),
              target: 'awaitingSupplement',
              actions: { type: 'notifyApplicant', params: { about: 'supplement-requested' } },
            },
            DENY: { guard: decidedBy(REVIEW, department), target: `${ROOT}.denied` },
            ...(experts ? startExpertReview(decidedBy(REVIEW, department)) : {}),
          },
        },
        awaitingSupplement: { tags: ['clock:applicant'], on: { SUPPLEMENT: 'reviewing' } },
        ...(experts
          ? {
              expertReview: expertReview(
                { type: 'fromDepartment' as const, params: { department } },
                experts,
              ),
            }
          : {}),
      },
    });

  /** A region for a department that reviews only when the project's facts call for it. */
  const conditionalRegion = (
    region: string,
    guard: 'needsFireReview' | 'needsCivilDefenseReview',
    reviewNode: ReturnType<typeof review>,
  ) =>
    permit.createStateConfig({
      initial: 'checking',
      states: {
        checking: { always: [{ guard, target: 'review' }, { target: 'notRequired' }] },
        review: reviewNode,
        approved: { type: 'final' },
        notRequired: { type: 'final' },
      },
    });

  return permit.createMachine({
    id: 'construction-permit',
    context: {
      needs: { fire: false, civilDefense: false, environment: 'none' },
      ...pledge.context,
      ...initialCaseContext,
    },
    initial: 'draft',
    on: caseEvents,
    states: {
      draft: {
        tags: ['status:draft'],
        on: { SUBMIT: { target: 'intake', actions: ['recordFacts', ...pledge.onSubmit] } },
      },
      intake: intake(ROOT),
      accepted: {
        tags: ['status:in_review'],
        initial: 'review',
        on: extension,
        states: {
          review: {
            type: 'parallel',
            states: {
              planning: {
                initial: 'review',
                states: {
                  review: review(
                    'planning',
                    'planning',
                    limits.planning,
                    'Administrative Licensing Law art. 42',
                  ),
                  approved: { type: 'final' },
                },
              },
              housing: {
                initial: 'review',
                states: {
                  review: review('housing', 'housing', limits.housing, 'MOHURD Order 42 (2018)'),
                  approved: { type: 'final' },
                },
              },
              fire: conditionalRegion(
                'fire',
                'needsFireReview',
                review(
                  'fire',
                  'fire',
                  limits.fire,
                  'MOHURD Order 51 art. 22',
                  features.expertReview ? FIRE_EXPERT_REVIEW : undefined,
                ),
              ),
              civilDefense: conditionalRegion(
                'civilDefense',
                'needsCivilDefenseReview',
                review(
                  'civilDefense',
                  'civil-defense',
                  limits.civilDefense,
                  'Administrative Licensing Law art. 42',
                ),
              ),
              environment: {
                initial: 'checking',
                states: {
                  checking: {
                    always: [
                      { guard: 'needsEnvironmentReportBook', target: 'reviewReportBook' },
                      { guard: 'needsEnvironmentReportTable', target: 'reviewReportTable' },
                      { target: 'notRequired' },
                    ],
                  },
                  reviewReportTable: review(
                    'environment',
                    'environment',
                    limits.environmentTable,
                    'Environmental Impact Assessment Law art. 22',
                  ),
                  reviewReportBook: review(
                    'environment',
                    'environment',
                    limits.environmentBook,
                    'Environmental Impact Assessment Law art. 22',
                  ),
                  approved: { type: 'final' },
                  notRequired: { type: 'final' },
                },
              },
              // Papers accepted as missing under a pledge: due by the pledge date, else the case is suspended.
              deficiencies: pledgedPapers(ROOT),
            },
            onDone: 'issuing',
          },
          issuing: issuing(`${ROOT}.approved`, 'permit-issued'),
        },
      },
      approved: outcome('approved'),
      denied: outcome('denied', 'denied'),
      refused: outcome('refused', 'refused'),
      withdrawn: outcome('withdrawn'),
    },
  });
}

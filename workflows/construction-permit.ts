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
 * Limits are working days from docs/domain.md; each cites its source where it is set. The intake, pledged papers,
 * extension, fees, issuing and outcomes are the parts every application shares (`parts/`); this file states
 * the departments' review.
 *
 * Version 2 is the same machine built with `{ pledge: true }`: approval on pledge (告知承诺制) decides the
 * housing item at once when the applicant pledged for it (`parts/pledge.ts`); the verification follows the
 * issue in a case of its own (`pledge-verification.ts`).
 */
import { assign, setup } from 'xstate';
import {
  defineWorkflow,
  type MachineEvent,
  type WorkflowDefinition,
  type WorkflowDeps,
} from '../src/engine/workflow.ts';
import {
  caseActions,
  caseDelays,
  caseEvents,
  caseGuards,
  caseLimits,
  casePermissions,
  decidedBy,
  extension,
  feeRouteEvents,
  initialCaseContext,
  intake,
  issuing,
  outcome,
  pledgedPapers,
  type CaseContext,
} from './parts/index.ts';
// pledge (告知承诺制), version 2: wiring only; the part is workflows/parts/pledge.ts.
import { decidedOnPledge, PERMIT_PLEDGE, pledgeWiring, type PledgeChoice } from './parts/pledge.ts';

/** Environmental impact category of the form; only a report table or book needs an approval here. */
export type EnvironmentalCategory = 'none' | 'registration' | 'report-table' | 'report-book';

/** What the machine remembers beyond its state and the window's handling. */
export interface PermitContext extends CaseContext {
  /** Facts from the submitted form that decide which departments review. */
  needs: { fire: boolean; civilDefense: boolean; environment: EnvironmentalCategory };
  /** Version 2: the pledge signed at filing, when the applicant chose one. */
  pledge?: PledgeChoice | null;
}

/** What a version adds to the machine of version 1 (`{}`). */
export interface PermitFeatures {
  /** Approval on pledge (告知承诺制) for the items of `PERMIT_PLEDGE`. */
  pledge?: boolean;
}

/** Working-day limits with their sources (docs/domain.md, "Time limits"); see also `caseLimits`. */
export const limits = {
  ...caseLimits,
  /** Art. 42 (no specific national limit found). */
  planning: 20,
  /** MOHURD Order 42 (2018). */
  housing: 7,
  /** MOHURD Order 51 art. 22 (expert review would stop the clock, up to 20 more). */
  fire: 15,
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

const ROOT = '#construction-permit';
const REVIEW = `${ROOT}.accepted.review`;

/** Builds the machine; `deps` turns working days into delays (the machine itself never reads a calendar). */
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
    delays: caseDelays(deps),
  });

  /** One department's review: a task node whose clock stops while it waits for the applicant's papers. */
  const review = (region: string, department: string, limitDays: number, source: string) =>
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
          },
        },
        awaitingSupplement: { tags: ['clock:applicant'], on: { SUPPLEMENT: 'reviewing' } },
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
                review('fire', 'fire', limits.fire, 'MOHURD Order 51 art. 22'),
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

/** The workflow as the registry lists it (departments, timers and acceptance are read off the machine). */
export function constructionPermit(deps: WorkflowDeps): WorkflowDefinition {
  return permitDefinition(deps, 1, {});
}

/** Version 2: version 1 plus approval on pledge (告知承诺制) of the permit itself (`PERMIT_PLEDGE`). */
export function constructionPermitV2(deps: WorkflowDeps): WorkflowDefinition {
  return permitDefinition(deps, 2, { pledge: true });
}

function permitDefinition(deps: WorkflowDeps, version: number, features: PermitFeatures): WorkflowDefinition {
  return defineWorkflow({
    id: 'construction-permit',
    version,
    title: 'Construction permit (stages 2 and 3, parallel review)',
    stages: [2, 3],
    machine: createConstructionPermitMachine(deps, features),
    ...(features.pledge ? { pledge: PERMIT_PLEDGE } : {}),
    formSchema: 'construction-permit.form',
    submitEvents: ['SUBMIT'],
    routeEvents: feeRouteEvents,
    permissions: { ...casePermissions, department: ['APPROVE', 'REQUEST_SUPPLEMENT', 'DENY'] },
    statutoryLimitDays: limits.case,
    maxExtensionDays: limits.maxExtension,
    limitWorkingDays: (context) => permitLimitWorkingDays(context as PermitContext),
    // Only fees hold up a permit once every department has approved.
    explainRefusal: (snapshot, event) => {
      if (event.type !== 'ISSUE' || !snapshot.matches({ accepted: 'issuing' })) return undefined;
      const { outstandingFees } = snapshot.context as PermitContext;
      return outstandingFees ? `${outstandingFees} assessed fee(s) not yet paid or waived` : undefined;
    },
  });
}

/**
 * Project approval and land-use planning permit (立项用地规划许可), stage 1 of the four (国办发〔2018〕33号),
 * version 1.
 *
 * The enterprise submits one form for the stage. The single window examines it as for every application
 * (accept, accept with deficiencies under a pledge, ask once for everything missing, refuse). Once accepted, two
 * departments work at the same time, then the land-use planning permit follows:
 *
 * | step                                   | department         | when                                         | limit (WD) |
 * |----------------------------------------|--------------------|----------------------------------------------|------------|
 * | project filing (备案)                   | development-reform | `approvalType: filing`                       | 2          |
 * | project approval (核准)                 | development-reform | `approvalType: approval`                     | 20         |
 * | land pre-examination and site selection | natural-resources  | unless `onApprovedConstructionLand`          | 20         |
 * | land-use planning permit               | planning           | after both above                             | 20         |
 *
 * Filing or approval and the land pre-examination run in parallel (并联审批); the land-use planning permit comes
 * after them, since it is granted on the project's filing or approval and its pre-examination opinion
 * (自然资发〔2019〕2号, which also waives the pre-examination for projects on construction land already approved).
 * A department approves, asks for papers (its clock stops until the enterprise supplements) or denies — a
 * denial ends the case. The window hands back the result once every step has approved and every fee is settled.
 *
 * Stage 2 (the planning permit for the works, 建设工程规划许可) is not here: it stays inside the parallel
 * construction-permit workflow (stages 2 and 3).
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

/** What the machine remembers beyond its state and the window's handling. */
export interface LandPlanningContext extends CaseContext {
  /** Facts from the submitted form that decide the steps. */
  needs: { approval: boolean; landPreExamination: boolean };
}

/** Working-day limits with their sources (docs/domain.md, "Stage 1"); see also `caseLimits`. */
export const limits = {
  ...caseLimits,
  /** Local choice: Regulation 673 (2016) makes a filing complete once its information is; 2 days to record it. */
  filing: 2,
  /** Regulation on the approval and filing of enterprise investment projects (国务院令第673号): 20 working days. */
  approval: 20,
  /** Measures on the pre-examination of land for construction projects (国土资源部令第68号): 20 days. */
  landPreExamination: 20,
  /** Administrative Licensing Law art. 42 (no specific national limit found for the land-use planning permit). */
  planningPermit: 20,
  /** Art. 42: joint handling 45 days. */
  case: 45,
  /** Art. 42: joint handling may be extended by up to 15 days, once. */
  maxExtension: 15,
} as const;

const ROOT = '#land-planning';
const REVIEW = `${ROOT}.accepted.review`;

/** Builds the machine; `deps` turns working days into delays. */
export function createLandPlanningMachine(deps: WorkflowDeps) {
  const landPlanning = setup({
    types: {} as { context: LandPlanningContext; events: MachineEvent },
    guards: {
      ...caseGuards,
      needsApproval: ({ context }) => context.needs.approval,
      needsLandPreExamination: ({ context }) => context.needs.landPreExamination,
      fromPlanning: ({ event }) => event.department === 'planning',
    },
    actions: {
      ...caseActions<LandPlanningContext>(),
      recordFacts: assign({
        needs: ({ event }) => {
          const form = event.form ?? {};
          return {
            approval: form.approvalType === 'approval',
            landPreExamination: form.onApprovedConstructionLand !== true,
          };
        },
      }),
    },
    delays: caseDelays(deps),
  });

  /** One department's review inside the parallel step, its clock stopped while it waits for papers. */
  const review = (region: string, department: string, limitDays: number, source: string) =>
    landPlanning.createStateConfig({
      meta: { task: { department, action: 'review', limitDays }, source },
      initial: 'reviewing',
      states: {
        reviewing: {
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

  return landPlanning.createMachine({
    id: 'land-planning',
    context: { needs: { approval: false, landPreExamination: true }, ...initialCaseContext },
    initial: 'draft',
    on: caseEvents,
    states: {
      draft: {
        tags: ['status:draft'],
        on: { SUBMIT: { target: 'intake', actions: 'recordFacts' } },
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
              developmentReform: {
                initial: 'checking',
                states: {
                  checking: {
                    always: [{ guard: 'needsApproval', target: 'approval' }, { target: 'filing' }],
                  },
                  filing: review('developmentReform', 'development-reform', limits.filing, 'local choice'),
                  approval: review(
                    'developmentReform',
                    'development-reform',
                    limits.approval,
                    '国务院令第673号',
                  ),
                  approved: { type: 'final' },
                },
              },
              landPreExamination: {
                initial: 'checking',
                states: {
                  checking: {
                    always: [
                      { guard: 'needsLandPreExamination', target: 'review' },
                      { target: 'notRequired' },
                    ],
                  },
                  review: review(
                    'landPreExamination',
                    'natural-resources',
                    limits.landPreExamination,
                    '国土资源部令第68号',
                  ),
                  approved: { type: 'final' },
                  notRequired: { type: 'final' },
                },
              },
              // Papers accepted as missing under a pledge: due by the pledge date, else the case is suspended.
              deficiencies: pledgedPapers(ROOT),
            },
            onDone: 'planningPermit',
          },
          // Granted on the project's filing or approval and its pre-examination (自然资发〔2019〕2号).
          planningPermit: {
            meta: {
              task: { department: 'planning', action: 'review', limitDays: limits.planningPermit },
              source: 'Administrative Licensing Law art. 42',
            },
            initial: 'reviewing',
            states: {
              reviewing: {
                on: {
                  APPROVE: { guard: 'fromPlanning', target: `${ROOT}.accepted.issuing` },
                  REQUEST_SUPPLEMENT: {
                    guard: 'fromPlanning',
                    target: 'awaitingSupplement',
                    actions: { type: 'notifyApplicant', params: { about: 'supplement-requested' } },
                  },
                  DENY: { guard: 'fromPlanning', target: `${ROOT}.denied` },
                },
              },
              awaitingSupplement: { tags: ['clock:applicant'], on: { SUPPLEMENT: 'reviewing' } },
            },
          },
          issuing: issuing(`${ROOT}.approved`, 'land-planning-permit-issued'),
        },
      },
      approved: outcome('approved'),
      denied: outcome('denied', 'denied'),
      refused: outcome('refused', 'refused'),
      withdrawn: outcome('withdrawn'),
    },
  });
}

/** The case limit: joint handling 45 working days, or the longest path if longer, plus the extension. */
export function landPlanningLimitWorkingDays(context: LandPlanningContext): number {
  const first = Math.max(
    context.needs.approval ? limits.approval : limits.filing,
    context.needs.landPreExamination ? limits.landPreExamination : 0,
  );
  return Math.max(limits.case, first + limits.planningPermit) + context.extensionDays;
}

/** The workflow as the registry lists it (departments, timers and acceptance are read off the machine). */
export function landPlanning(deps: WorkflowDeps): WorkflowDefinition {
  return defineWorkflow({
    id: 'land-planning',
    version: 1,
    title: 'Project approval and land-use planning permit (stage 1)',
    stages: [1],
    machine: createLandPlanningMachine(deps),
    formSchema: 'land-planning.form',
    submitEvents: ['SUBMIT'],
    routeEvents: feeRouteEvents,
    permissions: { ...casePermissions, department: ['APPROVE', 'REQUEST_SUPPLEMENT', 'DENY'] },
    statutoryLimitDays: limits.case,
    maxExtensionDays: limits.maxExtension,
    limitWorkingDays: (context) => landPlanningLimitWorkingDays(context as LandPlanningContext),
    explainRefusal: (snapshot, event) => {
      if (event.type !== 'ISSUE' || !snapshot.matches({ accepted: 'issuing' })) return undefined;
      const { outstandingFees } = snapshot.context as LandPlanningContext;
      return outstandingFees ? `${outstandingFees} assessed fee(s) not yet paid or waived` : undefined;
    },
  });
}

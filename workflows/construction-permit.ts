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
 * Limits are working days from DOMAIN.md; each cites its source where it is set.
 */
import { and, assign, cancel, not, raise, setup, stateIn } from 'xstate';
import type { MachineEvent, WorkflowDefinition, WorkflowDeps } from '../src/engine/workflow.ts';

/** Environmental impact category of the form; only a report table or book needs an approval here. */
export type EnvironmentalCategory = 'none' | 'registration' | 'report-table' | 'report-book';

/** What the machine remembers beyond its state. */
export interface PermitContext {
  /** Facts from the submitted form that decide which departments review. */
  needs: { fire: boolean; civilDefense: boolean; environment: EnvironmentalCategory };
  /** The window asks for supplements once, listing everything (Administrative Licensing Law art. 32). */
  intakeSupplementAsked: boolean;
  /** Papers accepted as missing under a pledge (容缺受理) and the date they are promised for. */
  deficiencies: string[];
  pledgeDate: string | null;
  /** Working days added by the one lawful extension. */
  extensionDays: number;
  /** Fees assessed from the checklist and not yet paid or waived: the permit is not handed back before. */
  outstandingFees: number;
}

/** Working-day limits, each with its source (DOMAIN.md, "Time limits and the clock"). */
export const limits = {
  /** Administrative Licensing Law art. 32: accept, or ask for everything missing, within 5 days. */
  intake: 5,
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
  /** Local choice: the window hands back the permit within 2 working days of the last approval. */
  issue: 2,
  /** Art. 42: joint handling 45 days, or the longest applicable department limit if longer. */
  case: 45,
  /** Art. 42: joint handling may be extended by up to 15 days, once. */
  maxExtension: 15,
  /** Taizhou rule: a case suspended for missing pledged papers is returned after 15 more working days. */
  suspensionReturn: 15,
} as const;

const ROOT = '#construction-permit';
const REVIEW = `${ROOT}.accepted.review`;

/** Builds the machine; `deps` turns working days into delays (the machine itself never reads a calendar). */
export function createConstructionPermitMachine(deps: WorkflowDeps) {
  const permit = setup({
    types: {} as { context: PermitContext; events: MachineEvent },
    guards: {
      fromWindow: ({ event }) => event.department === 'window',
      fromDepartment: ({ event }, params: { department: string }) => event.department === params.department,
      intakeSupplementNotYetAsked: ({ context }) => !context.intakeSupplementAsked,
      needsFireReview: ({ context }) => context.needs.fire,
      needsCivilDefenseReview: ({ context }) => context.needs.civilDefense,
      needsEnvironmentReportTable: ({ context }) => context.needs.environment === 'report-table',
      needsEnvironmentReportBook: ({ context }) => context.needs.environment === 'report-book',
      hasDeficiencies: ({ context }) => context.deficiencies.length > 0,
      notYetExtended: ({ context }) => context.extensionDays === 0,
      feesSettled: ({ context }) => context.outstandingFees === 0,
    },
    actions: {
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
      recordIntakeSupplementRequest: assign({ intakeSupplementAsked: true }),
      recordDeficiencies: assign({
        deficiencies: ({ event }) => (event.data?.items as string[] | undefined) ?? [],
        pledgeDate: ({ event }) => (event.data?.pledgeDate as string | undefined) ?? null,
      }),
      recordExtension: assign({ extensionDays: ({ event }) => Number(event.data?.workingDays ?? 0) }),
      countFee: assign({ outstandingFees: ({ context }) => context.outstandingFees + 1 }),
      settleFee: assign({ outstandingFees: ({ context }) => Math.max(0, context.outstandingFees - 1) }),
      schedulePledgeCheck: raise({ type: 'PLEDGE_DUE' } as MachineEvent, {
        id: 'pledge-due',
        delay: 'untilPledgeDate',
      }),
      cancelPledgeCheck: cancel('pledge-due'),
      scheduleReturn: raise({ type: 'SUSPENSION_LAPSED' } as MachineEvent, {
        id: 'suspension-lapse',
        delay: 'suspensionReturn',
      }),
      cancelReturn: cancel('suspension-lapse'),
      // Leaves the system through the outbox after commit; the parameters say what to tell the applicant.
      notifyApplicant: (_, _params: { about: string }) => {},
    },
    delays: {
      /** The pledge is kept until the end of the pledged day in Asia/Shanghai. */
      untilPledgeDate: ({ context, event }) =>
        Math.max(0, Date.parse(`${context.pledgeDate}T23:59:59.999+08:00`) - Date.parse(event.at)),
      suspensionReturn: ({ event }) =>
        deps.workingDaysLater(event.at, limits.suspensionReturn).getTime() - Date.parse(event.at),
    },
  });

  /** Only the event's own department moves its region, and nobody decides while the case is suspended. */
  const decidedBy = (department: string) =>
    and([
      { type: 'fromDepartment', params: { department } },
      not(stateIn(`${REVIEW}.deficiencies.suspended`)),
    ]);

  /** One department's review: a task node whose clock stops while it waits for the applicant's papers. */
  const review = (region: string, department: string, limitDays: number, source: string) =>
    permit.createStateConfig({
      meta: { task: { department, action: 'review', limitDays }, source },
      initial: 'reviewing',
      states: {
        reviewing: {
          on: {
            APPROVE: { guard: decidedBy(department), target: `${REVIEW}.${region}.approved` },
            REQUEST_SUPPLEMENT: {
              guard: decidedBy(department),
              target: 'awaitingSupplement',
              actions: { type: 'notifyApplicant', params: { about: 'supplement-requested' } },
            },
            DENY: { guard: decidedBy(department), target: `${ROOT}.denied` },
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
      intakeSupplementAsked: false,
      deficiencies: [],
      pledgeDate: null,
      extensionDays: 0,
      outstandingFees: 0,
    },
    initial: 'draft',
    on: {
      // The enterprise may withdraw at any moment until the case is concluded.
      WITHDRAW: { target: '.withdrawn' },
      // Fees are assessed and settled by the fees routes; the machine keeps count for ISSUE.
      FEE_ASSESSED: { actions: 'countFee' },
      FEE_SETTLED: { actions: 'settleFee' },
    },
    states: {
      draft: {
        tags: ['status:draft'],
        on: { SUBMIT: { target: 'intake', actions: 'recordFacts' } },
      },
      intake: {
        tags: ['status:submitted'],
        meta: {
          task: { department: 'window', action: 'intake', limitDays: limits.intake },
          source: 'Administrative Licensing Law art. 32',
        },
        initial: 'examining',
        states: {
          examining: {
            on: {
              ACCEPT: { guard: 'fromWindow', target: `${ROOT}.accepted` },
              ACCEPT_WITH_DEFICIENCIES: {
                guard: 'fromWindow',
                target: `${ROOT}.accepted`,
                actions: 'recordDeficiencies',
              },
              REQUEST_SUPPLEMENT: {
                guard: and(['fromWindow', 'intakeSupplementNotYetAsked']),
                target: 'awaitingSupplement',
                actions: [
                  'recordIntakeSupplementRequest',
                  { type: 'notifyApplicant', params: { about: 'supplement-requested' } },
                ],
              },
            },
          },
          awaitingSupplement: { tags: ['clock:applicant'], on: { SUPPLEMENT: 'examining' } },
        },
        on: { REFUSE: { guard: 'fromWindow', target: 'refused' } },
      },
      accepted: {
        tags: ['status:in_review'],
        initial: 'review',
        on: { EXTEND: { guard: and(['fromWindow', 'notYetExtended']), actions: 'recordExtension' } },
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
              deficiencies: {
                initial: 'checking',
                states: {
                  checking: { always: [{ guard: 'hasDeficiencies', target: 'pledged' }, { target: 'none' }] },
                  pledged: {
                    entry: 'schedulePledgeCheck',
                    exit: 'cancelPledgeCheck',
                    on: { SUPPLEMENT: 'delivered', PLEDGE_DUE: 'suspended' },
                  },
                  suspended: {
                    tags: ['clock:applicant', 'status:suspended'],
                    entry: ['scheduleReturn', { type: 'notifyApplicant', params: { about: 'suspended' } }],
                    exit: 'cancelReturn',
                    on: { SUPPLEMENT: 'delivered', SUSPENSION_LAPSED: `${ROOT}.refused` },
                  },
                  delivered: { type: 'final' },
                  none: { type: 'final' },
                },
              },
            },
            onDone: 'issuing',
          },
          issuing: {
            meta: {
              task: { department: 'window', action: 'issue', limitDays: limits.issue },
              source: 'local choice',
            },
            on: {
              ISSUE: {
                guard: and(['fromWindow', 'feesSettled']),
                target: `${ROOT}.approved`,
                actions: { type: 'notifyApplicant', params: { about: 'permit-issued' } },
              },
            },
          },
        },
      },
      approved: { type: 'final', meta: { status: 'approved' } },
      denied: {
        type: 'final',
        meta: { status: 'denied' },
        entry: { type: 'notifyApplicant', params: { about: 'denied' } },
      },
      refused: {
        type: 'final',
        meta: { status: 'refused' },
        entry: { type: 'notifyApplicant', params: { about: 'refused' } },
      },
      withdrawn: { type: 'final', meta: { status: 'withdrawn' } },
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

/** The workflow as the registry lists it. */
export function constructionPermit(deps: WorkflowDeps): WorkflowDefinition {
  return {
    id: 'construction-permit',
    version: 1,
    title: 'Construction permit (stages 2 and 3, parallel review)',
    stages: [2, 3],
    departments: ['window', 'planning', 'housing', 'fire', 'civil-defense', 'environment'],
    machine: createConstructionPermitMachine(deps),
    formSchema: 'construction-permit.form',
    submitEvents: ['SUBMIT'],
    acceptanceEvents: ['ACCEPT', 'ACCEPT_WITH_DEFICIENCIES'],
    timerEvents: ['PLEDGE_DUE', 'SUSPENSION_LAPSED'],
    routeEvents: {
      FEE_ASSESSED: 'POST /api/v1/applications/:id/fees',
      FEE_SETTLED: 'POST /api/v1/applications/:id/fees/:feeId/pay or /waive',
    },
    permissions: {
      applicant: ['SUBMIT', 'SUPPLEMENT', 'WITHDRAW'],
      window: ['ACCEPT', 'ACCEPT_WITH_DEFICIENCIES', 'REQUEST_SUPPLEMENT', 'REFUSE', 'EXTEND', 'ISSUE'],
      department: ['APPROVE', 'REQUEST_SUPPLEMENT', 'DENY'],
    },
    statutoryLimitDays: limits.case,
    maxExtensionDays: limits.maxExtension,
    limitWorkingDays: (context) => permitLimitWorkingDays(context as PermitContext),
    explainRefusal: (snapshot, event) => {
      if (event.type !== 'ISSUE' || !snapshot.matches({ accepted: 'issuing' })) return undefined;
      const { outstandingFees } = snapshot.context as PermitContext;
      return outstandingFees ? `${outstandingFees} assessed fee(s) not yet paid or waived` : undefined;
    },
  };
}

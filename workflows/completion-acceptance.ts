/**
 * Joint completion acceptance (联合验收, 一站办结), version 1.
 *
 * The enterprise submits once. The single window examines the submission exactly as for the construction permit
 * (accept, accept with deficiencies under a pledge, ask once for everything missing, refuse). On acceptance the
 * inspections this project needs are fixed from the checklist then in force (`requiredInspections`), and every
 * department with one inspects at the same time, in its own region:
 *
 * | region        | department    | checklist inspections (seed)                                   |
 * |---------------|---------------|----------------------------------------------------------------|
 * | planning      | planning      | planning verification                                          |
 * | land          | land          | land verification                                              |
 * | fire          | fire          | fire acceptance (special works) or filing with spot check      |
 * | civilDefense  | civil-defense | civil-defence acceptance (only with underground area)          |
 * | archives      | archives      | archives acceptance                                            |
 * | meteorology   | meteorology   | lightning protection                                           |
 * | quality       | quality       | quality supervision                                            |
 *
 * Inspection time is the departments' work and counts. A failed inspection sends the region to rectification:
 * the clock stops (`clock:rectify`) until the enterprise reports it rectified (one RECTIFIED answers every
 * region waiting), then the department inspects again. A region passes when each of its required inspections
 * has passed. When every region has passed and every assessed fee is paid or waived, the window issues the one
 * joint acceptance certificate; until then ISSUE is refused with the reason.
 */
import { and, assign, cancel, not, raise, setup, stateIn } from 'xstate';
import type { MachineEvent, WorkflowDefinition, WorkflowDeps } from '../src/engine/workflow.ts';

/** A checklist inspection this case needs, fixed at acceptance. */
export interface RequiredInspection {
  department: string;
  code: string;
}

/** What the machine remembers beyond its state. */
export interface CompletionContext {
  required: RequiredInspection[];
  checklistVersion: number | null;
  /** Codes of required inspections scheduled and not yet recorded. */
  scheduled: string[];
  /** Codes of required inspections that have passed. */
  passed: string[];
  /** Fees assessed and not yet paid or waived. */
  outstandingFees: number;
  intakeSupplementAsked: boolean;
  deficiencies: string[];
  pledgeDate: string | null;
  extensionDays: number;
}

/** Working-day limits, each with its source (DOMAIN.md, "Time limits and the clock"). */
export const limits = {
  /** Administrative Licensing Law art. 32. */
  intake: 5,
  /** Each department's inspection region: Lanzhou and Xixian practice. */
  region: 5,
  /** Local choice: the window hands back the joint certificate within 2 working days of the last pass. */
  issue: 2,
  /** The whole stage: local practice 5–8 working days (one city 10 → 7). */
  case: 7,
  /** Administrative Licensing Law art. 42: 10 more days, once, outside joint handling of several permits. */
  maxExtension: 10,
  /** Taizhou rule: a case suspended for missing pledged papers is returned after 15 more working days. */
  suspensionReturn: 15,
} as const;

/** Regions, keyed by state name, with the department that inspects in each. */
export const regions = {
  planning: 'planning',
  land: 'land',
  fire: 'fire',
  civilDefense: 'civil-defense',
  archives: 'archives',
  meteorology: 'meteorology',
  quality: 'quality',
} as const;

const ROOT = '#completion-acceptance';
const INSPECTIONS = `${ROOT}.accepted.inspections`;

type Params = { department: string };
const eventCode = (event: MachineEvent) => event.data?.code as string | undefined;

/** Builds the machine; `deps` turns working days into delays. */
export function createCompletionAcceptanceMachine(deps: WorkflowDeps) {
  const completion = setup({
    types: {} as { context: CompletionContext; events: MachineEvent },
    guards: {
      fromWindow: ({ event }) => event.department === 'window',
      fromDepartment: ({ event }, params: Params) => event.department === params.department,
      inspectsHere: ({ context }, params: Params) =>
        context.required.some((r) => r.department === params.department),
      isRequiredHere: ({ context, event }, params: Params) =>
        context.required.some((r) => r.department === params.department && r.code === eventCode(event)),
      failed: ({ event }) => event.data?.result === 'fail',
      /** This pass is the last of the department's required inspections still open. */
      completesDepartment: ({ context, event }, params: Params) =>
        event.data?.result === 'pass' &&
        context.required
          .filter((r) => r.department === params.department)
          .every((r) => r.code === eventCode(event) || context.passed.includes(r.code)),
      intakeSupplementNotYetAsked: ({ context }) => !context.intakeSupplementAsked,
      hasDeficiencies: ({ context }) => context.deficiencies.length > 0,
      notYetExtended: ({ context }) => context.extensionDays === 0,
      feesSettled: ({ context }) => context.outstandingFees === 0,
    },
    actions: {
      fixRequiredInspections: assign({
        required: ({ event }) => (event.requiredInspections as RequiredInspection[] | undefined) ?? [],
        checklistVersion: ({ event }) => (event.checklistVersion as number | undefined) ?? null,
      }),
      recordScheduling: assign({
        scheduled: ({ context, event }) => [...new Set([...context.scheduled, eventCode(event)!])],
      }),
      recordPass: assign({
        passed: ({ context, event }) => [...new Set([...context.passed, eventCode(event)!])],
        scheduled: ({ context, event }) => context.scheduled.filter((c) => c !== eventCode(event)),
      }),
      recordFailure: assign({
        passed: ({ context, event }) => context.passed.filter((c) => c !== eventCode(event)),
        scheduled: ({ context, event }) => context.scheduled.filter((c) => c !== eventCode(event)),
      }),
      countFee: assign({ outstandingFees: ({ context }) => context.outstandingFees + 1 }),
      settleFee: assign({ outstandingFees: ({ context }) => Math.max(0, context.outstandingFees - 1) }),
      recordIntakeSupplementRequest: assign({ intakeSupplementAsked: true }),
      recordDeficiencies: assign({
        deficiencies: ({ event }) => (event.data?.items as string[] | undefined) ?? [],
        pledgeDate: ({ event }) => (event.data?.pledgeDate as string | undefined) ?? null,
      }),
      recordExtension: assign({ extensionDays: ({ event }) => Number(event.data?.workingDays ?? 0) }),
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
      // Leaves the system through the outbox after commit.
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

  /** Only the department's own clerk acts in its region, and nobody while the case is suspended. */
  const byDepartment = (department: string) =>
    and([
      { type: 'fromDepartment', params: { department } },
      not(stateIn(`${INSPECTIONS}.deficiencies.suspended`)),
    ]);

  /** One department's inspections: a task node whose clock stops while the enterprise rectifies. */
  const region = (key: keyof typeof regions) => {
    const department = regions[key];
    const own = byDepartment(department);
    const required = { type: 'isRequiredHere', params: { department } } as const;
    return completion.createStateConfig({
      initial: 'checking',
      states: {
        checking: {
          always: [
            { guard: { type: 'inspectsHere', params: { department } }, target: 'inspecting' },
            { target: 'notRequired' },
          ],
        },
        inspecting: {
          meta: {
            task: { department, action: 'inspect', limitDays: limits.region },
            source: 'Lanzhou and Xixian practice',
          },
          initial: 'underInspection',
          states: {
            underInspection: {
              on: {
                // Recorded in the audit log; the inspection row itself is written by the inspections route.
                INSPECTION_SCHEDULED: { guard: and([own, required]), actions: 'recordScheduling' },
                INSPECTION_RECORDED: [
                  {
                    guard: and([own, required, 'failed']),
                    target: 'rectifying',
                    actions: [
                      'recordFailure',
                      { type: 'notifyApplicant', params: { about: 'rectification-required' } },
                    ],
                  },
                  {
                    guard: and([own, required, { type: 'completesDepartment', params: { department } }]),
                    target: `${INSPECTIONS}.${key}.passed`,
                    actions: 'recordPass',
                  },
                  { guard: and([own, required]), actions: 'recordPass' },
                ],
              },
            },
            rectifying: { tags: ['clock:rectify'], on: { RECTIFIED: 'underInspection' } },
          },
        },
        passed: { type: 'final' },
        notRequired: { type: 'final' },
      },
    });
  };

  return completion.createMachine({
    id: 'completion-acceptance',
    context: {
      required: [],
      checklistVersion: null,
      scheduled: [],
      passed: [],
      outstandingFees: 0,
      intakeSupplementAsked: false,
      deficiencies: [],
      pledgeDate: null,
      extensionDays: 0,
    },
    initial: 'draft',
    on: {
      WITHDRAW: { target: '.withdrawn' },
      // Fees are assessed and settled by the fees routes; the machine keeps count for ISSUE.
      FEE_ASSESSED: { actions: 'countFee' },
      FEE_SETTLED: { actions: 'settleFee' },
    },
    states: {
      draft: { tags: ['status:draft'], on: { SUBMIT: 'intake' } },
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
              ACCEPT: { guard: 'fromWindow', target: `${ROOT}.accepted`, actions: 'fixRequiredInspections' },
              ACCEPT_WITH_DEFICIENCIES: {
                guard: 'fromWindow',
                target: `${ROOT}.accepted`,
                actions: ['fixRequiredInspections', 'recordDeficiencies'],
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
        initial: 'inspections',
        on: { EXTEND: { guard: and(['fromWindow', 'notYetExtended']), actions: 'recordExtension' } },
        states: {
          inspections: {
            type: 'parallel',
            states: {
              planning: region('planning'),
              land: region('land'),
              fire: region('fire'),
              civilDefense: region('civilDefense'),
              archives: region('archives'),
              meteorology: region('meteorology'),
              quality: region('quality'),
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
                target: `${ROOT}.concluded`,
                actions: { type: 'notifyApplicant', params: { about: 'joint-acceptance-issued' } },
              },
            },
          },
        },
      },
      concluded: { type: 'final', meta: { status: 'concluded' } },
      refused: {
        type: 'final',
        meta: { status: 'refused' },
        entry: { type: 'notifyApplicant', params: { about: 'refused' } },
      },
      withdrawn: { type: 'final', meta: { status: 'withdrawn' } },
    },
  });
}

/** Why ISSUE cannot be given yet, in words the window can act on (the 409's detail). */
export function explainIssueRefusal(context: CompletionContext, accepted: boolean): string | undefined {
  if (!accepted) return 'the case has not been accepted yet';
  const reasons: string[] = [];
  const open = context.required.filter((r) => !context.passed.includes(r.code));
  if (open.length)
    reasons.push(`inspections not yet passed: ${open.map((r) => `${r.code} (${r.department})`).join(', ')}`);
  if (context.outstandingFees)
    reasons.push(`${context.outstandingFees} assessed fee(s) not yet paid or waived`);
  if (context.deficiencies.length && !open.length) reasons.push('pledged papers not yet delivered');
  return reasons.length ? reasons.join('; ') : undefined;
}

/** The workflow as the registry lists it. */
export function completionAcceptance(deps: WorkflowDeps): WorkflowDefinition {
  const machine = createCompletionAcceptanceMachine(deps);
  return {
    id: 'completion-acceptance',
    version: 1,
    title: 'Joint completion acceptance (stage 4, one-stop)',
    stages: [4],
    departments: ['window', ...Object.values(regions)],
    machine,
    formSchema: 'completion-acceptance.form',
    submitEvents: ['SUBMIT'],
    acceptanceEvents: ['ACCEPT', 'ACCEPT_WITH_DEFICIENCIES'],
    timerEvents: ['PLEDGE_DUE', 'SUSPENSION_LAPSED'],
    routeEvents: {
      FEE_ASSESSED: 'POST /api/v1/applications/:id/fees',
      FEE_SETTLED: 'POST /api/v1/applications/:id/fees/:feeId/pay or /waive',
      INSPECTION_SCHEDULED: 'POST /api/v1/applications/:id/inspections',
      INSPECTION_RECORDED: 'POST /api/v1/applications/:id/inspections/:inspectionId/result',
    },
    checklistInspectionsOn: ['ACCEPT', 'ACCEPT_WITH_DEFICIENCIES'],
    inspectingDepartments: Object.values(regions),
    permissions: {
      applicant: ['SUBMIT', 'SUPPLEMENT', 'WITHDRAW', 'RECTIFIED'],
      window: ['ACCEPT', 'ACCEPT_WITH_DEFICIENCIES', 'REQUEST_SUPPLEMENT', 'REFUSE', 'EXTEND', 'ISSUE'],
      department: [],
    },
    statutoryLimitDays: limits.case,
    maxExtensionDays: limits.maxExtension,
    limitWorkingDays: (context) => limits.case + (context as CompletionContext).extensionDays,
    explainRefusal: (snapshot, event) =>
      event.type === 'ISSUE'
        ? explainIssueRefusal(snapshot.context as CompletionContext, snapshot.matches('accepted'))
        : undefined,
  };
}

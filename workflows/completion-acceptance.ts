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
 *
 * The intake, pledged papers, extension, fees, issuing and outcomes are the parts every application shares
 * (`parts/`); this file states the inspections.
 */
import { and, assign, setup } from 'xstate';
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

/** A checklist inspection this case needs, fixed at acceptance. */
export interface RequiredInspection {
  department: string;
  code: string;
}

/** What the machine remembers beyond its state and the window's handling. */
export interface CompletionContext extends CaseContext {
  required: RequiredInspection[];
  checklistVersion: number | null;
  /** Codes of required inspections scheduled and not yet recorded. */
  scheduled: string[];
  /** Codes of required inspections that have passed. */
  passed: string[];
}

/** Working-day limits with their sources (docs/domain.md, "Time limits"); see also `caseLimits`. */
export const limits = {
  ...caseLimits,
  /** Each department's inspection region: Lanzhou and Xixian practice. */
  region: 5,
  /** The whole stage: local practice 5–8 working days (one city 10 → 7). */
  case: 7,
  /** Administrative Licensing Law art. 42: 10 more days, once, outside joint handling of several permits. */
  maxExtension: 10,
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
      ...caseGuards,
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
    },
    actions: {
      ...caseActions<CompletionContext>(),
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
    },
    delays: caseDelays(deps),
  });

  /** One department's inspections: a task node whose clock stops while the enterprise rectifies. */
  const region = (key: keyof typeof regions) => {
    const department = regions[key];
    const own = decidedBy(INSPECTIONS, department);
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
    context: { required: [], checklistVersion: null, scheduled: [], passed: [], ...initialCaseContext },
    initial: 'draft',
    on: caseEvents,
    states: {
      draft: { tags: ['status:draft'], on: { SUBMIT: 'intake' } },
      // The inspections the case needs are fixed on acceptance, from the checklist then in force.
      intake: intake(ROOT, ['fixRequiredInspections']),
      accepted: {
        tags: ['status:in_review'],
        initial: 'inspections',
        on: extension,
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
              deficiencies: pledgedPapers(ROOT),
            },
            onDone: 'issuing',
          },
          issuing: issuing(`${ROOT}.concluded`, 'joint-acceptance-issued'),
        },
      },
      concluded: outcome('concluded'),
      refused: outcome('refused', 'refused'),
      withdrawn: outcome('withdrawn'),
    },
  });
}

/**
 * Why ISSUE cannot be given yet, in words the window can act on (the 409's detail). `papersOutstanding` comes
 * from the pledged-papers region's state: the context keeps the list of pledged papers after they arrive.
 */
export function explainIssueRefusal(
  context: CompletionContext,
  accepted: boolean,
  papersOutstanding: boolean,
): string | undefined {
  if (!accepted) return 'the case has not been accepted yet';
  const reasons: string[] = [];
  const open = context.required.filter((r) => !context.passed.includes(r.code));
  if (open.length)
    reasons.push(`inspections not yet passed: ${open.map((r) => `${r.code} (${r.department})`).join(', ')}`);
  if (context.outstandingFees)
    reasons.push(`${context.outstandingFees} assessed fee(s) not yet paid or waived`);
  if (papersOutstanding && !open.length) reasons.push('pledged papers not yet delivered');
  return reasons.length ? reasons.join('; ') : undefined;
}

/** The workflow as the registry lists it (departments, timers and acceptance are read off the machine). */
export function completionAcceptance(deps: WorkflowDeps): WorkflowDefinition {
  return defineWorkflow({
    id: 'completion-acceptance',
    version: 1,
    title: 'Joint completion acceptance (stage 4, one-stop)',
    stages: [4],
    machine: createCompletionAcceptanceMachine(deps),
    formSchema: 'completion-acceptance.form',
    submitEvents: ['SUBMIT'],
    routeEvents: {
      ...feeRouteEvents,
      INSPECTION_SCHEDULED: 'POST /api/v1/applications/:id/inspections',
      INSPECTION_RECORDED: 'POST /api/v1/applications/:id/inspections/:inspectionId/result',
    },
    checklistInspectionsOn: ['ACCEPT', 'ACCEPT_WITH_DEFICIENCIES'],
    inspectingDepartments: Object.values(regions),
    permissions: {
      applicant: [...casePermissions.applicant, 'RECTIFIED'],
      window: casePermissions.window,
      department: [],
    },
    statutoryLimitDays: limits.case,
    maxExtensionDays: limits.maxExtension,
    limitWorkingDays: (context) => limits.case + (context as CompletionContext).extensionDays,
    // Inspections, fees and pledged papers can all hold up the certificate; the window is told every reason.
    explainRefusal: (snapshot, event) =>
      event.type === 'ISSUE'
        ? explainIssueRefusal(
            snapshot.context as CompletionContext,
            snapshot.matches('accepted'),
            ['pledged', 'suspended'].some((papers) =>
              snapshot.matches({ accepted: { inspections: { deficiencies: papers } } }),
            ),
          )
        : undefined,
  });
}

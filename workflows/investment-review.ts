/**
 * Investment-project pre-review (项目预审), version 1: a proposed project reviewed by a panel drawn from the
 * zone's expert roster. The proposal joins the month's batch, closed at the end of the cut-off day (`CUT_OFF`)
 * or earlier by the review officer (`CLOSE_BATCH`); the configured departments pre-review it in parallel; the
 * officer draws the panel; members declare (a conflict recuses, a replacement is drawn) and the investor may
 * object (the officer decides); the meeting opens when every seat has declared. Votes stay sealed until every
 * present member has voted: the vote or absence that completes the meeting carries the ballots and the
 * outcome of the configured rule. A deferral goes back to the investor with a timer; no quorum draws again.
 *
 * draft ─SUBMIT→ batch ─CUT_OFF | CLOSE_BATCH→ review[ preReview ∥ → drawing → declaring → meeting ]
 *   meeting ─last VOTE | ABSENT→ passed | passedWithConditions | rejected | awaitingInformation | drawing
 *
 * Numbers from db/seeds/investment-review.ts with their sources; the officer's task spans the review, due the
 * configured working days after the cut-off. Draw and ballot events come only from /api/v1/investment-reviews.
 */
import { and, assign, cancel, raise, setup } from 'xstate';
import { investmentReviewConfig as config } from '../db/seeds/investment-review.ts';
import {
  defineWorkflow,
  type MachineEvent,
  type WorkflowDefinition,
  type WorkflowDeps,
} from '../src/engine/workflow.ts';
import {
  cutOffFor,
  entryFlags,
  reviewRouteEvents,
  type InvestmentReviewContext,
  type PreReviewPosition,
  type ReviewOutcome,
} from './parts/investment-proposal.ts';

export type {
  InvestmentReviewContext,
  PreReviewPosition,
  ReviewOutcome,
} from './parts/investment-proposal.ts';
export { cutOffFor, entryFlags, reviewRouteEvents } from './parts/investment-proposal.ts';

const ROOT = '#investment-review';
const REVIEW = `${ROOT}.review`;
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const data = (event: MachineEvent) => event.data ?? {};

/** Builds the machine; `deps` turns working days into the information timer's delay. */
export function createInvestmentReviewMachine(deps: WorkflowDeps) {
  const review = setup({
    types: {} as { context: InvestmentReviewContext; events: MachineEvent },
    guards: {
      fromDepartment: ({ event }, params: { department: string }) => event.department === params.department,
      fromOfficer: ({ event }) =>
        event.actor?.role === 'clerk' && event.actor.org === config.officerDepartment,
      seatedMember: ({ context, event }) => context.panel.includes(String(data(event).expert)),
      allSeatsClear: ({ context }) =>
        context.panel.length > 0 &&
        context.panel.every((expert) => context.declared.includes(expert)) &&
        context.objections.length === 0,
      objectionUpheld: ({ event }) => data(event).upheld === true,
      outcomeIs: ({ event }, params: { outcome: ReviewOutcome }) => data(event).outcome === params.outcome,
    },
    actions: {
      recordProposal: assign({
        industry: ({ event }) => (typeof event.form?.industry === 'string' ? event.form.industry : null),
        flags: ({ event }) => entryFlags(event.form ?? {}),
        batch: ({ event }) => cutOffFor(event.at).toISOString().slice(0, 7),
        cutOffAt: ({ event }) => cutOffFor(event.at).toISOString(),
      }),
      scheduleCutOff: raise({ type: 'CUT_OFF' } as MachineEvent, { id: 'cut-off', delay: 'untilCutOff' }),
      cancelCutOff: cancel('cut-off'),
      recordPosition: assign({
        positions: ({ context, event }) => ({
          ...context.positions,
          [event.department ?? '']: {
            position: data(event).position as PreReviewPosition,
            conditions: typeof data(event).conditions === 'string' ? String(data(event).conditions) : null,
          },
        }),
      }),
      seatPanel: assign({
        panel: ({ event }) => strings(data(event).panel),
        declared: () => [],
        objections: () => [],
        voted: () => [],
        absent: () => [],
      }),
      recordDeclaration: assign({
        declared: ({ context, event }) => [...new Set([...context.declared, String(data(event).expert)])],
      }),
      replaceMember: assign({
        panel: ({ context, event }) =>
          context.panel.map((expert) =>
            expert === String(data(event).expert) ? String(data(event).replacement) : expert,
          ),
        objections: ({ context, event }) =>
          context.objections.filter((e) => e !== String(data(event).expert)),
        declared: ({ context, event }) => context.declared.filter((e) => e !== String(data(event).expert)),
      }),
      recordObjection: assign({
        objections: ({ context, event }) => [...new Set([...context.objections, String(data(event).expert)])],
      }),
      dismissObjection: assign({
        objections: ({ context, event }) =>
          context.objections.filter((e) => e !== String(data(event).expert)),
      }),
      openMeeting: assign({
        meetings: ({ context }) => context.meetings + 1,
        voted: () => [],
        absent: () => [],
      }),
      recordVote: assign({
        voted: ({ context, event }) => [...new Set([...context.voted, String(data(event).expert)])],
      }),
      recordAbsence: assign({
        absent: ({ context, event }) => [...new Set([...context.absent, String(data(event).expert)])],
      }),
      recordOutcome: assign({
        outcome: ({ event }) => data(event).outcome as ReviewOutcome,
        conditions: ({ event }) => strings(data(event).conditions),
      }),
      countDeferral: assign({ deferrals: ({ context }) => context.deferrals + 1 }),
      scheduleInformationDue: raise({ type: 'INFORMATION_DUE' } as MachineEvent, {
        id: 'information-due',
        delay: 'informationLimit',
      }),
      // Leaves the system through the outbox; the parameters say what to tell the investor.
      notifyApplicant: (_, _params: { about: string }) => {},
    },
    delays: {
      untilCutOff: ({ event }) => Math.max(0, cutOffFor(event.at).getTime() - Date.parse(event.at)),
      informationLimit: ({ event }) =>
        Math.max(
          0,
          deps.workingDaysLater(event.at, config.informationWorkingDays).getTime() - Date.parse(event.at),
        ),
    },
  });

  /** One department's pre-review: an open task until it states its position. */
  const preReview = (department: string) =>
    review.createStateConfig({
      initial: 'pending',
      states: {
        pending: {
          meta: {
            task: { department, action: 'pre-review', limitDays: config.preReviewWorkingDays },
            source: config.source,
          },
          on: { PRE_REVIEW: { guard: { type: 'fromDepartment', params: { department } }, target: 'done' } },
        },
        done: { type: 'final', entry: 'recordPosition' },
      },
    });

  /**
   * The vote or absence that completes the meeting carries the unsealed ballots and the outcome the rule gave
   * (the route computes both in the event's transaction); the meeting ends by that outcome.
   */
  const decision = [
    ...(
      [
        ['passed', `${ROOT}.passed`],
        ['passed-with-conditions', `${ROOT}.passedWithConditions`],
        ['rejected', `${ROOT}.rejected`],
        ['deferred', `${REVIEW}.awaitingInformation`],
        ['no-quorum', `${REVIEW}.drawing`],
      ] as const
    ).map(([outcome, target]) => ({
      guard: { type: 'outcomeIs', params: { outcome } } as const,
      target,
      actions:
        outcome === 'deferred' ? (['recordOutcome', 'countDeferral'] as const) : ('recordOutcome' as const),
    })),
  ];

  const withdrawn = { type: 'final', meta: { status: 'withdrawn' } } as const;
  const decided = (status: string, about: string) =>
    ({ type: 'final', meta: { status }, entry: { type: 'notifyApplicant', params: { about } } }) as const;

  return review.createMachine({
    id: 'investment-review',
    context: {
      industry: null,
      flags: [],
      batch: null,
      cutOffAt: null,
      positions: {},
      panel: [],
      declared: [],
      objections: [],
      meetings: 0,
      deferrals: 0,
      voted: [],
      absent: [],
      outcome: null,
      conditions: [],
    },
    initial: 'draft',
    on: { WITHDRAW: { target: '.withdrawn' } },
    states: {
      draft: {
        tags: ['status:draft'],
        on: { SUBMIT: { target: 'batch', actions: ['recordProposal', 'scheduleCutOff'] } },
      },
      batch: {
        tags: ['status:submitted'],
        on: {
          CUT_OFF: 'review',
          CLOSE_BATCH: { guard: 'fromOfficer', target: 'review', actions: 'cancelCutOff' },
        },
      },
      review: {
        tags: ['status:in_review'],
        meta: {
          task: {
            department: config.officerDepartment,
            action: 'decide',
            limitDays: config.decisionWorkingDays,
          },
          source: config.source,
        },
        initial: 'preReview',
        states: {
          preReview: {
            type: 'parallel',
            states: Object.fromEntries(config.preReviewDepartments.map((d) => [d, preReview(d)])),
            onDone: 'drawing',
          },
          drawing: {
            on: { PANEL_DRAWN: { guard: 'fromOfficer', target: 'declaring', actions: 'seatPanel' } },
          },
          declaring: {
            always: { guard: 'allSeatsClear', target: 'meeting' },
            on: {
              DECLARED: { guard: 'seatedMember', actions: 'recordDeclaration' },
              RECUSED: { guard: 'seatedMember', actions: 'replaceMember' },
              OBJECTION: {
                guard: 'seatedMember',
                actions: [
                  'recordObjection',
                  { type: 'notifyApplicant', params: { about: 'objection-received' } },
                ],
              },
              OBJECTION_DECIDED: [
                { guard: and(['fromOfficer', 'objectionUpheld']), actions: 'replaceMember' },
                { guard: 'fromOfficer', actions: 'dismissObjection' },
              ],
            },
          },
          meeting: {
            entry: 'openMeeting',
            on: {
              VOTE: [...decision, { guard: 'seatedMember', actions: 'recordVote' }],
              ABSENT: [...decision, { guard: 'seatedMember', actions: 'recordAbsence' }],
            },
          },
          awaitingInformation: {
            tags: ['clock:applicant'],
            entry: [
              'scheduleInformationDue',
              { type: 'notifyApplicant', params: { about: 'review-deferred' } },
            ],
            on: {
              PROVIDE_INFORMATION: `${REVIEW}.meeting`,
              INFORMATION_DUE: `${ROOT}.lapsed`,
            },
          },
        },
      },
      passed: decided('passed', 'review-passed'),
      passedWithConditions: decided('conditional_pass', 'review-passed-with-conditions'),
      rejected: decided('rejected', 'review-rejected'),
      lapsed: decided('lapsed', 'review-lapsed'),
      withdrawn,
    },
  });
}

/** The workflow as the registry lists it. */
export function investmentReview(deps: WorkflowDeps): WorkflowDefinition {
  return defineWorkflow({
    id: 'investment-review',
    version: 1,
    title: 'Investment-project pre-review (项目预审)',
    stages: [1],
    machine: createInvestmentReviewMachine(deps),
    formSchema: 'investment-proposal.form',
    contentSchema: 'investment-review-event-content',
    submitEvents: ['SUBMIT'],
    routeEvents: reviewRouteEvents,
    permissions: {
      applicant: ['SUBMIT', 'OBJECTION', 'PROVIDE_INFORMATION', 'WITHDRAW'],
      window: [],
      department: ['PRE_REVIEW'],
    },
    maxExtensionDays: 0,
    statutoryLimitDays: config.decisionWorkingDays,
    limitWorkingDays: () => config.decisionWorkingDays,
  });
}

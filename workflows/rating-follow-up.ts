/**
 * Follow-up of a bad rating (差评整改), version 1: every rating of 4 (不满意) or 5 (非常不满意) is verified and
 * rectified, and the rater is answered and rates the follow-up (国办发〔2019〕51号, "差评必改").
 *
 * The rated department holds the follow-up. It contacts the rater (through the service: the rater's identity
 * never reaches the department) within `contactWorkingDays` (浙江: 1 working day) — past that the case is marked
 * overdue and the supervisors are told — and verifies the rating: justified (it rectifies, then answers),
 * explained (it answers with the explanation) or appealed (a mistaken or malicious rating: an administrator
 * excludes it from the figures or dismisses the appeal, and the department rectifies). The whole follow-up,
 * answer included, is due `rectifyWorkingDays` after the rating (浙江: 15; elsewhere 5, 7 or 10): one task
 * spans it. The answered rater rates the follow-up, which closes it; a rater who does not within `rateDays`
 * calendar days (a local choice: the 7 days after which some provinces, 广西, record a default rating) leaves
 * it closed unrated by itself, with no follow-up level (nothing is presumed). The limits are configuration
 * (`RATING_CONTACT_WORKING_DAYS`, `RATING_RECTIFY_WORKING_DAYS`, `RATING_FOLLOW_UP_RATE_DAYS`), copied into
 * the case when it opens.
 *
 *   followUp[task: rectify and answer] ( contact[task: contact] ─CONTACT→ verify
 *        verify ─VERIFY justified→ rectifying ─RECTIFIED→ answering
 *               ─VERIFY explained→ answering
 *               ─VERIFY appealed→ appealed ─DISMISS_APPEAL→ rectifying )
 *   answering ─ANSWER→ answered ─RATE_FOLLOW_UP→ closed        appealed ─EXCLUDE→ excluded
 *                              └ FOLLOW_UP_UNRATED (timer, rateDays) → closedUnrated
 *
 * Who may send what (the department's clerk, an administrator, the rater) is checked by the ratings routes;
 * the guards here check the same roles again and the finding's value.
 */
import { and, assign, cancel, raise, setup } from 'xstate';
import {
  defineWorkflow,
  type MachineEvent,
  type WorkflowDefinition,
  type WorkflowDeps,
} from '../src/engine/workflow.ts';

/** What the department found when it verified the rating. */
export type RatingFinding = 'justified' | 'explained' | 'appealed';

/** What the machine remembers. */
export interface RatingFollowUpContext {
  rating: string;
  application: string;
  department: string;
  contactWorkingDays: number;
  rectifyWorkingDays: number;
  /** Calendar days the answered rater has to rate the follow-up before it closes unrated. */
  rateDays: number;
  openedAt: string;
  /** The end of the contact limit and of the whole follow-up (ISO instants, from the calendar). */
  contactDueAt: string;
  dueAt: string;
  contactedAt: string | null;
  contactOverdue: boolean;
  finding: RatingFinding | null;
  rectifiedAt: string | null;
  answeredAt: string | null;
  /** The rater's rating of the follow-up, 1–5. */
  followUpLevel: number | null;
}

/** The follow-up's facts as the ratings module writes them into the case's form. */
interface FollowUpInput {
  at: string;
  applicant: string;
  form: {
    rating?: string;
    application?: string;
    department?: string;
    contactWorkingDays?: number;
    rectifyWorkingDays?: number;
    rateDays?: number;
  };
}

const DAY_MS = 86_400_000;

const findingOf = (event: MachineEvent): unknown => event.data?.finding;
const levelOf = (event: MachineEvent): unknown => event.data?.level;

/** Builds the machine; its limits are working days, turned into instants by the calendar through `deps`. */
export function createRatingFollowUpMachine(deps: WorkflowDeps) {
  const dueAfter = (from: string, days: number) => deps.workingDaysLater(from, days).toISOString();
  const followUp = setup({
    types: {} as { context: RatingFollowUpContext; events: MachineEvent; input: FollowUpInput },
    guards: {
      byResponsibleClerk: ({ context, event }) =>
        event.actor?.role === 'clerk' && event.actor.org === context.department,
      bySupervisor: ({ event }) => event.actor?.role === 'admin',
      byRater: ({ event }) => event.actor?.role === 'applicant' || event.actor?.role === 'agent',
      findingIs: ({ event }, params: { finding: string }) => findingOf(event) === params.finding,
      validLevel: ({ event }) => {
        const level = levelOf(event);
        return typeof level === 'number' && Number.isInteger(level) && level >= 1 && level <= 5;
      },
    },
    actions: {
      scheduleContactDue: raise({ type: 'CONTACT_OVERDUE' } as MachineEvent, {
        id: 'contact',
        delay: 'untilContactDue',
      }),
      cancelContactDue: cancel('contact'),
      scheduleUnrated: raise({ type: 'FOLLOW_UP_UNRATED' } as MachineEvent, {
        id: 'unrated',
        delay: 'untilUnrated',
      }),
      cancelUnrated: cancel('unrated'),
      markContactOverdue: assign({ contactOverdue: true }),
      recordContact: assign({ contactedAt: ({ event }) => event.at }),
      recordFinding: assign({ finding: ({ event }) => findingOf(event) as RatingFinding }),
      recordRectified: assign({ rectifiedAt: ({ event }) => event.at }),
      recordAnswer: assign({ answeredAt: ({ event }) => event.at }),
      recordFollowUpLevel: assign({ followUpLevel: ({ event }) => levelOf(event) as number }),
      // Leaves the system through the outbox: the rater is told (the service knows who; the department not).
      notifyRater: (_, _params: { about: string }) => {},
      // Leaves the system through the outbox: the supervisors are told.
      notifySupervisors: (_, _params: { about: string }) => {},
    },
    delays: {
      untilContactDue: ({ context }) =>
        Math.max(0, Date.parse(context.contactDueAt) - Date.parse(context.openedAt)),
      untilUnrated: ({ context }) => context.rateDays * DAY_MS,
    },
  });

  return followUp.createMachine({
    id: 'ratingFollowUp',
    context: ({ input }) => {
      const contactWorkingDays = input.form.contactWorkingDays ?? 1;
      const rectifyWorkingDays = input.form.rectifyWorkingDays ?? 15;
      return {
        rating: input.form.rating ?? '',
        application: input.form.application ?? '',
        department: input.form.department ?? '',
        contactWorkingDays,
        rectifyWorkingDays,
        rateDays: input.form.rateDays ?? 7,
        openedAt: input.at,
        contactDueAt: dueAfter(input.at, contactWorkingDays),
        dueAt: dueAfter(input.at, rectifyWorkingDays),
        contactedAt: null,
        contactOverdue: false,
        finding: null,
        rectifiedAt: null,
        answeredAt: null,
        followUpLevel: null,
      };
    },
    initial: 'followUp',
    states: {
      followUp: {
        meta: {
          task: {
            department: 'rated',
            action: 'rating-follow-up',
            limitDays: 15,
            fromContext: { department: 'department', limitDays: 'rectifyWorkingDays' },
          },
          source:
            '国办发〔2019〕51号; 浙江: rectify and answer within 15 working days (RATING_RECTIFY_WORKING_DAYS)',
        },
        initial: 'contact',
        states: {
          contact: {
            tags: ['status:contact'],
            entry: 'scheduleContactDue',
            meta: {
              task: {
                department: 'rated',
                action: 'rating-contact',
                limitDays: 1,
                fromContext: { department: 'department', limitDays: 'contactWorkingDays' },
              },
              source: '浙江: contact the rater within 1 working day (RATING_CONTACT_WORKING_DAYS)',
            },
            on: {
              CONTACT: {
                guard: 'byResponsibleClerk',
                target: 'verify',
                actions: ['recordContact', 'cancelContactDue'],
              },
              CONTACT_OVERDUE: {
                actions: [
                  'markContactOverdue',
                  { type: 'notifySupervisors', params: { about: 'rating-contact-overdue' } },
                ],
              },
            },
          },
          verify: {
            tags: ['status:verifying'],
            on: {
              VERIFY: [
                {
                  guard: and(['byResponsibleClerk', { type: 'findingIs', params: { finding: 'justified' } }]),
                  target: 'rectifying',
                  actions: 'recordFinding',
                },
                {
                  guard: and(['byResponsibleClerk', { type: 'findingIs', params: { finding: 'explained' } }]),
                  target: 'answering',
                  actions: 'recordFinding',
                },
                {
                  guard: and(['byResponsibleClerk', { type: 'findingIs', params: { finding: 'appealed' } }]),
                  target: 'appealed',
                  actions: [
                    'recordFinding',
                    { type: 'notifySupervisors', params: { about: 'rating-appealed' } },
                  ],
                },
              ],
            },
          },
          rectifying: {
            tags: ['status:rectifying'],
            on: {
              RECTIFIED: { guard: 'byResponsibleClerk', target: 'answering', actions: 'recordRectified' },
            },
          },
          answering: {
            tags: ['status:answering'],
            on: {
              ANSWER: {
                guard: 'byResponsibleClerk',
                target: '#ratingFollowUp.answered',
                actions: ['recordAnswer', { type: 'notifyRater', params: { about: 'rating-answered' } }],
              },
            },
          },
          appealed: {
            tags: ['status:appealed'],
            on: {
              EXCLUDE: { guard: 'bySupervisor', target: '#ratingFollowUp.excluded' },
              DISMISS_APPEAL: { guard: 'bySupervisor', target: 'rectifying' },
            },
          },
        },
      },
      answered: {
        tags: ['status:answered'],
        entry: 'scheduleUnrated',
        meta: {
          source: 'RATING_FOLLOW_UP_RATE_DAYS (7): local choice, the 7 days of 广西 before a default rating',
        },
        on: {
          RATE_FOLLOW_UP: {
            guard: 'validLevel',
            target: 'closed',
            actions: ['recordFollowUpLevel', 'cancelUnrated'],
          },
          FOLLOW_UP_UNRATED: 'closedUnrated',
        },
      },
      closed: { type: 'final', meta: { status: 'closed' } },
      closedUnrated: { type: 'final', meta: { status: 'closed_unrated' } },
      excluded: { type: 'final', meta: { status: 'excluded' } },
    },
  });
}

/**
 * The workflow as the registry lists it: its cases are follow-ups, listed under the ratings routes, never as
 * applications. Its events are sent only through `POST /api/v1/rating-follow-ups/{id}/events`.
 */
export function ratingFollowUp(deps: WorkflowDeps): WorkflowDefinition {
  return defineWorkflow({
    id: 'rating-follow-up',
    version: 1,
    title: 'Follow-up of a bad rating (差评整改)',
    kind: 'follow-up',
    stages: [],
    machine: createRatingFollowUpMachine(deps),
    formSchema: 'rating-follow-up-facts',
    submitEvents: [],
    permissions: { applicant: [], window: [], department: [] },
    maxExtensionDays: 0,
    limitWorkingDays: () => null,
  });
}

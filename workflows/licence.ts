/**
 * Electronic licence (电子证照), version 1: the construction permit or the completion certificate that the
 * window's `ISSUE` of an application produces, followed for as long as it counts.
 *
 * A construction permit must be used: work starts within three months of the issue (`startWorksBy`, an
 * Asia/Shanghai date), or the holder asks, before that date, for an extension; the window grants at most two,
 * of at most three months each. Without a start report or a granted extension the permit lapses by itself
 * (自行废止) at the end of `startWorksBy` (施工许可管理办法, art. 11). While a request is pending the permit
 * does not lapse (the holder did ask in time): the window grants it (`EXTEND`, the deadline moves) or refuses
 * it (`REFUSE_EXTENSION`, the lapse timer is set again and fires at once when the date has passed). The window
 * or an administrator revokes a licence obtained by deceit (art. 12), with the reason, and a corrected licence
 * (`CORRECT`, with the reason) supersedes the one it corrects. A completion certificate has no start date: it
 * is valid until revoked or superseded.
 *
 *   issued ─(permit)→ valid ─WORKS_STARTED→ inForce   (a corrected permit whose works had started: inForce)
 *      │                │ EXTENSION_REQUESTED → extensionRequested ─EXTEND / REFUSE_EXTENSION→ valid
 *      │                └ LAPSE (timer) → lapsed
 *      └─(certificate)→ certified
 *   valid, extensionRequested, inForce, certified ─REVOKE→ revoked, ─CORRECT→ superseded
 *
 * Who may send what (the holder or its agent; the window or an administrator) is checked by the licence routes;
 * the guards here check what the law bounds: the number of extensions, their length and their timing.
 */
import { and, assign, cancel, raise, setup } from 'xstate';
import { dayToIso, isoToDay, shanghaiDay, startOfDay } from '../src/calendar/index.ts';
import { defineWorkflow, type MachineEvent, type WorkflowDefinition } from '../src/engine/workflow.ts';

/** The two kinds of licence the service issues. */
export type LicenceType = 'construction-permit' | 'completion-certificate';

/** Most extensions the window may grant, and most months each (施工许可管理办法, art. 11). */
export const LICENCE_EXTENSIONS = { max: 2, maxMonths: 3 } as const;

/** Months from issue within which work must start (施工许可管理办法, art. 11). */
export const START_WORKS_MONTHS = 3;

/** One granted extension. */
export interface LicenceExtension {
  months: number;
  grantedAt: string;
  /** The start deadline after this extension. */
  startWorksBy: string;
}

/** What the machine remembers. */
export interface LicenceContext {
  type: LicenceType;
  issuedAt: string;
  /** YYYY-MM-DD (Asia/Shanghai), the last day on which work may start; null for a certificate. */
  startWorksBy: string | null;
  extensions: LicenceExtension[];
  /** The holder's pending request, if any. */
  extensionRequest: { months: number; at: string } | null;
  worksStartedAt: string | null;
}

/** The licence's facts as the issuing observer writes them into the case's form. */
interface LicenceInput {
  at: string;
  applicant: string;
  form: {
    type?: LicenceType;
    startWorksBy?: string | null;
    /** A corrected licence carries the extensions and the start of works of the one it supersedes. */
    extensions?: LicenceExtension[];
    worksStartedAt?: string | null;
  };
}

/**
 * `date` plus `months` calendar months, YYYY-MM-DD; a day the target month lacks becomes its last day
 * (民法典 art. 203: a period in months ends on the corresponding day, or on the month's last day).
 */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** The start deadline: the Asia/Shanghai date of the issue plus three months. */
export function startWorksByOf(issuedAt: string): string {
  return addMonths(dayToIso(shanghaiDay(issuedAt)), START_WORKS_MONTHS);
}

/** The instant the permit lapses: the end of its `startWorksBy` day in Asia/Shanghai. */
export function lapseInstant(startWorksBy: string): Date {
  return startOfDay(isoToDay(startWorksBy) + 1);
}

const monthsOf = (event: MachineEvent): number => {
  const months = event.data?.months;
  return typeof months === 'number' ? months : 0;
};

/** Builds the machine (its only time is the start deadline, an instant it computes itself). */
export function createLicenceMachine() {
  const licence = setup({
    types: {} as { context: LicenceContext; events: MachineEvent; input: LicenceInput },
    guards: {
      isPermit: ({ context }) => context.type === 'construction-permit',
      worksStarted: ({ context }) => context.worksStartedAt !== null,
      /**
       * The window or an administrator; or the service itself, never a caller, when a pledge's rectification
       * time runs out (src/credit/). No caller holds the system role, so no stored case changes course.
       */
      byAuthority: ({ event }) =>
        event.actor?.role === 'admin' ||
        event.actor?.role === 'system' ||
        (event.actor?.role === 'clerk' && event.actor.org === 'window'),
      byHolder: ({ event }) => event.actor?.role === 'applicant' || event.actor?.role === 'agent',
      /** Before the deadline has passed, while fewer than two extensions were granted, for 1–3 months. */
      mayRequestExtension: ({ context, event }) =>
        context.startWorksBy !== null &&
        context.extensions.length < LICENCE_EXTENSIONS.max &&
        Date.parse(event.at) < lapseInstant(context.startWorksBy).getTime() &&
        monthsOf(event) >= 1 &&
        monthsOf(event) <= LICENCE_EXTENSIONS.maxMonths,
      /** The months granted (the request's when the window names none) are 1–3. */
      mayExtend: ({ context, event }) => {
        const months = monthsOf(event) || (context.extensionRequest?.months ?? 0);
        return months >= 1 && months <= LICENCE_EXTENSIONS.maxMonths;
      },
    },
    actions: {
      scheduleLapse: raise({ type: 'LAPSE' } as MachineEvent, { id: 'lapse', delay: 'untilLapse' }),
      cancelLapse: cancel('lapse'),
      recordRequest: assign({
        extensionRequest: ({ event }) => ({ months: monthsOf(event), at: event.at }),
      }),
      clearRequest: assign({ extensionRequest: null }),
      recordExtension: assign(({ context, event }) => {
        const months = monthsOf(event) || (context.extensionRequest?.months ?? 0);
        const startWorksBy = addMonths(context.startWorksBy!, months);
        return {
          startWorksBy,
          extensions: [...context.extensions, { months, grantedAt: event.at, startWorksBy }],
          extensionRequest: null,
        };
      }),
      recordStart: assign({ worksStartedAt: ({ event }) => event.at }),
    },
    delays: {
      // From the event that sets the timer (the issue, an extension, a refusal) to the end of the deadline.
      untilLapse: ({ context, event }) =>
        Math.max(
          0,
          lapseInstant(context.startWorksBy!).getTime() -
            Date.parse((event as Partial<MachineEvent>).at ?? context.issuedAt),
        ),
    },
  });

  const ended = {
    REVOKE: { guard: 'byAuthority', target: '#licence.revoked' },
    CORRECT: { guard: 'byAuthority', target: '#licence.superseded' },
  } as const;

  return licence.createMachine({
    id: 'licence',
    context: ({ input }) => ({
      type: input.form.type ?? 'construction-permit',
      issuedAt: input.at,
      startWorksBy: input.form.type === 'completion-certificate' ? null : (input.form.startWorksBy ?? null),
      extensions: input.form.extensions ?? [],
      extensionRequest: null,
      worksStartedAt: input.form.worksStartedAt ?? null,
    }),
    initial: 'issued',
    states: {
      issued: {
        always: [
          { guard: and(['isPermit', 'worksStarted']), target: 'inForce' },
          { guard: 'isPermit', target: 'valid', actions: 'scheduleLapse' },
          { target: 'certified' },
        ],
      },
      valid: {
        tags: ['status:valid'],
        on: {
          WORKS_STARTED: {
            guard: 'byHolder',
            target: 'inForce',
            actions: ['recordStart', 'cancelLapse'],
          },
          EXTENSION_REQUESTED: {
            guard: and(['byHolder', 'mayRequestExtension']),
            target: 'extensionRequested',
            actions: 'recordRequest',
          },
          LAPSE: 'lapsed',
          ...ended,
        },
      },
      extensionRequested: {
        tags: ['status:valid'],
        // LAPSE is not taken here: a request made in time holds the permit until the window decides.
        on: {
          WORKS_STARTED: {
            guard: 'byHolder',
            target: 'inForce',
            actions: ['recordStart', 'clearRequest', 'cancelLapse'],
          },
          EXTEND: {
            guard: and(['byAuthority', 'mayExtend']),
            target: 'valid',
            actions: ['recordExtension', 'scheduleLapse'],
          },
          REFUSE_EXTENSION: {
            guard: 'byAuthority',
            target: 'valid',
            actions: ['clearRequest', 'scheduleLapse'],
          },
          ...ended,
        },
      },
      inForce: { tags: ['status:in_force'], on: { ...ended } },
      certified: { tags: ['status:valid'], on: { ...ended } },
      lapsed: { type: 'final', meta: { status: 'lapsed' } },
      revoked: { type: 'final', meta: { status: 'revoked' } },
      superseded: { type: 'final', meta: { status: 'superseded' } },
    },
  });
}

/**
 * The workflow as the registry lists it: its cases are licences, listed under /licences, never applications.
 * Its timer (the lapse) is read off the machine; no department holds tasks and nothing is accepted at a window.
 */
export function licence(): WorkflowDefinition {
  return defineWorkflow({
    id: 'licence',
    version: 1,
    title: 'Electronic licence (电子证照): construction permit or completion certificate',
    kind: 'licence',
    stages: [],
    machine: createLicenceMachine(),
    formSchema: 'licence-facts',
    contentSchema: 'licence-event-content',
    submitEvents: [],
    // Sent only through POST /api/v1/licences/{number}/events, which checks who may do what.
    permissions: { applicant: [], window: [], department: [] },
    maxExtensionDays: 0,
    limitWorkingDays: () => null,
  });
}

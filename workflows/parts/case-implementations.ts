/**
 * The guards, actions and delays every application workflow shares: the window's intake, the pledged papers,
 * the extension and the fees. A workflow spreads them into its own `setup` next to what is particular to it.
 */
import { assign, cancel, raise, type ActionFunction, type PropertyAssigner } from 'xstate';
import type { MachineEvent, WorkflowDeps } from '../../src/engine/workflow.ts';
import { caseLimits, type CaseContext } from './case-context.ts';
import { endOfDay, isoToDay } from '../../src/calendar/shanghai-time.ts';

/** What guards and delays read: the shared part of the context, and the event. */
type Args = { context: CaseContext; event: MachineEvent };
/** Names of the shared delays, which the delayed raises below use. */
export type CaseDelay = 'untilPledgeDate' | 'suspensionReturn';

/** Who sent the event and what the case has recorded so far. */
export const caseGuards = {
  fromWindow: ({ event }: Args) => event.department === 'window',
  fromDepartment: ({ event }: Args, params: { department: string }) => event.department === params.department,
  intakeSupplementNotYetAsked: ({ context }: Args) => !context.intakeSupplementAsked,
  hasDeficiencies: ({ context }: Args) => context.deficiencies.length > 0,
  notYetExtended: ({ context }: Args) => context.extensionDays === 0,
  feesSettled: ({ context }: Args) => context.outstandingFees === 0,
};

/**
 * What the window's decisions record, the pledge's timers, and the applicant's notices, typed for the
 * workflow's own context `TContext` (XState types an action by its machine's whole context).
 */
export function caseActions<TContext extends CaseContext>() {
  const assignCase = (
    assignment: PropertyAssigner<CaseContext, MachineEvent, undefined, MachineEvent, never>,
  ) =>
    // Sound: the assignment reads and writes only CaseContext's fields, which every TContext has.
    assign<CaseContext, MachineEvent, undefined, MachineEvent, never>(
      assignment,
    ) as unknown as ActionFunction<
      TContext,
      MachineEvent,
      MachineEvent,
      undefined,
      never,
      never,
      never,
      never,
      never
    >;
  const raiseAfter = <TDelay extends CaseDelay>(type: string, id: string, delay: TDelay) =>
    raise<TContext, MachineEvent, MachineEvent, undefined, CaseDelay, TDelay>({ type } as MachineEvent, {
      id,
      delay,
    });
  const cancelTimer = (id: string) => cancel<TContext, MachineEvent, undefined, MachineEvent>(id);
  return {
    recordIntakeSupplementRequest: assignCase({ intakeSupplementAsked: true }),
    recordDeficiencies: assignCase({
      deficiencies: ({ event }) => (event.data?.items as string[] | undefined) ?? [],
      pledgeDate: ({ event }) => (event.data?.pledgeDate as string | undefined) ?? null,
    }),
    recordExtension: assignCase({ extensionDays: ({ event }) => Number(event.data?.workingDays ?? 0) }),
    countFee: assignCase({ outstandingFees: ({ context }) => context.outstandingFees + 1 }),
    settleFee: assignCase({ outstandingFees: ({ context }) => Math.max(0, context.outstandingFees - 1) }),
    schedulePledgeCheck: raiseAfter('PLEDGE_DUE', 'pledge-due', 'untilPledgeDate'),
    cancelPledgeCheck: cancelTimer('pledge-due'),
    scheduleReturn: raiseAfter('SUSPENSION_LAPSED', 'suspension-lapse', 'suspensionReturn'),
    cancelReturn: cancelTimer('suspension-lapse'),
    // Leaves the system through the outbox after commit; the parameters say what to tell the applicant.
    notifyApplicant: (_: unknown, _params: { about: string }) => {},
  };
}

/** The pledge's deadlines; `deps` turns working days into a delay (the machine never reads a calendar). */
export function caseDelays(deps: WorkflowDeps): Record<CaseDelay, (args: Args) => number> {
  return {
    /** The pledge is kept until the end of the pledged day in Asia/Shanghai. */
    untilPledgeDate: ({ context, event }) =>
      Math.max(0, endOfDay(isoToDay(context.pledgeDate!)).getTime() - Date.parse(event.at)),
    suspensionReturn: ({ event }) =>
      deps.workingDaysLater(event.at, caseLimits.suspensionReturn).getTime() - Date.parse(event.at),
  };
}

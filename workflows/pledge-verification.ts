/**
 * Verification of a pledge (告知承诺制, 国办发〔2020〕42号), version 1: the case that follows the issue of a licence
 * decided on the applicant's pledge. The department of the pledged item verifies within the version's window
 * (in writing, online, on site or by notice). Verified: the case closes. Conditions unmet: it orders
 * rectification by a deadline; rectified in time, the case closes; when the deadline passes the licence is
 * revoked by itself ("after which the licence is revoked"): the credit observer (src/credit/) revokes it as the
 * service and writes the credit record (false pledge) in the timer's own transaction.
 *
 *   verifying ─VERIFIED→ verified
 *       └ NON_COMPLIANT → rectifying ─RECTIFIED→ verified
 *                             └ RECTIFICATION_LAPSED (timer) → revoked
 *
 * Not the pledged papers (容缺受理) of the permit's intake: those are papers delivered later.
 */
import { assign, raise, setup } from 'xstate';
import {
  defineWorkflow,
  type MachineEvent,
  type WorkflowDefinition,
  type WorkflowDeps,
} from '../src/engine/workflow.ts';
import { PERMIT_PLEDGE } from './parts/pledge.ts';

/** How the department verified (国办发〔2020〕42号: in writing, online, on site, by notice). */
export const VERIFICATION_METHODS = ['in-writing', 'online', 'on-site', 'by-notice'] as const;

/** What the machine remembers. */
export interface PledgeVerificationContext {
  application: string;
  licence: string | null;
  items: string[];
  /** The findings, in order: how the department verified, what it found, when. */
  findings: Array<{ at: string; outcome: 'verified' | 'non-compliant' | 'rectified'; method: string | null }>;
  /** The end of the rectification time, when one was ordered. */
  rectifyBy: string | null;
}

interface VerificationInput {
  at: string;
  applicant: string;
  form: { application?: string; licence?: string | null; items?: string[] };
}

const methodOf = (event: MachineEvent) =>
  typeof event.data?.method === 'string' ? (event.data.method as string) : null;

/** Builds the machine; `deps` turns the rectification's working days into a delay. */
export function createPledgeVerificationMachine(deps: WorkflowDeps) {
  const finding = (outcome: PledgeVerificationContext['findings'][number]['outcome']) =>
    assign<PledgeVerificationContext, MachineEvent, undefined, MachineEvent, never>({
      findings: ({ context, event }) => [
        ...context.findings,
        { at: event.at, outcome, method: methodOf(event) },
      ],
    });
  const verification = setup({
    types: {} as { context: PledgeVerificationContext; events: MachineEvent; input: VerificationInput },
    guards: {
      /** The verification names how it was done. */
      methodNamed: ({ event }) => (VERIFICATION_METHODS as readonly string[]).includes(methodOf(event) ?? ''),
    },
    actions: {
      recordVerified: finding('verified'),
      recordNonCompliance: finding('non-compliant'),
      recordRectified: finding('rectified'),
      recordDeadline: assign({
        rectifyBy: ({ event }) =>
          deps.workingDaysLater(event.at, PERMIT_PLEDGE.rectificationWorkingDays).toISOString(),
      }),
      scheduleLapse: raise({ type: 'RECTIFICATION_LAPSED' } as MachineEvent, {
        id: 'rectification-lapse',
        delay: 'rectification',
      }),
      // Leaves the system through the outbox after commit; the parameters say what to tell the applicant.
      notifyApplicant: (_: unknown, _params: { about: string }) => {},
    },
    delays: {
      rectification: ({ event }) =>
        deps.workingDaysLater(event.at, PERMIT_PLEDGE.rectificationWorkingDays).getTime() -
        Date.parse(event.at),
    },
  });

  return verification.createMachine({
    id: 'pledge-verification',
    context: ({ input }) => ({
      application: input.form.application ?? '',
      licence: input.form.licence ?? null,
      items: input.form.items ?? [],
      findings: [],
      rectifyBy: null,
    }),
    initial: 'verifying',
    states: {
      verifying: {
        tags: ['status:verifying'],
        meta: {
          task: {
            department: 'housing',
            action: 'verify-pledge',
            limitDays: PERMIT_PLEDGE.verificationWorkingDays,
          },
          source: PERMIT_PLEDGE.source,
        },
        on: {
          VERIFIED: { guard: 'methodNamed', target: 'verified', actions: 'recordVerified' },
          NON_COMPLIANT: {
            guard: 'methodNamed',
            target: 'rectifying',
            actions: [
              'recordNonCompliance',
              'recordDeadline',
              'scheduleLapse',
              { type: 'notifyApplicant', params: { about: 'pledge-rectification-ordered' } },
            ],
          },
        },
      },
      rectifying: {
        tags: ['status:rectifying'],
        meta: {
          task: {
            department: 'housing',
            action: 'check-rectification',
            limitDays: PERMIT_PLEDGE.rectificationWorkingDays,
          },
          source: '国办发〔2020〕42号 (order to rectify within a time limit)',
        },
        on: {
          RECTIFIED: { target: 'verified', actions: 'recordRectified' },
          RECTIFICATION_LAPSED: 'revoked',
        },
      },
      verified: { type: 'final', meta: { status: 'verified' } },
      revoked: {
        type: 'final',
        meta: { status: 'revoked' },
        entry: { type: 'notifyApplicant', params: { about: 'pledge-licence-revoked' } },
      },
    },
  });
}

/** The workflow as the registry lists it: a record of the construction permit's pledge, on its own routes. */
export function pledgeVerification(deps: WorkflowDeps): WorkflowDefinition {
  return defineWorkflow({
    id: 'pledge-verification',
    version: 1,
    title: 'Verification of a pledge (告知承诺制核查)',
    kind: 'record',
    stages: [],
    machine: createPledgeVerificationMachine(deps),
    formSchema: 'pledge-verification-facts',
    contentSchema: 'pledge-verification-content',
    submitEvents: [],
    permissions: {
      applicant: [],
      window: [],
      department: ['VERIFIED', 'NON_COMPLIANT', 'RECTIFIED'],
    },
    maxExtensionDays: 0,
    limitWorkingDays: () => null,
  });
}

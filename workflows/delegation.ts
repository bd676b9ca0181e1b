/**
 * Full-process proxy handling (服务专班全程代办制), version 1: the agreement under which an agent of the
 * government's service team acts for an enterprise.
 *
 * The enterprise requests it — for all its cases, chosen stages or chosen applications, optionally naming the
 * agent — with an expiry date. An agent of the service team accepts (the agreement is signed; the named
 * agent, or whoever accepts when none is named, holds it) or refuses. While active the holder may do on the
 * enterprise's cases in scope what the enterprise may do. The enterprise may revoke it at any time; either
 * side may conclude it; a durable timer expires it at `expiresAt`.
 *
 * requested ─ACCEPT→ active ─COMPLETE→ concluded
 *     │ REFUSE → refused        │ REVOKE → revoked
 *     │ REVOKE → revoked        │ EXPIRE → expired
 *     └ EXPIRE → expired
 */
import { assign, raise, setup } from 'xstate';
import { defineWorkflow, type MachineEvent, type WorkflowDefinition } from '../src/engine/workflow.ts';

/** What the enterprise asked for. */
export interface DelegationTerms {
  /** The agent's `sub`, when the enterprise names one. */
  agent?: string;
  /** Stage numbers (1–5) or workflow ids. */
  stages?: Array<number | string>;
  /** Application ids. */
  applications?: string[];
  expiresAt: string;
  note?: string;
}

/** What the machine remembers. */
export interface DelegationContext {
  enterprise: string;
  requestedAgent: string | null;
  /** The agent who accepted and holds the agreement. */
  holder: string | null;
  expiresAt: string;
  requestedAt: string;
}

/** The machine's input: the engine passes the case's facts and the time of creation. */
interface DelegationInput {
  at: string;
  applicant: string;
  form: Partial<DelegationTerms>;
}

/** Builds the machine (it needs no working days: the expiry is an instant). */
export function createDelegationMachine() {
  const delegation = setup({
    types: {} as { context: DelegationContext; events: MachineEvent; input: DelegationInput },
    guards: {
      /**
       * A named agent only; otherwise any agent of the service team. Never past `expiresAt`: an agreement
       * whose date has gone is not signed, even in the moment before its expiry timer fires.
       */
      mayAccept: ({ context, event }) =>
        event.actor?.role === 'agent' &&
        (context.requestedAgent === null || context.requestedAgent === event.actor.sub) &&
        Date.parse(event.at) < Date.parse(context.expiresAt),
      byAgent: ({ event }) => event.actor?.role === 'agent',
      byEnterprise: ({ context, event }) =>
        event.actor?.role === 'applicant' && event.actor.org === context.enterprise,
      byHolderOrEnterprise: ({ context, event }) =>
        (event.actor?.role === 'agent' && event.actor.sub === context.holder) ||
        (event.actor?.role === 'applicant' && event.actor.org === context.enterprise),
    },
    actions: {
      recordHolder: assign({ holder: ({ event }) => event.actor?.sub ?? null }),
      scheduleExpiry: raise({ type: 'EXPIRE' } as MachineEvent, { id: 'expiry', delay: 'untilExpiry' }),
      // Leaves the system through the outbox: the other side is told.
      notify: (_, _params: { about: string }) => {},
    },
    delays: {
      untilExpiry: ({ context }) =>
        Math.max(0, Date.parse(context.expiresAt) - Date.parse(context.requestedAt)),
    },
  });

  return delegation.createMachine({
    id: 'delegation',
    context: ({ input }) => ({
      enterprise: input.applicant,
      requestedAgent: input.form.agent ?? null,
      holder: null,
      expiresAt: input.form.expiresAt ?? input.at,
      requestedAt: input.at,
    }),
    // The expiry timer runs from the request: an agreement never outlives its date, signed or not.
    entry: 'scheduleExpiry',
    initial: 'requested',
    states: {
      requested: {
        tags: ['status:requested'],
        on: {
          ACCEPT: {
            guard: 'mayAccept',
            target: 'active',
            actions: ['recordHolder', { type: 'notify', params: { about: 'delegation-accepted' } }],
          },
          REFUSE: {
            guard: 'byAgent',
            target: 'refused',
            actions: { type: 'notify', params: { about: 'delegation-refused' } },
          },
          REVOKE: { guard: 'byEnterprise', target: 'revoked' },
          EXPIRE: 'expired',
        },
      },
      active: {
        tags: ['status:active'],
        on: {
          REVOKE: {
            guard: 'byEnterprise',
            target: 'revoked',
            actions: { type: 'notify', params: { about: 'delegation-revoked' } },
          },
          COMPLETE: { guard: 'byHolderOrEnterprise', target: 'concluded' },
          EXPIRE: 'expired',
        },
      },
      refused: { type: 'final', meta: { status: 'refused' } },
      revoked: { type: 'final', meta: { status: 'revoked' } },
      expired: { type: 'final', meta: { status: 'expired' } },
      concluded: { type: 'final', meta: { status: 'concluded' } },
    },
  });
}

/**
 * The workflow as the registry lists it; its cases are agreements, listed under /delegations, not applications.
 * Its timer (the expiry) is read off the machine; no department holds tasks and nothing is accepted at a window.
 */
export function delegation(): WorkflowDefinition {
  return defineWorkflow({
    id: 'delegation',
    version: 1,
    title: 'Full-process proxy handling agreement (全程代办)',
    kind: 'agreement',
    stages: [],
    machine: createDelegationMachine(),
    formSchema: 'delegation-request',
    submitEvents: [],
    // Sent only through the /delegations routes, which check who may do what.
    permissions: { applicant: [], window: [], department: [] },
    maxExtensionDays: 0,
    limitWorkingDays: () => null,
  });
}

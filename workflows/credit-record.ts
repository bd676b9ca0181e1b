/**
 * A credit record (信用记录), version 1: one entry of the credit register against an enterprise — serious bad
 * credit, or a false pledge (告知承诺制, 国办发〔2020〕42号) — with its source, its date and the day until which it
 * excludes the enterprise from approval on pledge. Written by an administrator or by a pledge's revocation; a
 * granted credit repair (`credit-repair`) ends it. The case's audit chain is the record's history.
 *
 *   inForce ─REPAIRED (the credit observer, on a granted repair)→ repaired
 */
import { setup } from 'xstate';
import { defineWorkflow, type MachineEvent, type WorkflowDefinition } from '../src/engine/workflow.ts';

/** The kinds of record that exclude an enterprise from approval on pledge. */
export const CREDIT_RECORD_KINDS = ['serious-bad-credit', 'false-pledge'] as const;

/** Builds the machine; the record's facts live in its form and in the register's row. */
export function createCreditRecordMachine() {
  const record = setup({
    types: {} as { context: Record<string, never>; events: MachineEvent },
    guards: {
      /** Only the service itself, on a granted repair: never a caller. */
      bySystem: ({ event }) => event.actor?.role === 'system',
    },
  });
  return record.createMachine({
    id: 'credit-record',
    context: {},
    initial: 'inForce',
    states: {
      inForce: {
        tags: ['status:in_force'],
        on: { REPAIRED: { guard: 'bySystem', target: 'repaired' } },
      },
      repaired: { type: 'final', meta: { status: 'repaired' } },
    },
  });
}

/** The workflow as the registry lists it: a record, on the credit register's routes. */
export function creditRecord(): WorkflowDefinition {
  return defineWorkflow({
    id: 'credit-record',
    version: 1,
    title: 'Credit record (信用记录)',
    kind: 'record',
    stages: [],
    machine: createCreditRecordMachine(),
    formSchema: 'credit-record-create',
    submitEvents: [],
    permissions: { applicant: [], window: [], department: [] },
    maxExtensionDays: 0,
    limitWorkingDays: () => null,
  });
}

/**
 * Credit repair (信用修复), version 1: the enterprise asks that one of its credit records stop excluding it from
 * approval on pledge, with its reasons (国办发〔2020〕42号: the exclusion holds until credit repair); an
 * administrator of the credit register grants or refuses, with reasons. A granted repair ends the record
 * (the credit observer sends it `REPAIRED`), and the enterprise may pledge again.
 *
 *   requested ─GRANT→ granted
 *       └ REFUSE → refused
 */
import { setup } from 'xstate';
import { defineWorkflow, type MachineEvent, type WorkflowDefinition } from '../src/engine/workflow.ts';

/** Builds the machine; who may decide is checked by the machine as well as by the route. */
export function createCreditRepairMachine() {
  const repair = setup({
    types: {} as { context: Record<string, never>; events: MachineEvent },
    guards: {
      byAdmin: ({ event }) => event.actor?.role === 'admin',
    },
  });
  return repair.createMachine({
    id: 'credit-repair',
    context: {},
    initial: 'requested',
    states: {
      requested: {
        tags: ['status:requested'],
        on: {
          GRANT: { guard: 'byAdmin', target: 'granted' },
          REFUSE: { guard: 'byAdmin', target: 'refused' },
        },
      },
      granted: { type: 'final', meta: { status: 'granted' } },
      refused: { type: 'final', meta: { status: 'refused' } },
    },
  });
}

/** The workflow as the registry lists it: a record, on the credit register's routes. */
export function creditRepair(): WorkflowDefinition {
  return defineWorkflow({
    id: 'credit-repair',
    version: 1,
    title: 'Credit repair (信用修复)',
    kind: 'record',
    stages: [],
    machine: createCreditRepairMachine(),
    formSchema: 'credit-repair-request',
    submitEvents: [],
    permissions: { applicant: [], window: [], department: [] },
    maxExtensionDays: 0,
    limitWorkingDays: () => null,
  });
}

/** The principals, the case and the small workflow the permission policy's tests read the rules against. */
import { initialTransition, setup, transition, type AnyMachineSnapshot } from 'xstate';
import type { CaseFacts } from '../../src/auth/policy.ts';
import type { Principal } from '../../src/auth/principal.ts';
import type { ActiveDelegation } from '../../src/delegations/index.ts';
import type { ApplicationRecord } from '../../src/engine/records.ts';
import type { WorkflowDefinition } from '../../src/engine/workflow.ts';

export const ENTERPRISE = '91310115591693856A';
export const OTHER_ENTERPRISE = '91310110666007217T';
export const AT = '2026-03-02T01:00:00.000Z';

export const applicant: Principal = { sub: 'ent-user', role: 'applicant', org: ENTERPRISE };
export const outsider: Principal = { sub: 'other-user', role: 'applicant', org: OTHER_ENTERPRISE };
export const agent: Principal = { sub: 'agent-1', role: 'agent', org: 'service-team' };
export const auditor: Principal = { sub: 'auditor-1', role: 'auditor', org: null };
export const admin: Principal = { sub: 'admin-1', role: 'admin', org: null };
export const clerk = (department: string | null): Principal => ({
  sub: `clerk-${department}`,
  role: 'clerk',
  org: department,
});

export const delegation: ActiveDelegation = {
  id: 'd-1',
  enterprise: ENTERPRISE,
  holder: 'agent-1',
  stages: null,
  applicationIds: null,
  expiresAt: '2026-12-31T16:00:00.000Z',
};

export const theCase = {
  id: '0b6c7a52-3f1e-4d2a-9c8b-5e4f3a2b1c0d',
  workflowId: 'test-permit',
  workflowVersion: 1,
  applicant: ENTERPRISE,
} as ApplicationRecord;

export const facts = (more: Partial<CaseFacts> = {}): CaseFacts => ({ taskDepartments: new Set(), ...more });

/**
 * A small workflow of its own, so that the rules are read against permissions written here: intake by the
 * window, then review where only planning may approve (a guard on the event's department).
 */
const machine = setup({
  guards: { fromPlanning: ({ event }) => (event as { department?: string }).department === 'planning' },
}).createMachine({
  id: 'test-permit',
  initial: 'draft',
  states: {
    draft: { on: { SUBMIT: 'intake' } },
    intake: { on: { ACCEPT: 'review', REFUSE: 'refused', WITHDRAW: 'withdrawn' } },
    review: {
      on: { APPROVE: { target: 'approved', guard: 'fromPlanning' }, DENY: 'denied', WITHDRAW: 'withdrawn' },
    },
    approved: { type: 'final' },
    denied: { type: 'final' },
    refused: { type: 'final' },
    withdrawn: { type: 'final' },
  },
});

export const def: WorkflowDefinition = {
  id: 'test-permit',
  version: 1,
  title: 'Test permit',
  stages: [2],
  departments: ['planning', 'housing'],
  machine,
  formSchema: 'construction-permit.form',
  submitEvents: ['SUBMIT'],
  acceptanceEvents: ['ACCEPT'],
  timerEvents: ['PLEDGE_EXPIRED'],
  routeEvents: { FEE_ASSESSED: 'POST /api/v1/applications/:id/fees' },
  permissions: {
    applicant: ['SUBMIT', 'WITHDRAW'],
    window: ['ACCEPT', 'REFUSE'],
    department: ['APPROVE', 'DENY'],
  },
  maxExtensionDays: 15,
  limitWorkingDays: () => 20,
};

/** The test workflow's snapshot after these events, from the start. */
export function after(...types: string[]): AnyMachineSnapshot {
  let [snapshot] = initialTransition(machine);
  for (const type of types)
    [snapshot] = transition(machine, snapshot, { type, department: 'planning' } as never);
  return snapshot as AnyMachineSnapshot;
}

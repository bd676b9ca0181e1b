/**
 * Cases as the code of a workflow version stores them: a few event sequences run through a machine with
 * XState's pure functions, persisted half-way, then restored and continued. The recorded file
 * (test/fixtures/stored-cases.json) holds the snapshots stored by the code that first ran each version and
 * what continuing them gave; today's machines must restore those snapshots and continue them alike.
 */
import {
  createActor,
  initialTransition,
  transition,
  type AnyMachineSnapshot,
  type AnyStateMachine,
} from 'xstate';
import type { MachineEvent } from '../../src/engine/workflow.ts';
import { completionForm } from '../fixtures/completion-acceptance.ts';
import { permitForm } from '../fixtures/construction-permit.ts';

/** One stored case: where it comes from, the events before it was stored, the events that continue it. */
export interface StoredCaseScenario {
  name: string;
  workflow: string;
  version: number;
  input: Record<string, unknown>;
  before: MachineEvent[];
  after: MachineEvent[];
}

/** What continuing a stored case gives after each event: state, context, status, actions to carry out. */
export interface StoredCaseRecord {
  name: string;
  stored: unknown;
  steps: unknown[];
}

const AT = '2026-03-02T01:00:00.000Z';
const LATER = '2026-03-30T01:00:00.000Z';
const window = (type: string, data?: Record<string, unknown>): MachineEvent => ({
  type,
  department: 'window',
  at: AT,
  ...(data ? { data } : {}),
});
const dept = (type: string, department: string, data?: Record<string, unknown>): MachineEvent => ({
  type,
  department,
  at: AT,
  ...(data ? { data } : {}),
});
const submit = (form: Record<string, unknown>): MachineEvent => ({ type: 'SUBMIT', at: AT, form });
const required = [
  { department: 'planning', code: 'planning-verification' },
  { department: 'fire', code: 'fire-acceptance' },
];

const followUpForm = {
  rating: '0b7f3a52-6d1e-4c1a-9f57-3d2b8c1e4a10',
  application: '5c7e9a10-2b3d-4e5f-8a9b-0c1d2e3f4a5b',
  department: 'planning',
  contactWorkingDays: 1,
  rectifyWorkingDays: 15,
};
const planningClerk = { sub: 'clerk-planning', role: 'clerk', org: 'planning' } as const;
const rater = { sub: 'ent-user', role: 'applicant', org: '91310115591693856A' } as const;

/** The scenarios recorded for each workflow version. */
export const storedCaseScenarios: StoredCaseScenario[] = [
  {
    name: 'construction permit stored with papers pledged, continued to suspension and return',
    workflow: 'construction-permit',
    version: 1,
    input: {},
    before: [
      submit(permitForm),
      window('ACCEPT_WITH_DEFICIENCIES', { items: ['land-survey-report'], pledgeDate: '2026-03-20' }),
      dept('APPROVE', 'planning'),
      dept('REQUEST_SUPPLEMENT', 'fire'),
    ],
    after: [
      { type: 'PLEDGE_DUE', at: LATER },
      dept('APPROVE', 'housing'),
      { type: 'SUSPENSION_LAPSED', at: LATER },
    ],
  },
  {
    name: 'construction permit stored in review, continued to the permit with a fee',
    workflow: 'construction-permit',
    version: 1,
    input: {},
    before: [
      submit(permitForm),
      window('REQUEST_SUPPLEMENT'),
      { type: 'SUPPLEMENT', at: AT },
      window('ACCEPT'),
    ],
    after: [
      window('EXTEND', { workingDays: 10 }),
      window('FEE_ASSESSED', { code: 'x' }),
      ...['planning', 'housing', 'fire', 'civil-defense', 'environment'].map((d) => dept('APPROVE', d)),
      window('ISSUE'),
      window('FEE_SETTLED'),
      window('ISSUE'),
    ],
  },
  {
    name: 'completion acceptance stored rectifying, continued to the certificate',
    workflow: 'completion-acceptance',
    version: 1,
    input: {},
    before: [
      submit(completionForm),
      {
        ...window('ACCEPT_WITH_DEFICIENCIES', { items: ['as-built-drawings'], pledgeDate: '2026-03-20' }),
        requiredInspections: required,
        checklistVersion: 1,
      },
      dept('INSPECTION_SCHEDULED', 'fire', { code: 'fire-acceptance' }),
      dept('INSPECTION_RECORDED', 'fire', { code: 'fire-acceptance', result: 'fail' }),
    ],
    after: [
      { type: 'RECTIFIED', at: AT },
      dept('INSPECTION_RECORDED', 'fire', { code: 'fire-acceptance', result: 'pass' }),
      dept('INSPECTION_RECORDED', 'planning', { code: 'planning-verification', result: 'pass' }),
      { type: 'SUPPLEMENT', at: AT },
      window('ISSUE'),
    ],
  },
  {
    name: 'completion acceptance stored at intake, continued to withdrawal',
    workflow: 'completion-acceptance',
    version: 1,
    input: {},
    before: [submit(completionForm), window('REQUEST_SUPPLEMENT')],
    after: [window('REQUEST_SUPPLEMENT'), { type: 'SUPPLEMENT', at: AT }, { type: 'WITHDRAW', at: AT }],
  },
  {
    name: 'delegation stored requested, continued to acceptance and expiry',
    workflow: 'delegation',
    version: 1,
    input: { at: AT, applicant: '91360200MA00000001', form: { expiresAt: LATER } },
    before: [],
    after: [
      { type: 'ACCEPT', at: AT, actor: { sub: 'agent-1', role: 'agent', org: 'service-team' } },
      { type: 'EXPIRE', at: LATER },
    ],
  },
  {
    name: 'licence stored with an extension requested, continued to the grant, the start of works and revocation',
    workflow: 'licence',
    version: 1,
    input: {
      at: AT,
      applicant: '91310115591693856A',
      form: { number: '36020020260302000101', type: 'construction-permit', startWorksBy: '2026-06-02' },
    },
    before: [
      {
        type: 'EXTENSION_REQUESTED',
        at: LATER,
        comment: 'site handover delayed',
        data: { months: 2 },
        actor: { sub: 'ent-user', role: 'applicant', org: '91310115591693856A' },
      },
    ],
    after: [
      { type: 'LAPSE', at: '2026-06-03T00:00:00.000Z' },
      { type: 'EXTEND', at: LATER, actor: { sub: 'clerk-window', role: 'clerk', org: 'window' } },
      {
        type: 'WORKS_STARTED',
        at: LATER,
        actor: { sub: 'ent-user', role: 'applicant', org: '91310115591693856A' },
      },
      { type: 'REVOKE', at: LATER, comment: 'deceit', actor: { sub: 'admin-1', role: 'admin', org: null } },
    ],
  },
  {
    name: 'licence stored valid, continued to its lapse',
    workflow: 'licence',
    version: 1,
    input: {
      at: AT,
      applicant: '91310115591693856A',
      form: { number: '36020020260302000201', type: 'construction-permit', startWorksBy: '2026-06-02' },
    },
    before: [],
    after: [{ type: 'LAPSE', at: '2026-06-02T16:00:00.000Z' }],
  },
  {
    name: 'rating follow-up stored while verifying, continued through rectification, answer and the rater',
    workflow: 'rating-follow-up',
    version: 1,
    input: { at: AT, applicant: '91310115591693856A', form: followUpForm },
    before: [{ type: 'CONTACT', at: AT, actor: planningClerk }],
    after: [
      { type: 'VERIFY', at: AT, data: { finding: 'justified' }, actor: planningClerk },
      { type: 'RECTIFIED', at: LATER, comment: 'template fixed', actor: planningClerk },
      { type: 'ANSWER', at: LATER, comment: 'answered', actor: planningClerk },
      { type: 'RATE_FOLLOW_UP', at: LATER, data: { level: 2 }, actor: rater },
    ],
  },
  {
    name: 'rating follow-up stored waiting for contact, continued to overdue, appeal and exclusion',
    workflow: 'rating-follow-up',
    version: 1,
    input: { at: AT, applicant: '91310115591693856A', form: followUpForm },
    before: [],
    after: [
      { type: 'CONTACT_OVERDUE', at: '2026-03-03T16:00:00.000Z' },
      { type: 'CONTACT', at: LATER, actor: planningClerk },
      { type: 'VERIFY', at: LATER, data: { finding: 'appealed' }, actor: planningClerk },
      {
        type: 'EXCLUDE',
        at: LATER,
        comment: 'malicious',
        actor: { sub: 'admin-1', role: 'admin', org: null },
      },
    ],
  },
];

/** Runs a scenario's first events and persists the snapshot, as the engine stores a case. */
export function storeCase(machine: AnyStateMachine, scenario: StoredCaseScenario): unknown {
  let [snapshot] = initialTransition(machine, scenario.input);
  for (const event of scenario.before) [snapshot] = transition(machine, snapshot, event);
  return JSON.parse(JSON.stringify(machine.getPersistedSnapshot(snapshot)));
}

/** Restores a stored snapshot the way the engine does and applies the scenario's remaining events. */
export function continueCase(
  machine: AnyStateMachine,
  stored: unknown,
  scenario: StoredCaseScenario,
): unknown[] {
  let snapshot = createActor(machine, { snapshot: stored as never }).getSnapshot() as AnyMachineSnapshot;
  const steps: unknown[] = [];
  for (const event of scenario.after) {
    const [next, actions] = transition(machine, snapshot, event);
    steps.push({
      event: event.type,
      taken: next !== snapshot,
      value: next.value,
      status: next.status,
      context: next.context as unknown,
      tags: [...next.tags].sort(),
      actions: actions.map((a) => ({ type: a.type, params: a.params ?? null })),
    });
    snapshot = next;
  }
  return JSON.parse(JSON.stringify(steps));
}

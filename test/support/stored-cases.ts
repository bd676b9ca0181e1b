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
import { landPlanningForm } from '../fixtures/land-planning.ts';

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
const officer = { sub: 'officer-1', role: 'clerk' as const, org: 'investment-promotion' };
const investmentProposal = {
  industry: 'new-materials',
  investmentYuan: 360_000_000,
  landMu: 100,
  expectedOutputYuan: 800_000_000,
  taxPerYearYuan: 32_000_000,
  jobs: 420,
  floorAreaRatio: 1.2,
  coverage: 0.45,
  technologyLevel: 'domestic-leading',
};
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
    name: 'construction permit v2 stored in the fire expert review, continued to the opinion and the permit',
    workflow: 'construction-permit',
    version: 2,
    input: {},
    before: [
      submit(permitForm),
      window('ACCEPT'),
      dept('APPROVE', 'planning'),
      dept('START_EXPERT_REVIEW', 'fire'),
    ],
    after: [
      dept('APPROVE', 'fire'),
      dept('RECORD_EXPERT_OPINION', 'fire'),
      ...['housing', 'fire', 'civil-defense', 'environment'].map((d) => dept('APPROVE', d)),
      window('ISSUE'),
    ],
  },
  {
    name: 'construction permit v2 stored in the fire expert review, continued to the cap, a second review and withdrawal',
    workflow: 'construction-permit',
    version: 2,
    input: {},
    before: [submit(permitForm), window('ACCEPT'), dept('START_EXPERT_REVIEW', 'fire')],
    after: [
      dept('REQUEST_SUPPLEMENT', 'planning'),
      { type: 'EXPERT_REVIEW_CAP_REACHED', at: LATER },
      { type: 'SUPPLEMENT', at: LATER },
      dept('START_EXPERT_REVIEW', 'fire'),
      { type: 'WITHDRAW', at: LATER },
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
    name: 'land-planning stored with the pre-examination waiting for papers, continued to the planning permit',
    workflow: 'land-planning',
    version: 1,
    input: {},
    before: [
      submit(landPlanningForm),
      window('ACCEPT'),
      dept('APPROVE', 'development-reform'),
      dept('REQUEST_SUPPLEMENT', 'natural-resources'),
    ],
    after: [
      { type: 'SUPPLEMENT', at: AT },
      dept('APPROVE', 'planning'),
      dept('APPROVE', 'natural-resources'),
      dept('APPROVE', 'planning'),
      window('ISSUE'),
    ],
  },
  // pledge (告知承诺制) and the credit register
  {
    name: 'construction permit v2 stored with housing decided on pledge, continued to the permit',
    workflow: 'construction-permit',
    version: 2,
    input: {},
    before: [
      submit({
        ...permitForm,
        approvalOnPledge: {
          items: ['housing'],
          textId: 'construction-permit-2026-1',
          textSha256: 'a'.repeat(64),
        },
      }),
      window('ACCEPT'),
      dept('APPROVE', 'planning'),
    ],
    after: [...['fire', 'civil-defense', 'environment'].map((d) => dept('APPROVE', d)), window('ISSUE')],
  },
  {
    name: 'construction permit v2 stored in review without a pledge, continued to denial',
    workflow: 'construction-permit',
    version: 2,
    input: {},
    before: [submit(permitForm), window('ACCEPT'), dept('APPROVE', 'planning')],
    after: [dept('APPROVE', 'housing'), dept('DENY', 'fire')],
  },
  {
    name: 'pledge verification stored rectifying, continued to the lapse that revokes',
    workflow: 'pledge-verification',
    version: 1,
    input: {
      at: AT,
      applicant: '91310115591693856A',
      form: { application: 'case-1', licence: '36020020260302000101', items: ['housing'] },
    },
    before: [dept('NON_COMPLIANT', 'housing', { method: 'on-site' })],
    after: [dept('VERIFIED', 'housing', { method: 'on-site' }), { type: 'RECTIFICATION_LAPSED', at: LATER }],
  },
  {
    name: 'pledge verification stored verifying, continued to verification',
    workflow: 'pledge-verification',
    version: 1,
    input: {
      at: AT,
      applicant: '91310115591693856A',
      form: { application: 'case-2', licence: null, items: ['housing'] },
    },
    before: [],
    after: [dept('VERIFIED', 'housing'), dept('VERIFIED', 'housing', { method: 'by-notice' })],
  },
  {
    name: 'credit record stored in force, continued to its repair',
    workflow: 'credit-record',
    version: 1,
    input: { at: AT, applicant: '91310115591693856A', form: { kind: 'false-pledge' } },
    before: [],
    after: [
      { type: 'REPAIRED', at: LATER, actor: { sub: 'admin-1', role: 'admin', org: null } },
      { type: 'REPAIRED', at: LATER, actor: { sub: 'zerotrip-scheduler', role: 'system', org: null } },
    ],
  },
  {
    name: 'credit repair stored requested, continued to the grant',
    workflow: 'credit-repair',
    version: 1,
    input: { at: AT, applicant: '91310115591693856A', form: { record: 'r-1', reason: 'done' } },
    before: [],
    after: [
      { type: 'GRANT', at: LATER, actor: { sub: 'ent-user', role: 'applicant', org: '91310115591693856A' } },
      { type: 'GRANT', at: LATER, actor: { sub: 'admin-1', role: 'admin', org: null } },
    ],
  },
  {
    name: 'investment review stored in its meeting, continued through a deferral to a pass',
    workflow: 'investment-review',
    version: 1,
    input: { at: AT, applicant: '91310115591693856A', project: { name: 'P' }, form: {} },
    before: [
      submit(investmentProposal),
      { type: 'CLOSE_BATCH', at: AT, actor: officer },
      dept('PRE_REVIEW', 'land', { position: 'agree-with-conditions', conditions: '红线调整' }),
      dept('PRE_REVIEW', 'planning', { position: 'agree' }),
      dept('PRE_REVIEW', 'environment', { position: 'agree' }),
      { type: 'PANEL_DRAWN', at: AT, actor: officer, data: { panel: ['e1', 'e2', 'e3', 'e4', 'e5'] } },
      ...['e1', 'e2', 'e3', 'e4', 'e5'].map((expert) => ({ type: 'DECLARED', at: AT, data: { expert } })),
      { type: 'VOTE', at: AT, data: { expert: 'e1', seal: 'x' } },
    ],
    after: [
      { type: 'ABSENT', at: LATER, actor: officer, data: { expert: 'e5', outcome: 'deferred' } },
      { type: 'PROVIDE_INFORMATION', at: LATER, comment: 'answer' },
      { type: 'VOTE', at: LATER, data: { expert: 'e1', seal: 'y', outcome: 'passed', conditions: [] } },
    ],
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
  {
    name: 'rating follow-up stored answered, continued to closing unrated',
    workflow: 'rating-follow-up',
    version: 1,
    input: { at: AT, applicant: '91310115591693856A', form: followUpForm },
    before: [
      { type: 'CONTACT', at: AT, actor: planningClerk },
      { type: 'VERIFY', at: AT, data: { finding: 'explained' }, actor: planningClerk },
      { type: 'ANSWER', at: AT, comment: 'explained', actor: planningClerk },
    ],
    after: [{ type: 'FOLLOW_UP_UNRATED', at: LATER }],
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

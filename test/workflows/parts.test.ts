import { expect } from 'chai';
import {
  assign,
  initialTransition,
  setup,
  transition,
  type AnyMachineSnapshot,
  type AnyStateMachine,
} from 'xstate';
import type { MachineEvent, WorkflowDeps } from '../../src/engine/workflow.ts';
import {
  caseActions,
  caseDelays,
  caseEvents,
  caseGuards,
  caseLimits,
  decidedBy,
  extension,
  initialCaseContext,
  intake,
  issuing,
  outcome,
  pledgedPapers,
  type CaseContext,
} from '../../workflows/parts/index.ts';

/*
 * The shared workflow parts composed into the smallest application workflow: one department reviews beside
 * the pledged papers. The parts' behaviour is checked here once, with XState's pure functions and a fixed
 * "calendar" of 24-hour working days.
 */

const ROOT = '#mini';
const REVIEW = `${ROOT}.accepted.review`;
const DAY = 86_400_000;
const deps: WorkflowDeps = { workingDaysLater: (from, n) => new Date(Date.parse(from) + n * DAY) };
const AT = '2026-03-02T01:00:00.000Z';

/** A workflow's own context beside the shared one. */
interface MiniContext extends CaseContext {
  accepted: boolean;
}

function miniMachine() {
  const mini = setup({
    types: {} as { context: MiniContext; events: MachineEvent },
    guards: caseGuards,
    actions: {
      ...caseActions<MiniContext>(),
      markAccepted: assign({ accepted: true }),
    },
    delays: caseDelays(deps),
  });
  return mini.createMachine({
    id: 'mini',
    context: { accepted: false, ...initialCaseContext },
    initial: 'draft',
    on: caseEvents,
    states: {
      draft: { on: { SUBMIT: 'intake' } },
      intake: intake(ROOT, ['markAccepted']),
      accepted: {
        initial: 'review',
        on: extension,
        states: {
          review: {
            type: 'parallel',
            states: {
              housing: {
                initial: 'reviewing',
                states: {
                  reviewing: { on: { APPROVE: { guard: decidedBy(REVIEW, 'housing'), target: 'approved' } } },
                  approved: { type: 'final' },
                },
              },
              deficiencies: pledgedPapers(ROOT),
            },
            onDone: 'issuing',
          },
          issuing: issuing(`${ROOT}.approved`, 'issued'),
        },
      },
      approved: outcome('approved'),
      refused: outcome('refused', 'refused'),
      withdrawn: outcome('withdrawn'),
    },
  });
}

const window = (type: string, data?: Record<string, unknown>): MachineEvent => ({
  type,
  department: 'window',
  at: AT,
  ...(data ? { data } : {}),
});

/** Runs events from a new case; answers the snapshot and the actions of the last event. */
function run(machine: AnyStateMachine, events: MachineEvent[]) {
  let [snapshot, actions] = initialTransition(machine, {});
  for (const event of events) [snapshot, actions] = transition(machine, snapshot, event);
  return { snapshot: snapshot as AnyMachineSnapshot, actions };
}

const SUBMIT: MachineEvent = { type: 'SUBMIT', at: AT };
const pledged = window('ACCEPT_WITH_DEFICIENCIES', { items: ['survey'], pledgeDate: '2026-03-02' });

describe('workflow parts', () => {
  const machine = miniMachine();

  it('should let only the window decide at intake, and ask for supplements once', () => {
    const submitted = run(machine, [SUBMIT]).snapshot;
    expect(transition(machine, submitted, { ...window('ACCEPT'), department: 'housing' })[0]).to.equal(
      submitted,
    );
    const asked = run(machine, [SUBMIT, window('REQUEST_SUPPLEMENT')]);
    expect(asked.snapshot.value).to.deep.equal({ intake: 'awaitingSupplement' });
    expect(asked.snapshot.hasTag('clock:applicant')).to.equal(true);
    expect(asked.actions.map((a) => a.params)).to.deep.include({ about: 'supplement-requested' });
    const again = run(machine, [SUBMIT, window('REQUEST_SUPPLEMENT'), { type: 'SUPPLEMENT', at: AT }]);
    expect(transition(machine, again.snapshot, window('REQUEST_SUPPLEMENT'))[0]).to.equal(again.snapshot);
  });

  it("should run the workflow's own acceptance actions and record the pledge", () => {
    const { snapshot } = run(machine, [SUBMIT, pledged]);
    expect(snapshot.context).to.include({ accepted: true, pledgeDate: '2026-03-02' });
    expect(snapshot.context.deficiencies).to.deep.equal(['survey']);
  });

  it('should keep a pledge until the end of the pledged day in Asia/Shanghai', () => {
    const { actions } = run(machine, [SUBMIT, pledged]);
    const timer = actions.find((a) => a.type === 'xstate.raise')!.params as { id: string; delay: number };
    expect(timer.id).to.equal('pledge-due');
    expect(new Date(Date.parse(AT) + timer.delay).toISOString()).to.equal('2026-03-02T15:59:59.999Z');
  });

  it('should suspend the case when pledged papers are late, stop decisions, and return it after the limit', () => {
    const late = { type: 'PLEDGE_DUE', at: '2026-03-03T01:00:00.000Z' };
    const { snapshot, actions } = run(machine, [SUBMIT, pledged, late]);
    expect(snapshot.hasTag('status:suspended')).to.equal(true);
    const timer = actions.find((a) => a.type === 'xstate.raise')!.params as { id: string; delay: number };
    expect(timer).to.include({ id: 'suspension-lapse', delay: caseLimits.suspensionReturn * DAY });
    const approve = { type: 'APPROVE', department: 'housing', at: AT };
    expect(transition(machine, snapshot, approve)[0]).to.equal(snapshot);
    const lapsed = transition(machine, snapshot, { type: 'SUSPENSION_LAPSED', at: AT })[0];
    expect(lapsed.value).to.equal('refused');
    expect(lapsed.getMeta()).to.deep.include({ 'mini.refused': { status: 'refused' } });
  });

  it('should issue only when every fee is settled, counting settlements down to zero at most', () => {
    const reviewed = run(machine, [
      SUBMIT,
      window('ACCEPT'),
      window('FEE_ASSESSED'),
      { type: 'APPROVE', department: 'housing', at: AT },
    ]).snapshot;
    expect(reviewed.value).to.deep.equal({ accepted: 'issuing' });
    expect(transition(machine, reviewed, window('ISSUE'))[0]).to.equal(reviewed);
    const settled = [window('FEE_SETTLED'), window('FEE_SETTLED')].reduce(
      (s, e) => transition(machine, s, e)[0],
      reviewed,
    );
    expect(settled.context.outstandingFees).to.equal(0);
    const [issued, actions] = transition(machine, settled, window('ISSUE'));
    expect(issued.value).to.equal('approved');
    expect(actions.map((a) => a.params)).to.deep.include({ about: 'issued' });
  });

  it('should grant one extension only, and let the enterprise withdraw at any time', () => {
    const extended = run(machine, [SUBMIT, window('ACCEPT'), window('EXTEND', { workingDays: 10 })]).snapshot;
    expect(extended.context.extensionDays).to.equal(10);
    expect(transition(machine, extended, window('EXTEND', { workingDays: 5 }))[0]).to.equal(extended);
    expect(transition(machine, extended, { type: 'WITHDRAW', at: AT })[0].value).to.equal('withdrawn');
  });
});

import { expect } from 'chai';
import { createMachine, initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { EventNotAllowedError } from '../../src/errors/index.ts';
import { draftPatchRefusal, eventVerdict } from '../../src/engine/event-verdict.ts';
import type { MachineEvent, WorkflowDefinition } from '../../src/engine/workflow.ts';

const machine = createMachine({
  id: 'verdict',
  initial: 'draft',
  states: {
    draft: { on: { SUBMIT: 'review' } },
    review: { on: { APPROVE: 'approved' } },
    approved: { type: 'final' },
  },
});

/** Only what the verdict reads of a workflow: its machine and its reasons for refusing. */
const def = {
  machine,
  explainRefusal: (snapshot: AnyMachineSnapshot, event: MachineEvent) =>
    snapshot.value === 'draft' && event.type === 'APPROVE' ? 'submit the draft first' : undefined,
} as unknown as WorkflowDefinition;

const event = (type: string): MachineEvent =>
  ({
    type,
    at: '2026-03-02T01:00:00.000Z',
    actor: { sub: 'a', role: 'applicant', org: null },
  }) as MachineEvent;

describe('engine/event-verdict', () => {
  const [draft] = initialTransition(machine);

  it('should take an event the machine has a transition for, with the next snapshot', () => {
    const verdict = eventVerdict(def, draft, event('SUBMIT'), 'draft');
    expect(verdict.ok).to.equal(true);
    if (verdict.ok) expect(verdict.after.value).to.equal('review');
  });

  it("should refuse an event the machine leaves unchanged, with the workflow's reason", () => {
    const verdict = eventVerdict(def, draft, event('APPROVE'), 'draft');
    expect(verdict.ok).to.equal(false);
    if (!verdict.ok) {
      expect(verdict.refusal).to.be.instanceOf(EventNotAllowedError);
      expect(verdict.refusal.message).to.equal('APPROVE is not allowed now: submit the draft first');
    }
  });

  it('should refuse without a reason when the workflow gives none', () => {
    const verdict = eventVerdict(def, draft, event('WITHDRAW'), 'draft');
    expect(!verdict.ok && verdict.refusal.message).to.equal(
      'WITHDRAW is not allowed while the case is draft (state "draft")',
    );
  });

  it('should refuse every event once the case has concluded', () => {
    const [review] = transition(machine, draft, event('SUBMIT'));
    const [approved] = transition(machine, review, event('APPROVE'));
    const verdict = eventVerdict(def, approved, event('SUBMIT'), 'approved');
    expect(!verdict.ok && verdict.refusal).to.include({
      eventType: 'SUBMIT',
      status: 'approved',
      reason: undefined,
    });
  });

  it('should let only a draft be patched', () => {
    expect(draftPatchRefusal('draft', 'draft')).to.equal(null);
    expect(draftPatchRefusal('review', 'submitted')).to.include({ eventType: 'PATCH', status: 'submitted' });
  });
});

import { expect } from 'chai';
import { createActor, not, or, stateIn } from 'xstate';
import { describeMachine, guardName } from '../../src/engine/describe.ts';
import type { StateDescription } from '../../src/engine/describe.ts';
import { ID, makeMachine } from '../fixtures/describe-machine.ts';

const machine = makeMachine();
const p = (...keys: string[]) => [ID, ...keys].join('.');

describe('describe', () => {
  const description = describeMachine(machine);
  const state = (...keys: string[]): StateDescription => {
    const found = description.states.find((s) => s.id === p(...keys));
    if (!found) throw new Error(`no state ${p(...keys)}`);
    return found;
  };

  it('should describe a fixture that actually runs to approval', () => {
    const actor = createActor(makeMachine()).start();
    for (const event of [
      { type: 'SUBMIT' },
      { type: 'ACCEPT' },
      { type: 'APPROVE', department: 'fire' },
      { type: 'APPROVE', department: 'planning' },
    ] as const) {
      actor.send(event);
    }
    expect(actor.getSnapshot().value).to.equal('approved');
    expect(actor.getSnapshot().status).to.equal('done');
  });

  it('should list every node in document order with its path and type', () => {
    expect(description.id).to.equal(ID);
    expect(description.initial).to.equal(p('draft'));
    expect(description.states.map((s) => s.path.join('.'))).to.deep.equal([
      '',
      'draft',
      'intake',
      'review',
      'review.planning',
      'review.planning.review',
      'review.planning.review.working',
      'review.planning.review.waiting',
      'review.planning.approved',
      'review.fire-safety',
      'review.fire-safety.review',
      'review.fire-safety.review.working',
      'review.fire-safety.review.waiting',
      'review.fire-safety.approved',
      'done',
      'approved',
      'rejected',
      'withdrawn',
    ]);
    expect(state('review').type).to.equal('parallel');
    expect(state('review', 'planning', 'review').type).to.equal('compound');
    expect(state('review', 'planning', 'review').initial).to.equal(
      p('review', 'planning', 'review', 'working'),
    );
    expect(state('approved').type).to.equal('final');
  });

  it('should read tasks, clock stops and statuses from the conventions', () => {
    expect(state('intake').task).to.deep.equal({
      department: 'window',
      action: 'intake',
      limitDays: 5,
      source: 'Art. 5',
    });
    expect(state('review', 'planning', 'review').task).to.deep.equal({
      department: 'planning',
      action: 'review',
      limitDays: 20,
    });
    expect(state('review', 'fire-safety', 'review').task?.source).to.equal('GB 50016');
    expect(state('review', 'planning', 'review', 'waiting').stopsClock).to.equal('applicant');
    expect(state('review', 'planning', 'review', 'working')).to.not.have.property('stopsClock');
    expect(state('review', 'planning', 'review', 'waiting').tags).to.deep.equal(['clock:applicant']);
    expect(state('draft')).to.not.have.property('task');
    expect(state('review').status).to.equal('in_review');
    expect(state('approved').status).to.equal('approved');
    expect(state('withdrawn').status).to.equal('withdrawn');
  });

  it('should describe transitions with target ids and readable guards', () => {
    expect(state('draft').on).to.deep.equal([{ event: 'SUBMIT', targets: [p('intake')] }]);
    expect(state('intake').on).to.deep.equal([
      { event: 'ACCEPT', targets: [p('review')] },
      { event: 'REJECT', targets: [p('rejected')] },
      { event: 'INTAKE_OVERDUE', targets: [] },
    ]);
    expect(state('review', 'planning', 'review').on).to.deep.equal([
      { event: 'APPROVE', targets: [p('review', 'planning', 'approved')], guard: 'fromDepartment(planning)' },
    ]);
    expect(state('review', 'fire-safety', 'review').on[0]?.guard).to.equal(
      'and(fromDepartment(fire), not(stateIn(review.planning.review.waiting)))',
    );
    expect(state('review', 'fire-safety', 'review', 'waiting').on).to.deep.equal([
      { event: 'SUPPLEMENT', targets: [p('review', 'fire-safety', 'review', 'working')] },
      { event: 'after(applicantTimeout)', targets: [p('rejected')] },
    ]);
    expect(state('review').on).to.deep.equal([{ event: 'done', targets: [p('done')] }]);
    expect(state('done').on).to.deep.equal([
      { event: 'always', targets: [p('approved')], guard: 'allClear' },
      { event: 'always', targets: [p('rejected')] },
    ]);
    expect(description.states[0]?.on).to.deep.equal([{ event: 'WITHDRAW', targets: [p('withdrawn')] }]);
  });

  it('should list external events only, sorted', () => {
    expect(description.events).to.deep.equal([
      'ACCEPT',
      'APPROVE',
      'INTAKE_OVERDUE',
      'REJECT',
      'REQUEST_MATERIALS',
      'SUBMIT',
      'SUPPLEMENT',
      'WITHDRAW',
    ]);
  });

  it('should be JSON-serialisable without loss', () => {
    expect(JSON.parse(JSON.stringify(description))).to.deep.equal(description);
  });

  it('should name every kind of guard', () => {
    expect(guardName('allClear')).to.equal('allClear');
    expect(guardName({ type: 'isLate' })).to.equal('isLate');
    expect(guardName({ type: 'within', params: { days: 5, unit: 'WD' } })).to.equal(
      'within(days=5, unit=WD)',
    );
    expect(guardName({ type: 'dyn', params: () => ({}) })).to.equal('dyn(dynamic)');
    expect(guardName(or(['a', not('b')]))).to.equal('or(a, not(b))');
    expect(guardName(stateIn('#x.y'))).to.equal('stateIn(#x.y)');
    expect(guardName({ guard: () => true }.guard)).to.equal('inline');
    expect(guardName(function isWeekend() {return false;})).to.equal('isWeekend'); // prettier-ignore
  });
});

import { expect } from 'chai';
import { raise, setup } from 'xstate';
import { referenceCalendar } from '../../src/calendar/index.ts';
import { machineFacts } from '../../src/engine/machine-facts.ts';
import { defineWorkflow } from '../../src/engine/workflow.ts';
import { createRegistry } from '../../workflows/index.ts';

type Events = { type: string; department?: string };

/** A small workflow following the conventions: an intake task, two departments, three kinds of raise. */
function makeMachine() {
  return setup({
    types: { events: {} as Events },
    actions: {
      remind: raise({ type: 'REMINDER_DUE' }, { id: 'remind', delay: 'aDay' }),
      nudgeNow: raise({ type: 'NUDGE' }),
      notify: () => {},
    },
    delays: { aDay: 86_400_000 },
  }).createMachine({
    id: 'facts',
    initial: 'draft',
    states: {
      draft: { on: { SUBMIT: 'intake' } },
      intake: {
        meta: { task: { department: 'window', action: 'intake', limitDays: 5 } },
        initial: 'examining',
        states: {
          examining: {
            entry: { type: 'remind' },
            on: {
              ACCEPT: '#facts.review',
              ASK: 'waiting',
              NOTE: { actions: 'notify' },
              REFUSE: '#facts.refused',
            },
          },
          waiting: { on: { SUPPLEMENT: 'examining' } },
        },
        on: { FAST_TRACK: 'review', WITHDRAW: 'withdrawn' },
      },
      review: {
        type: 'parallel',
        states: {
          planning: {
            initial: 'open',
            states: {
              open: {
                meta: { task: { department: 'planning', action: 'review', limitDays: 20 } },
                entry: ['nudgeNow', raise({ type: 'ESCALATE' }, { delay: 1000 })],
                on: { APPROVE: 'done' },
              },
              done: { type: 'final' },
            },
          },
          window: {
            initial: 'open',
            states: {
              // Not a task: `meta.task` lacks its limit.
              open: { meta: { task: { department: 'archives', action: 'file' } }, on: { FILE: 'done' } },
              done: { type: 'final' },
            },
          },
          fire: {
            meta: { task: { department: 'planning', action: 'second look', limitDays: 3 } },
            after: { aDay: { actions: 'remind' } },
          },
        },
      },
      refused: { type: 'final' },
      withdrawn: { type: 'final' },
    },
  });
}

describe('machineFacts', () => {
  it('should list each department holding a task once, in document order', () => {
    expect(machineFacts(makeMachine()).departments).to.deep.equal(['window', 'planning']);
  });

  it('should list the events of delayed raises, named or inline, and not those raised at once', () => {
    // `after` is a delayed raise of XState's own event: the engine's timers send it too.
    expect(machineFacts(makeMachine()).timerEvents).to.deep.equal([
      'REMINDER_DUE',
      'ESCALATE',
      'xstate.after.aDay.facts.review.fire',
    ]);
  });

  it('should read acceptance as the events leaving the intake task for a state that goes on', () => {
    // ASK and SUPPLEMENT stay inside intake, NOTE goes nowhere, REFUSE and WITHDRAW end the case.
    expect(machineFacts(makeMachine()).acceptanceEvents).to.deep.equal(['FAST_TRACK', 'ACCEPT']);
  });

  it('should find no acceptance and no departments in a machine without tasks', () => {
    const machine = setup({}).createMachine({ initial: 'a', states: { a: { on: { GO: 'b' } }, b: {} } });
    expect(machineFacts(machine)).to.deep.equal({ departments: [], timerEvents: [], acceptanceEvents: [] });
  });

  it('should refuse a delayed raise whose event is computed, since its timer could not be told apart', () => {
    const machine = setup({ types: { events: {} as Events } }).createMachine({
      id: 'computed',
      entry: raise(() => ({ type: 'LATER' }), { delay: 10 }),
    });
    expect(() => machineFacts(machine)).to.throw(/computed: a delayed raise must name its event type/);
  });

  it('should give the registered workflows the facts they used to state by hand', () => {
    const registry = createRegistry(referenceCalendar());
    const facts = (id: string) => {
      const { departments, timerEvents, acceptanceEvents } = registry.get(id);
      return { departments, timerEvents, acceptanceEvents };
    };
    expect(facts('construction-permit')).to.deep.equal({
      departments: ['window', 'planning', 'housing', 'fire', 'civil-defense', 'environment'],
      // Version 2: the fire expert review's cap.
      timerEvents: ['EXPERT_REVIEW_CAP_REACHED', 'PLEDGE_DUE', 'SUSPENSION_LAPSED'],
      acceptanceEvents: ['ACCEPT', 'ACCEPT_WITH_DEFICIENCIES'],
    });
    expect(facts('completion-acceptance')).to.deep.equal({
      departments: [
        'window',
        'planning',
        'land',
        'fire',
        'civil-defense',
        'archives',
        'meteorology',
        'quality',
      ],
      timerEvents: ['PLEDGE_DUE', 'SUSPENSION_LAPSED'],
      acceptanceEvents: ['ACCEPT', 'ACCEPT_WITH_DEFICIENCIES'],
    });
    expect(facts('delegation')).to.deep.equal({
      departments: [],
      timerEvents: ['EXPIRE'],
      acceptanceEvents: [],
    });
  });
});

describe('defineWorkflow', () => {
  it('should complete a workflow stated without its machine facts', () => {
    const machine = makeMachine();
    const def = defineWorkflow({
      id: 'facts',
      version: 1,
      title: 'Facts',
      stages: [],
      machine,
      formSchema: 'facts.form',
      submitEvents: ['SUBMIT'],
      permissions: { applicant: ['SUBMIT'], window: ['ACCEPT'], department: ['APPROVE'] },
      maxExtensionDays: 0,
      limitWorkingDays: () => null,
    });
    expect(def).to.include({ id: 'facts', machine });
    expect(def.departments).to.deep.equal(['window', 'planning']);
    expect(def).to.deep.include(machineFacts(machine));
  });
});

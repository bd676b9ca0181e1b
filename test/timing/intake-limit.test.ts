import { expect } from 'chai';
import type { AnyStateMachine } from 'xstate';
import { referenceCalendar } from '../../src/calendar/index.ts';
import type { TaskMeta } from '../../src/engine/machine-state.ts';
import { INTAKE_WORKING_DAYS } from '../../src/timing/intake-limit.ts';
import { createRegistry } from '../../workflows/index.ts';

/** The `meta.task` of every state node of a machine whose task is the window's intake. */
function intakeTasks(machine: AnyStateMachine): TaskMeta[] {
  const found: TaskMeta[] = [];
  const walk = (node: { meta?: { task?: TaskMeta }; states: Record<string, unknown> }) => {
    if (node.meta?.task?.action === 'intake') found.push(node.meta.task);
    for (const child of Object.values(node.states)) walk(child as typeof node);
  };
  walk(machine.root as never);
  return found;
}

describe('timing/intake-limit', () => {
  it('should be the 5 working days of Administrative Licensing Law art. 32', () => {
    expect(INTAKE_WORKING_DAYS).to.equal(5);
  });

  it("should be the limit of every workflow's intake task, so the deemed acceptance agrees with the inbox", () => {
    const withIntake = createRegistry(referenceCalendar())
      .all()
      .filter((def) => intakeTasks(def.machine).length > 0);
    expect(withIntake.map((def) => def.id)).to.include.members([
      'construction-permit',
      'completion-acceptance',
    ]);
    for (const def of withIntake) {
      for (const task of intakeTasks(def.machine)) {
        expect(task, `${def.id}@${def.version}`).to.deep.include({
          department: 'window',
          limitDays: INTAKE_WORKING_DAYS,
        });
      }
    }
  });
});

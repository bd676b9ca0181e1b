import type { AnyMachineSnapshot } from 'xstate';
import type { WorkingCalendar } from '../calendar/index.ts';
import { advanceStoppedClock, RUNNING_CLOCK } from '../timing/stopped-clock.ts';
import type { EventStore, Row } from '../db/index.ts';
import { activeTasks, clockStopped, specialProcedureRunning } from './machine-state.ts';
import { toTask } from './records.ts';

/** Where and when the effects of one event are written. */
export interface EffectContext {
  store: EventStore;
  calendar: WorkingCalendar;
  applicationId: string;
  workflowId: string;
  at: string;
  seq: number;
  eventType: string;
  status: string;
}

/** Where and when the effects of an entry are written; `app` is the case after it. */
export function effectContextFor(
  store: EventStore,
  calendar: WorkingCalendar,
  app: { id: string; workflowId: string; status: string },
  at: string,
  seq: number,
  eventType: string,
): EffectContext {
  const { id: applicationId, workflowId, status } = app;
  return { store, calendar, applicationId, workflowId, at, seq, eventType, status };
}

/** An action as XState's pure `transition` returns it, for the engine to carry out. */
interface ExecutableAction {
  type: string;
  params?: unknown;
}

/**
 * Writes what a transition means beyond the snapshot: tasks opened and closed, the stopped clock on open
 * tasks, delayed events as timer rows, and everything that leaves the system as outbox rows.
 */
export async function applyEffects(
  ctx: EffectContext,
  change: {
    /** Null when the case is being created. */
    before: AnyMachineSnapshot | null;
    after: AnyMachineSnapshot;
    actions: readonly ExecutableAction[];
    concluded: boolean;
  },
): Promise<void> {
  await diffTasks(ctx, change.before, change.after);
  await writeActions(ctx, change.actions);
  // A concluded case has nothing left to wait for.
  if (change.concluded) await ctx.store.deleteTimers(ctx.applicationId);
}

/** Tasks are a read model of the active task nodes: close the ones left, open the ones entered. */
async function diffTasks(
  ctx: EffectContext,
  before: AnyMachineSnapshot | null,
  after: AnyMachineSnapshot,
): Promise<void> {
  const { store, calendar, at } = ctx;
  const was = before ? activeTasks(before) : new Map<string, never>();
  const now = activeTasks(after);
  const wasStopped = before !== null && clockStopped(before);
  const stopped = clockStopped(after) && after.status === 'active';
  const wasSpecial = before !== null && specialProcedureRunning(before);
  const special = specialProcedureRunning(after) && after.status === 'active';

  const closed = [...was.keys()].filter((node) => !now.has(node));
  const continuing = [...now.keys()].filter((node) => was.has(node));
  const clockChanged = wasStopped !== stopped || wasSpecial !== special;
  if (closed.length || (clockChanged && continuing.length)) {
    const open = (await openTasksToUpdate(store, ctx.applicationId, closed, clockChanged)).map((row) =>
      toTask(row, store.dialect),
    );
    for (const task of open) {
      const isClosing = closed.includes(task.node);
      // A closing task ends its stop too, even if the case clock stays stopped.
      const clock = advanceStoppedClock(task, stopped && !isClosing, at, calendar, special && !isClosing);
      const stoppedDays = clock.stoppedWorkingDays;
      const specialAccount = {
        special_stopped_since: clock.specialStoppedSince ?? null,
        special_working_days: clock.specialWorkingDays ?? 0,
      };
      if (isClosing) {
        // The task's own figures, stored once so that per-department metrics read an index.
        const net = calendar.elapsed(task.openedAt, at) - stoppedDays;
        await store.updateTask(task.id, {
          status: 'closed',
          closed_at: at,
          closed_by_event: ctx.eventType,
          clock_stopped_since: null,
          stopped_working_days: stoppedDays,
          ...specialAccount,
          net_working_days: net,
          on_time: net <= task.limitDays,
        });
      } else if (task.clockStoppedSince !== null && clock.clockStoppedSince === null) {
        // The clock runs again: the deadline moves back by the working days it stood still.
        const due = calendar.dueAt(task.openedAt, task.limitDays + stoppedDays);
        await store.updateTask(task.id, {
          clock_stopped_since: null,
          stopped_working_days: stoppedDays,
          due_at: due.toISOString(),
          due_provisional: calendar.unpublishedYears(task.openedAt, due).length > 0,
          ...specialAccount,
        });
      } else if (task.clockStoppedSince !== clock.clockStoppedSince || clockChanged) {
        await store.updateTask(task.id, { clock_stopped_since: clock.clockStoppedSince, ...specialAccount });
      }
    }
  }

  const opened = [...now.entries()].filter(([node]) => !was.has(node));
  for (const [node, task] of opened) {
    const due = calendar.dueAt(at, task.limitDays);
    // A task opened while the case clock is stopped starts stopped.
    const clock = advanceStoppedClock(RUNNING_CLOCK, stopped, at, calendar, special);
    await store.insertTask({
      application_id: ctx.applicationId,
      workflow_id: ctx.workflowId,
      node,
      department: task.department,
      action: task.action,
      limit_days: task.limitDays,
      opened_at: at,
      due_at: due.toISOString(),
      due_provisional: calendar.unpublishedYears(at, due).length > 0,
      status: 'open',
      clock_stopped_since: clock.clockStoppedSince,
      stopped_working_days: clock.stoppedWorkingDays,
      special_stopped_since: clock.specialStoppedSince ?? null,
      special_working_days: clock.specialWorkingDays ?? 0,
    });
  }
}

/**
 * The open tasks an event changes: all of them when the case clock starts or stops (each one's account moves),
 * else only those of the nodes it leaves — in parallel review one approval closes one task of several.
 */
function openTasksToUpdate(
  store: EventStore,
  applicationId: string,
  closed: string[],
  clockChanged: boolean,
): Promise<Row[]> {
  return clockChanged ? store.openTasks(applicationId) : store.openTasks(applicationId, closed);
}

/** Delayed raises become timer rows, cancels delete them; named actions leave through the outbox. */
async function writeActions(ctx: EffectContext, actions: readonly ExecutableAction[]): Promise<void> {
  const { store, applicationId, at } = ctx;
  for (const action of actions) {
    if (action.type === 'xstate.raise') {
      const params = action.params as { event: { type: string }; id?: string; delay?: number };
      // A raise without a delay was already processed inside the transition.
      if (typeof params.delay !== 'number') continue;
      const key = params.id ?? `${params.event.type}#${ctx.seq}`;
      await store.replaceTimer({
        application_id: applicationId,
        timer_key: key,
        event: JSON.stringify({ type: params.event.type }),
        due_at: new Date(Date.parse(at) + params.delay).toISOString(),
        created_at: at,
      });
    } else if (action.type === 'xstate.cancel') {
      const { sendId } = action.params as { sendId: string };
      await store.deleteTimer(applicationId, sendId);
    } else if (!action.type.startsWith('xstate.')) {
      await store.insertOutbox({
        application_id: applicationId,
        type: action.type,
        payload: JSON.stringify({
          applicationId,
          seq: ctx.seq,
          event: ctx.eventType,
          status: ctx.status,
          params: action.params ?? null,
        }),
        created_at: at,
        available_at: at,
        attempts: 0,
      });
    }
  }
}

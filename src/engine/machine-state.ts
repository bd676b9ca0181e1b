import { createActor, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { SnapshotError } from '../errors/index.ts';
import type { SpecialProcedureMeta } from './workflow.ts';

/** What a task node declares in `meta.task`. */
export interface TaskMeta {
  department: string;
  action: string;
  limitDays: number;
  /**
   * Context fields that give the department and the limit of this case, where they differ case by case (a
   * rating's follow-up goes to the department rated, within the limit configured when it opened).
   */
  fromContext?: { department?: string; limitDays?: string };
}

/** Tags that stop the statutory clock while any node carrying one is active (docs/architecture.md, "The clock that counts"). */
export const CLOCK_TAGS = ['clock:applicant', 'clock:rectify', 'clock:special'] as const;

/** Status precedence when several apply at once: suspension wins over supplementing, which wins over review. */
const STATUS_PRECEDENCE = ['suspended', 'supplementing', 'in_review', 'submitted', 'draft'];

/**
 * Restores a persisted snapshot without starting an actor (`machine.resolveState` breaks on history states).
 * A snapshot that no longer fits its machine comes back with status 'error' and is refused.
 */
export function restoreSnapshot(
  machine: AnyStateMachine,
  persisted: unknown,
  applicationId: string,
): AnyMachineSnapshot {
  const snapshot = createActor(machine, { snapshot: persisted as never }).getSnapshot() as AnyMachineSnapshot;
  if (snapshot.status === 'error') throw new SnapshotError(applicationId, snapshot.error);
  return snapshot;
}

/** The JSON to store: XState's persisted form of the snapshot. */
export function persistSnapshot(machine: AnyStateMachine, snapshot: AnyMachineSnapshot): unknown {
  return machine.getPersistedSnapshot(snapshot);
}

/** The case status of docs/api.md, derived from the active nodes' tags and the final node's `meta.status`. */
export function statusOf(snapshot: AnyMachineSnapshot): string {
  const meta = snapshot.getMeta() as Record<string, { status?: string } | undefined>;
  if (snapshot.status === 'done') {
    for (const m of Object.values(meta)) if (m?.status) return m.status;
    return 'concluded';
  }
  const statuses = new Set<string>();
  for (const tag of snapshot.tags as Set<string>) {
    if (tag.startsWith('status:')) statuses.add(tag.slice('status:'.length));
  }
  // Whenever the applicant is being waited for, the case is "supplementing", even while others keep reviewing.
  if (snapshot.hasTag('clock:applicant')) statuses.add('supplementing');
  for (const status of STATUS_PRECEDENCE) if (statuses.has(status)) return status;
  const [other] = statuses;
  return other ?? 'in_review';
}

/** True while any clock-stopping node is active. */
export function clockStopped(snapshot: AnyMachineSnapshot): boolean {
  return CLOCK_TAGS.some((tag) => snapshot.hasTag(tag));
}

/** True while a special procedure (tag `clock:special`, e.g. an expert review) holds the clock. */
export function specialProcedureRunning(snapshot: AnyMachineSnapshot): boolean {
  return snapshot.hasTag('clock:special');
}

/** What an audit record keeps of the clock: stopped, and held by a special procedure. */
export function clockFlags(snapshot: AnyMachineSnapshot): { clockStopped: boolean; clockSpecial: boolean } {
  return { clockStopped: clockStopped(snapshot), clockSpecial: specialProcedureRunning(snapshot) };
}

/** The special procedures running, keyed by state node id. */
export function activeSpecialProcedures(snapshot: AnyMachineSnapshot): Map<string, SpecialProcedureMeta> {
  const found = new Map<string, SpecialProcedureMeta>();
  if (snapshot.status !== 'active') return found;
  const meta = snapshot.getMeta() as Record<string, { specialProcedure?: SpecialProcedureMeta } | undefined>;
  for (const [nodeId, m] of Object.entries(meta))
    if (m?.specialProcedure) found.set(nodeId, m.specialProcedure);
  return found;
}

/** The active task nodes, keyed by state node id. */
export function activeTasks(snapshot: AnyMachineSnapshot): Map<string, TaskMeta> {
  const tasks = new Map<string, TaskMeta>();
  if (snapshot.status !== 'active') return tasks;
  const meta = snapshot.getMeta() as Record<string, { task?: TaskMeta } | undefined>;
  for (const [nodeId, m] of Object.entries(meta)) {
    if (m?.task) tasks.set(nodeId, resolveTask(m.task, snapshot.context as Record<string, unknown>));
  }
  return tasks;
}

/** The task with the department and limit its `fromContext` fields name, read from the case's context. */
function resolveTask(task: TaskMeta, context: Record<string, unknown> | undefined): TaskMeta {
  const { fromContext, ...declared } = task;
  if (!fromContext) return task;
  const department = fromContext.department ? context?.[fromContext.department] : undefined;
  const limitDays = fromContext.limitDays ? context?.[fromContext.limitDays] : undefined;
  return {
    ...declared,
    ...(typeof department === 'string' ? { department } : {}),
    ...(typeof limitDays === 'number' ? { limitDays } : {}),
  };
}

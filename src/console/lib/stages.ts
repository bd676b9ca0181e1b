/**
 * The process as people draw it: a few stages in a row (filing, the window's intake, the departments side by
 * side, fees, issuing, the result), built from what the service says about the case and its workflow rather
 * than from the statechart's tree, with where the case stands now.
 */

/** The stages every application goes through, in order. */
export const STAGE_KEYS = ['draft', 'intake', 'review', 'fees', 'issue', 'result'] as const;
export type StageKey = (typeof STAGE_KEYS)[number];

/** Where a stage or a department stands for this case. */
export type Standing = 'done' | 'current' | 'waiting' | 'skipped';

/** A department's box inside the parallel stage: how its own work went. */
export interface DepartmentBox {
  department: string;
  standing: Standing;
  /** The event that closed its last task (`APPROVE`, `DENY`), or undefined while it is open or not started. */
  closedBy?: string;
  /** Its open task's clock stands still: the case waits for the enterprise (a supplement, a rectification). */
  waitingForApplicant?: boolean;
  /** It asked the enterprise itself: its region is in a state that stops the clock (待补正, 整改中). */
  askedApplicant?: boolean;
}

export interface Stage {
  key: StageKey;
  standing: Standing;
  /** The review stage only: the departments the case needs (all the workflow's before intake decides). */
  departments?: DepartmentBox[];
  /** The review stage only: the departments are not known yet (the window has not accepted the case). */
  provisional?: boolean;
}

/** What the diagram reads from a case (a subset of the API's Application). */
export interface StageCase {
  status: string;
  state: unknown;
  tasks: readonly {
    department: string;
    status: 'open' | 'closed';
    closedBy?: string | null;
    clockStopped?: boolean;
    openedAt: string;
  }[];
  fees: readonly { status: string }[];
}

/** Workflows whose departments inspect the finished works (联合验收) rather than review papers. */
const INSPECTING = new Set(['completion-acceptance']);

export function isInspectionWorkflow(workflow: string): boolean {
  return INSPECTING.has(workflow);
}

/** What the diagram reads from the workflow (GET /workflows/:id): its departments and its states' facts. */
export interface StageWorkflow {
  id?: string;
  departments: readonly string[];
  states: readonly { path: readonly string[]; task?: { department: string }; stopsClock?: string }[];
}

/** Every active path of a state value, dotted: `{accepted: {review: {fire: 'x'}}}` → `accepted`, `accepted.review`, …. */
export function activeStatePaths(value: unknown, prefix: string[] = []): Set<string> {
  const paths = new Set<string>();
  if (typeof value === 'string') paths.add([...prefix, value].join('.'));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      paths.add([...prefix, key].join('.'));
      for (const path of activeStatePaths(child, [...prefix, key])) paths.add(path);
    }
  }
  return paths;
}

/** The departments whose own task waits for the enterprise now: a clock-stopping state under their task is active. */
export function departmentsAskingApplicant(workflow: StageWorkflow, state: unknown): Set<string> {
  const active = activeStatePaths(state);
  const asking = new Set<string>();
  for (const owner of workflow.states) {
    if (!owner.task) continue;
    const prefix = owner.path.join('.') + '.';
    const waiting = workflow.states.some(
      (s) => s.stopsClock && s.path.join('.').startsWith(prefix) && active.has(s.path.join('.')),
    );
    if (waiting) asking.add(owner.task.department);
  }
  return asking;
}

/** The departments' intake and issuing desk: not one of the parallel departments. */
const WINDOW = 'window';
/** Final statuses that end a case before its departments have finished. */
const ENDED_EARLY = new Set(['denied', 'refused', 'withdrawn']);

/** The top-level state the case is in (`accepted`), and whether the window is issuing. */
function position(state: unknown): { top: string; issuing: boolean } {
  if (typeof state === 'string') return { top: state, issuing: false };
  const [top = '', inner] = Object.entries((state ?? {}) as Record<string, unknown>)[0] ?? [];
  return { top, issuing: inner === 'issuing' };
}

/** The departments' boxes: each department's latest task, in the workflow's order. */
export function departmentBoxes(
  caseTasks: StageCase['tasks'],
  workflowDepartments: readonly string[],
): DepartmentBox[] {
  const latest = new Map<string, StageCase['tasks'][number]>();
  for (const task of caseTasks) {
    if (task.department === WINDOW) continue;
    const before = latest.get(task.department);
    if (!before || before.openedAt <= task.openedAt) latest.set(task.department, task);
  }
  const order = [
    ...workflowDepartments.filter((d) => latest.has(d)),
    ...[...latest.keys()].filter((d) => !workflowDepartments.includes(d)),
  ];
  return order.map((department) => {
    const task = latest.get(department)!;
    return task.status === 'open'
      ? { department, standing: 'current', waitingForApplicant: task.clockStopped === true }
      : { department, standing: 'done', closedBy: task.closedBy ?? undefined };
  });
}

/** The stages of `app`, each with its standing; exactly one is `current` unless the case has ended. */
export function stagesOf(app: StageCase, workflow: StageWorkflow): Stage[] {
  const workflowDepartments = workflow.departments;
  const { top, issuing } = position(app.state);
  const asking = departmentsAskingApplicant(workflow, app.state);
  const departments = departmentBoxes(app.tasks, workflowDepartments)
    .filter((d) => d.department !== WINDOW)
    .map((d) => (d.standing === 'current' && asking.has(d.department) ? { ...d, askedApplicant: true } : d));
  const unpaid = app.fees.some((fee) => fee.status === 'assessed');
  const reviewDone = issuing || (departments.length > 0 && departments.every((d) => d.standing === 'done'));
  const final = ['approved', 'concluded', ...ENDED_EARLY].includes(app.status);

  // How far the case has come: the index of the current stage (or the last one reached when it has ended).
  let reached: number;
  if (top === 'draft') reached = 0;
  else if (top === 'intake') reached = 1;
  else if (final) reached = 5;
  else if (!reviewDone) reached = 2;
  else if (unpaid) reached = 3;
  else reached = 4;

  const endedEarly = ENDED_EARLY.has(app.status);
  // A case that ended early went through the stages it has traces of: intake always, review when tasks were opened.
  const lastWorked = !endedEarly ? 5 : departments.length ? 2 : 1;
  return STAGE_KEYS.map((key, index): Stage => {
    let standing: Standing;
    if (key === 'result') standing = final ? 'current' : 'waiting';
    else if (final) standing = index <= lastWorked ? 'done' : 'skipped';
    else standing = index < reached ? 'done' : index === reached ? 'current' : 'waiting';
    if (key === 'fees' && standing === 'done' && app.fees.length === 0) standing = 'skipped';
    if (key !== 'review') return { key, standing };
    const known = departments.length > 0 || reached > 2 || final;
    return {
      key,
      standing,
      departments: known
        ? departments
        : workflowDepartments
            .filter((d) => d !== WINDOW)
            .map((department) => ({ department, standing: 'waiting' })),
      provisional: !known,
    };
  });
}

/**
 * The handling status (办理状态, BLZT) of the national exchange standard: which steps one committed event
 * reports. Read off the event and the machine's tags before and after it, so that every workflow — and every
 * version — reports without a table of its event names: the clock tags say when a 补正 or a special procedure
 * begins and ends, the task meta when a department takes the case up, the final node how it ended.
 */
import type { AnyMachineSnapshot } from 'xstate';
import { activeTasks } from '../engine/machine-state.ts';
import type { CommittedEvent } from '../engine/types.ts';

/** The standard's handling status codes, with the names it gives them. */
export const BLZT = {
  received: 1, // 接件
  withdrawnBeforeAcceptance: 2, // 撤件
  accepted: 3, // 窗口受理
  notAccepted: 4, // 不受理 (not produced: the window's refusal is a formal decision, 5)
  refused: 5, // 不予受理
  supplementStarted: 6, // 补正开始
  supplementEnded: 7, // 补正结束
  departmentAccepted: 8, // 部门受理
  specialStarted: 9, // 特别程序开始
  specialEnded: 10, // 特别程序结束
  approved: 11, // 办结通过
  approvedWithDeficiencies: 12, // 办结(容缺)通过
  notApproved: 13, // 办结不通过
  withdrawn: 14, // 撤回
  revoked: 15, // 撤销
} as const;

/** The Chinese name of each code, for the documentation's table and the CSV. */
export const BLZT_NAMES: Record<number, string> = {
  1: '接件',
  2: '撤件',
  3: '窗口受理',
  4: '不受理',
  5: '不予受理',
  6: '补正开始',
  7: '补正结束',
  8: '部门受理',
  9: '特别程序开始',
  10: '特别程序结束',
  11: '办结通过',
  12: '办结(容缺)通过',
  13: '办结不通过',
  14: '撤回',
  15: '撤销',
};

/** One step an event reports: its code, and the department that took it (null: the single window). */
export interface HandlingStep {
  blzt: number;
  department: string | null;
}

/** What the step reading needs beyond the event: the workflow's acceptance events and its past. */
export interface StepFacts {
  acceptanceEvents: readonly string[];
  /** Whether the window accepted the case with papers missing (容缺受理) at some point. */
  acceptedWithDeficiencies: boolean;
}

/** Time the applicant holds: a request for papers, the suspension for missing papers, a rectification. */
const applicantTime = (s: AnyMachineSnapshot | null) =>
  !!s && (s.hasTag('clock:applicant') || s.hasTag('clock:rectify'));
const specialTime = (s: AnyMachineSnapshot | null) => !!s && s.hasTag('clock:special');

/** The steps of one committed event of an application workflow, in the order the standard expects them. */
export function handlingSteps(committed: CommittedEvent, facts: StepFacts): HandlingStep[] {
  const { before, after, application: app, type, at } = committed;
  const steps: HandlingStep[] = [];
  const window = (blzt: number) => steps.push({ blzt, department: null });
  if (type === 'SUBMIT' && committed.previousStatus === 'draft') window(BLZT.received);
  const accepting = facts.acceptanceEvents.includes(type) && app.acceptedAt === at;
  if (accepting) window(BLZT.accepted);

  if (applicantTime(before) && !applicantTime(after) && after.status === 'active') {
    window(BLZT.supplementEnded);
  }
  if (specialTime(before) && !specialTime(after)) window(BLZT.specialEnded);

  // A department takes the case up when its first task opens; the window's own tasks are not a department's.
  const opened = activeTasks(after);
  const open = before ? new Set([...activeTasks(before).values()].map((t) => t.department)) : new Set();
  for (const task of opened.values()) {
    if (task.department !== 'window' && !open.has(task.department)) {
      steps.push({ blzt: BLZT.departmentAccepted, department: task.department });
    }
  }

  if (!applicantTime(before) && applicantTime(after)) {
    steps.push({ blzt: BLZT.supplementStarted, department: departmentOf(committed) });
  }
  if (!specialTime(before) && specialTime(after)) {
    steps.push({ blzt: BLZT.specialStarted, department: departmentOf(committed) });
  }

  if (after.status === 'done') {
    const decided = departmentOf(committed);
    if (app.status === 'withdrawn') {
      window(app.acceptedAt === null ? BLZT.withdrawnBeforeAcceptance : BLZT.withdrawn);
    } else if (app.status === 'approved') {
      window(facts.acceptedWithDeficiencies ? BLZT.approvedWithDeficiencies : BLZT.approved);
    } else if (app.acceptedAt === null) {
      window(BLZT.refused);
    } else {
      steps.push({ blzt: BLZT.notApproved, department: decided });
    }
  }
  return steps;
}

/** The department whose clerk sent the event; the single window (null) for the enterprise and the timers. */
function departmentOf(committed: CommittedEvent): string | null {
  const { actor } = committed;
  return actor.role === 'clerk' && actor.org !== 'window' ? actor.org : null;
}

/**
 * One case's figures as a project counts them: the government's working days net of every stop (the case
 * timing of docs/api.md "How time is counted", computed by src/timing, never again here), and the stopped days
 * split into the applicant's time (supplements, rectification, suspension) and special procedures (expert
 * review, hearings: the `clock:special` tag).
 */
import type { AnyStateMachine, StateValue } from 'xstate';
import type { WorkingCalendar } from '../calendar/index.ts';
import type { ApplicationRecord, AuditRecord } from '../engine/records.ts';
import type { WorkflowDefinition } from '../engine/workflow.ts';
import { computeCaseTiming } from '../timing/case-timing.ts';
import { replayStoppedClock, stoppedThrough } from '../timing/stopped-clock.ts';

/** What a project shows of one case's time. */
export interface ProjectCaseFigures {
  /** Working days from acceptance to conclusion (or now). */
  workingDays: number | null;
  /** Of those, the government's: net of every stop. */
  governmentWorkingDays: number | null;
  applicantWorkingDays: number | null;
  specialProcedureWorkingDays: number | null;
  limitWorkingDays: number | null;
  onTime: boolean | null;
  provisional?: true;
}

/** The case's figures at `now`, from its audit log; `limitWorkingDays` is the workflow's limit for its context. */
export function projectCaseFigures(input: {
  app: ApplicationRecord;
  def: WorkflowDefinition;
  history: readonly AuditRecord[];
  limitWorkingDays: number | null;
  calendar: WorkingCalendar;
  now: Date;
}): ProjectCaseFigures {
  const { app, def, history, calendar } = input;
  const timing = computeCaseTiming({
    app,
    history,
    acceptanceEvents: def.acceptanceEvents,
    limitWorkingDays: input.limitWorkingDays,
    calendar,
    now: input.now,
  });
  const figures: ProjectCaseFigures = {
    workingDays: timing.workingDays,
    governmentWorkingDays: timing.netWorkingDays,
    applicantWorkingDays: null,
    specialProcedureWorkingDays: null,
    limitWorkingDays: timing.limitWorkingDays,
    onTime: timing.onTime,
    ...(timing.provisional ? { provisional: true as const } : {}),
  };
  if (timing.acceptedAt === null || timing.stoppedWorkingDays === null) return figures;
  const end = app.concludedAt ?? input.now.toISOString();
  const special = stoppedThrough(
    replayStoppedClock(
      history.map((r) => ({ at: r.at, clockStopped: r.clockStopped && isSpecial(def.machine, r.to) })),
      calendar,
      { from: timing.acceptedAt },
    ),
    end,
    calendar,
  );
  return {
    ...figures,
    specialProcedureWorkingDays: special,
    applicantWorkingDays: timing.stoppedWorkingDays - special,
  };
}

/** Whether a recorded state stands still for a special procedure (`clock:special`), not for the applicant. */
function isSpecial(machine: AnyStateMachine, value: unknown): boolean {
  if (value === null || value === undefined) return false;
  try {
    return machine.resolveState({ value: value as StateValue, context: {} }).hasTag('clock:special');
  } catch {
    return false;
  }
}

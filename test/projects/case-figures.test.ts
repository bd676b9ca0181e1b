import { expect } from 'chai';
import { createMachine } from 'xstate';
import { referenceCalendar } from '../../src/calendar/index.ts';
import type { ApplicationRecord, AuditRecord } from '../../src/engine/records.ts';
import type { WorkflowDefinition } from '../../src/engine/workflow.ts';
import { projectCaseFigures } from '../../src/projects/case-figures.ts';

/*
 * A case whose clock stops once for an expert review (clock:special) and once for the applicant
 * (clock:applicant). Working days counted by hand on the 2026 calendar (no holiday in March 2026), each from the
 * working day after its start: accepted Monday 2 March, concluded Friday 13 March: 9 working days; expert review
 * Wednesday 4 → Monday 9 March: 3 (5, 6, 9); the applicant Tuesday 10 → Thursday 12 March: 2 (11, 12).
 */

const machine = createMachine({
  id: 'figures',
  initial: 'review',
  states: {
    review: {},
    expertReview: { tags: ['clock:special'] },
    awaiting: { tags: ['clock:applicant'] },
    done: { type: 'final' },
  },
});
const def = { machine, acceptanceEvents: ['ACCEPT'] } as unknown as WorkflowDefinition;
const iso = (local: string) => new Date(`${local}+08:00`).toISOString();

const record = (seq: number, local: string, type: string, to: string, clockStopped: boolean) =>
  ({
    seq,
    at: iso(local),
    type,
    to,
    clockStopped,
    actor: { sub: 'x', role: 'clerk', org: 'window' },
  }) as AuditRecord;

const history = [
  record(1, '2026-03-02T09:00:00', 'SUBMIT', 'review', false),
  record(2, '2026-03-02T10:00:00', 'ACCEPT', 'review', false),
  record(3, '2026-03-04T10:00:00', 'EXPERT_REVIEW', 'expertReview', true),
  record(4, '2026-03-09T10:00:00', 'EXPERT_DONE', 'review', false),
  record(5, '2026-03-10T10:00:00', 'REQUEST_SUPPLEMENT', 'awaiting', true),
  record(6, '2026-03-12T10:00:00', 'SUPPLEMENT', 'review', false),
  record(7, '2026-03-13T10:00:00', 'ISSUE', 'done', false),
];

const app = {
  id: 'case-1',
  status: 'approved',
  submittedAt: iso('2026-03-02T09:00:00'),
  acceptedAt: iso('2026-03-02T10:00:00'),
  concludedAt: iso('2026-03-13T10:00:00'),
} as ApplicationRecord;

describe('projects/case-figures', () => {
  it('should split the stopped days into special procedures and the applicant’s time', () => {
    const figures = projectCaseFigures({
      app,
      def,
      history,
      limitWorkingDays: 20,
      calendar: referenceCalendar(),
      now: new Date(iso('2026-03-20T10:00:00')),
    });
    expect(figures).to.deep.equal({
      workingDays: 9,
      governmentWorkingDays: 4,
      applicantWorkingDays: 2,
      specialProcedureWorkingDays: 3,
      limitWorkingDays: 20,
      onTime: true,
    });
  });

  it('should count a special procedure still running up to now, and nothing before acceptance', () => {
    const open = { ...app, status: 'in_review', concludedAt: null };
    const figures = projectCaseFigures({
      app: open,
      def,
      history: history.slice(0, 3),
      limitWorkingDays: 20,
      calendar: referenceCalendar(),
      now: new Date(iso('2026-03-06T10:00:00')),
    });
    expect(figures).to.include({ workingDays: 4, specialProcedureWorkingDays: 2, applicantWorkingDays: 0 });
    expect(figures.governmentWorkingDays).to.equal(2);
    const draft = { ...app, status: 'draft', submittedAt: null, acceptedAt: null, concludedAt: null };
    expect(
      projectCaseFigures({
        app: draft,
        def,
        history: [],
        limitWorkingDays: null,
        calendar: referenceCalendar(),
        now: new Date(),
      }),
    ).to.include({ workingDays: null, governmentWorkingDays: null, applicantWorkingDays: null });
  });
});

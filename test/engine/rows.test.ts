import { expect } from 'chai';
import type { ApplicationRecord } from '../../src/engine/records.ts';
import { changedApplicationRow } from '../../src/engine/rows.ts';

/** A permit case under review, its clock stopped for missing papers, with its timing accounts kept. */
const underReview: ApplicationRecord = {
  id: 'a1',
  workflowId: 'construction-permit',
  workflowVersion: 1,
  applicant: '91330100MA2XXXXX1X',
  createdBy: 'ent-1',
  project: { name: '仓库' },
  form: {},
  snapshot: { value: { review: 'parallel' } },
  state: { review: 'parallel' },
  status: 'active',
  version: 4,
  lastHash: 'h4',
  createdAt: '2026-03-02T01:00:00.000Z',
  updatedAt: '2026-03-03T01:00:00.000Z',
  submittedAt: '2026-03-02T02:00:00.000Z',
  acceptedAt: '2026-03-03T01:00:00.000Z',
  concludedAt: null,
  limitWorkingDays: 20,
  clockStoppedSince: '2026-03-03T01:00:00.000Z',
  stoppedWorkingDays: 0,
  dueAt: '2026-03-31T15:59:59.999Z',
  timingAccounts: {
    firstResponseAt: '2026-03-03T01:00:00.000Z',
    specialStoppedSince: null,
    specialWorkingDays: 0,
    fromSubmission: {
      clockStoppedSince: null,
      stoppedWorkingDays: 0,
      specialStoppedSince: null,
      specialWorkingDays: 0,
    },
  },
};

const afterEvent = (changes: Partial<ApplicationRecord>): ApplicationRecord => ({
  ...underReview,
  snapshot: { value: { review: 'planning-done' } },
  state: { review: 'planning-done' },
  version: 5,
  lastHash: 'h5',
  updatedAt: '2026-03-04T01:00:00.000Z',
  ...changes,
});

describe('engine/rows', () => {
  describe('changedApplicationRow', () => {
    it('should set the snapshot, version, hash and time of every event, and no column the event left alone', () => {
      const row = changedApplicationRow(underReview, afterEvent({}));
      expect(row).to.deep.equal({
        snapshot: JSON.stringify({ value: { review: 'planning-done' } }),
        state: JSON.stringify({ review: 'planning-done' }),
        version: 5,
        last_hash: 'h5',
        updated_at: '2026-03-04T01:00:00.000Z',
      });
    });

    it('should set a column the event changed, also when it becomes null', () => {
      const row = changedApplicationRow(
        underReview,
        afterEvent({
          status: 'approved',
          concludedAt: '2026-03-04T01:00:00.000Z',
          clockStoppedSince: null,
          stoppedWorkingDays: 1,
        }),
      );
      expect(row).to.include({
        status: 'approved',
        concluded_at: '2026-03-04T01:00:00.000Z',
        clock_stopped_since: null,
        stopped_working_days: 1,
      });
      expect(row).to.have.all.keys(
        'snapshot',
        'state',
        'version',
        'last_hash',
        'updated_at',
        'status',
        'concluded_at',
        'clock_stopped_since',
        'stopped_working_days',
      );
    });

    it('should set every timing account of a case from before they were kept, once they are computed', () => {
      const row = changedApplicationRow({ ...underReview, timingAccounts: null }, afterEvent({}));
      expect(row).to.include({
        first_response_at: '2026-03-03T01:00:00.000Z',
        special_stopped_since: null,
        special_stopped_days: 0,
        submission_stopped_since: null,
        submission_stopped_days: 0,
        submission_special_since: null,
        submission_special_days: 0,
      });
    });
  });
});

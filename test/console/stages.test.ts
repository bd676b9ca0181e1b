import { expect } from 'chai';
import { stagesOf, type StageCase, type StageWorkflow } from '../../src/console/lib/stages.ts';

const DEPARTMENTS = ['planning', 'housing', 'fire', 'civil-defense', 'environment'];
/** The permit's review regions as GET /workflows/construction-permit describes them (the parts read here). */
const WORKFLOW: StageWorkflow = {
  departments: DEPARTMENTS,
  states: ['planning', 'housing', 'fire'].flatMap((region) => [
    { path: ['accepted', 'review', region, 'review'], task: { department: region } },
    { path: ['accepted', 'review', region, 'review', 'reviewing'] },
    { path: ['accepted', 'review', region, 'review', 'awaitingSupplement'], stopsClock: 'applicant' },
  ]),
};
const task = (
  department: string,
  status: 'open' | 'closed',
  extra: Partial<StageCase['tasks'][number]> = {},
): StageCase['tasks'][number] => ({ department, status, openedAt: '2026-03-02T01:00:00.000Z', ...extra });

const standings = (app: StageCase) =>
  Object.fromEntries(stagesOf(app, WORKFLOW).map((s) => [s.key, s.standing]));

describe('console stage diagram (stagesOf)', () => {
  it('should put a draft at filing, with every department still to be decided', () => {
    const stages = stagesOf({ status: 'draft', state: 'draft', tasks: [], fees: [] }, WORKFLOW);
    expect(Object.fromEntries(stages.map((s) => [s.key, s.standing]))).to.deep.equal({
      draft: 'current',
      intake: 'waiting',
      review: 'waiting',
      fees: 'waiting',
      issue: 'waiting',
      result: 'waiting',
    });
    const review = stages.find((s) => s.key === 'review')!;
    expect(review.provisional).to.equal(true);
    expect(review.departments!.map((d) => d.department)).to.deep.equal(DEPARTMENTS);
  });

  it('should put a submitted case at the window', () => {
    const app: StageCase = {
      status: 'submitted',
      state: { intake: 'examining' },
      tasks: [task('window', 'open')],
      fees: [],
    };
    expect(standings(app)).to.include({ draft: 'done', intake: 'current', review: 'waiting' });
  });

  it('should show only the departments the case needs, each with its own outcome', () => {
    const app: StageCase = {
      status: 'supplementing',
      state: {
        accepted: {
          review: {
            planning: 'approved',
            housing: { review: 'reviewing' },
            fire: { review: 'awaitingSupplement' },
          },
        },
      },
      tasks: [
        task('window', 'closed', { closedBy: 'ACCEPT' }),
        task('planning', 'closed', { closedBy: 'APPROVE' }),
        task('fire', 'open', { clockStopped: true }),
        task('housing', 'open', { clockStopped: true }),
      ],
      fees: [],
    };
    const stages = stagesOf(app, WORKFLOW);
    expect(Object.fromEntries(stages.map((s) => [s.key, s.standing]))).to.include({
      intake: 'done',
      review: 'current',
      fees: 'waiting',
    });
    expect(stages.find((s) => s.key === 'review')!.departments).to.deep.equal([
      { department: 'planning', standing: 'done', closedBy: 'APPROVE' },
      // Housing's clock stands still while the enterprise answers fire, which asked.
      { department: 'housing', standing: 'current', waitingForApplicant: true },
      { department: 'fire', standing: 'current', waitingForApplicant: true, askedApplicant: true },
    ]);
  });

  it('should move to fees once every department has decided and a fee is unpaid, then to issuing', () => {
    const decided = [task('planning', 'closed', { closedBy: 'APPROVE' })];
    const base = { status: 'in_review', state: { accepted: 'issuing' }, tasks: decided };
    expect(standings({ ...base, fees: [{ status: 'assessed' }] })).to.include({
      review: 'done',
      fees: 'current',
      issue: 'waiting',
    });
    expect(standings({ ...base, fees: [{ status: 'paid' }] })).to.include({ fees: 'done', issue: 'current' });
    expect(standings({ ...base, fees: [] })).to.include({ fees: 'skipped', issue: 'current' });
  });

  it('should end a refused case at intake, the later stages not reached', () => {
    const app: StageCase = {
      status: 'refused',
      state: 'refused',
      tasks: [task('window', 'closed', { closedBy: 'REFUSE' })],
      fees: [],
    };
    expect(standings(app)).to.deep.equal({
      draft: 'done',
      intake: 'done',
      review: 'skipped',
      fees: 'skipped',
      issue: 'skipped',
      result: 'current',
    });
  });

  it('should take a department’s latest task when it was asked twice', () => {
    const app: StageCase = {
      status: 'in_review',
      state: { accepted: { review: {} } },
      tasks: [
        task('fire', 'closed', { closedBy: 'REQUEST_SUPPLEMENT', openedAt: '2026-03-02T01:00:00.000Z' }),
        task('fire', 'open', { openedAt: '2026-03-09T01:00:00.000Z' }),
      ],
      fees: [],
    };
    expect(stagesOf(app, WORKFLOW).find((s) => s.key === 'review')!.departments).to.deep.equal([
      { department: 'fire', standing: 'current', waitingForApplicant: false },
    ]);
  });
});

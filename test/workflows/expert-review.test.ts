import { expect } from 'chai';
import { EventNotAllowedError } from '../../src/errors/index.ts';
import type { EventInput } from '../../src/engine/workflow.ts';
import { approvalTimes } from '../../src/metrics/index.ts';
import { computeCaseTiming, computeTaskTiming } from '../../src/timing/case-timing.ts';
import { copy, permitForm, permitProject } from '../fixtures/construction-permit.ts';
import {
  ACCEPT,
  approve,
  auditOf,
  createPermit,
  dept,
  fireTimer,
  loadCase,
  refusal,
  requestSupplement,
  send,
  SUBMIT,
  SUPPLEMENT,
  tasksOf,
  timersOf,
  window,
} from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { applicant, createHarness, ENTERPRISE, type Harness } from '../support/harness.ts';

/*
 * The fire department's expert review on a construction permit version 2 (特别程序): the clocks stop as a
 * special procedure, counted apart from the applicant's time, until the experts' opinion or the 20-working-day
 * cap. Every expected figure is counted by hand on the published 2026 calendar (Qingming 4–6 April, Labour Day
 * 1–5 May with Saturday 9 May worked).
 */

/** A local time in Shanghai as the ISO instant the service stores. */
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
/** The end of a Shanghai day: a deadline. */
const endOf = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000 - 1).toISOString();

const START_REVIEW = dept('START_EXPERT_REVIEW', 'fire', {
  comment: 'special fire design: atrium smoke control',
});
const OPINION = dept('RECORD_EXPERT_OPINION', 'fire', { comment: 'the smoke control design is sound' });

describeEachDatabase('expert review on construction permit version 2', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind, '2026-03-30T09:00:00+08:00');
  });
  afterEach(async () => {
    await h?.close();
  });

  async function at(local: string, id: string, event: EventInput) {
    h.clock.set(sh(local));
    return send(h, id, event);
  }

  /** Submitted Monday 30 March 09:00, accepted 10:00: five reviews open, fire among them. */
  async function acceptedOn30March(): Promise<string> {
    const id = await createPermit(h, { form: copy(permitForm) });
    await at('2026-03-30T09:00:00', id, SUBMIT);
    await at('2026-03-30T10:00:00', id, ACCEPT);
    return id;
  }

  const fireTask = async (id: string) => (await tasksOf(h, id)).find((t) => t.department === 'fire')!;

  it('should start new cases on version 2 and stop the clocks as a special procedure while the experts review', async () => {
    const id = await acceptedOn30March();
    expect((await loadCase(h, id)).workflowVersion).to.equal(2);
    await at('2026-04-01T10:00:00', id, START_REVIEW);

    const app = await loadCase(h, id);
    expect(app.state).to.have.nested.property('accepted.review.fire.review', 'expertReview');
    // Not the applicant's time: the case is still in review, not supplementing.
    expect(app.status).to.equal('in_review');
    expect(app.clockStoppedSince).to.equal(sh('2026-04-01T10:00:00'));
    const task = await fireTask(id);
    expect([task.clockStoppedSince, task.specialStoppedSince]).to.deep.equal([
      sh('2026-04-01T10:00:00'),
      sh('2026-04-01T10:00:00'),
    ]);
    // The cap: 20 working days after Wednesday 1 April, across Qingming: Thursday 30 April.
    expect(await timersOf(h, id)).to.deep.include({
      key: 'expert-review-cap',
      type: 'EXPERT_REVIEW_CAP_REACHED',
      dueAt: endOf('2026-04-30'),
    });
    const [record] = (await auditOf(h, id)).slice(-1);
    expect(record).to.include({ type: 'START_EXPERT_REVIEW', clockStopped: true, clockSpecial: true });
  });

  it('should count the expert review apart from the applicant time in the case, task and stored figures', async () => {
    const id = await acceptedOn30March();
    await at('2026-04-01T10:00:00', id, START_REVIEW);
    await at('2026-04-10T15:00:00', id, OPINION);
    // Expert review: 2, 3, 7, 8, 9, 10 April (4–6 April is Qingming) = 6 working days.
    let fire = await fireTask(id);
    expect(fire).to.include({ clockStoppedSince: null, specialStoppedSince: null });
    expect([fire.stoppedWorkingDays, fire.specialWorkingDays]).to.deep.equal([6, 6]);
    // Its deadline moves back by the 6 days: 15 + 6 = 21 working days after 30 March is Wednesday 29 April.
    expect(fire.dueAt).to.equal(endOf('2026-04-29'));
    expect(await timersOf(h, id)).to.deep.equal([]);

    // The applicant's time: planning asks Monday 13 April, papers come Thursday 16 April: 14, 15, 16 = 3.
    await at('2026-04-13T10:00:00', id, requestSupplement('planning'));
    await at('2026-04-16T10:00:00', id, SUPPLEMENT);
    for (const department of ['planning', 'housing', 'fire', 'civil-defense', 'environment']) {
      await at('2026-04-20T10:00:00', id, approve(department));
    }
    await at('2026-04-21T10:00:00', id, window('ISSUE'));

    const app = await loadCase(h, id);
    expect(app.status).to.equal('approved');
    const def = h.registry.get(app.workflowId, app.workflowVersion);
    const timing = computeCaseTiming({
      app,
      history: await auditOf(h, id),
      acceptanceEvents: def.acceptanceEvents,
      limitWorkingDays: app.limitWorkingDays,
      calendar: h.calendar,
      now: h.clock.now(),
    });
    // 31 March; 1, 2, 3, 7, 8, 9, 10, 13, 14, 15, 16, 17, 20, 21 April = 15 working days from acceptance.
    expect(timing).to.include({
      workingDays: 15,
      stoppedWorkingDays: 9,
      specialProcedureWorkingDays: 6,
      applicantWorkingDays: 3,
      netWorkingDays: 6,
      onTime: true,
    });
    // The fire task: opened 30 March, closed 20 April (14 working days), stopped 6 + 3.
    fire = await fireTask(id);
    expect(computeTaskTiming(fire, h.calendar, h.clock.now())).to.include({
      workingDays: 14,
      stoppedWorkingDays: 9,
      specialProcedureWorkingDays: 6,
      netWorkingDays: 5,
      onTime: true,
    });
    const stored = await h.db.knex('applications').where({ id }).first();
    expect(
      [stored.working_days, stored.net_working_days, stored.special_working_days].map(Number),
    ).to.deep.equal([15, 6, 6]);
    const [row] = await approvalTimes(h.db, h.registry, { groupBy: 'workflow' }, h.clock.now());
    expect(row).to.include({
      group: 'construction-permit',
      concluded: 1,
      meanWorkingDays: 6,
      meanSpecialProcedureWorkingDays: 6,
      withSpecialProcedure: 1,
    });
  });

  it('should end the expert review by the timer at the cap and run the clocks again', async () => {
    const id = await acceptedOn30March();
    await at('2026-04-01T10:00:00', id, START_REVIEW);
    const { sweep, at: firedAt } = await fireTimer(h, id, 'EXPERT_REVIEW_CAP_REACHED');
    expect(sweep).to.deep.equal({ fired: 1, stale: 0, failed: [] });
    // Recorded at the cap: the end of Thursday 30 April in Shanghai.
    expect(firedAt.toISOString()).to.equal(endOf('2026-04-30'));

    const app = await loadCase(h, id);
    expect(app.state).to.have.nested.property('accepted.review.fire.review', 'reviewing');
    expect(app.clockStoppedSince).to.equal(null);
    const [record] = (await auditOf(h, id)).slice(-1);
    expect(record).to.include({
      type: 'EXPERT_REVIEW_CAP_REACHED',
      clockStopped: false,
      clockSpecial: false,
    });
    expect(record!.actor.sub).to.equal('zerotrip-scheduler');
    // 2 April to 30 April: the 20 working days of the cap.
    const fire = await fireTask(id);
    expect([fire.stoppedWorkingDays, fire.specialWorkingDays, fire.specialStoppedSince]).to.deep.equal([
      20,
      20,
      null,
    ]);
    // 15 + 20 = 35 working days after 30 March: 22 in April, then 6–9 (Saturday 9 May worked), 11–15, 18–21 May.
    expect(fire.dueAt).to.equal(endOf('2026-05-21'));
    // The department resumes its review: it may approve now.
    h.clock.set(sh('2026-05-06T10:00:00'));
    await send(h, id, approve('fire'));
    expect((await fireTask(id)).status).to.equal('closed');
  });

  it('should let only the fire department start and end its expert review, once at a time', async () => {
    const id = await acceptedOn30March();
    const version = (await loadCase(h, id)).version;
    const refused = async (event: EventInput) => {
      h.clock.advance({ hours: 1 });
      expect(await refusal(send(h, id, event))).to.be.instanceOf(EventNotAllowedError);
    };
    await refused(dept('START_EXPERT_REVIEW', 'planning', { comment: 'not its part' }));
    await refused(OPINION);
    expect((await loadCase(h, id)).version).to.equal(version);

    await send(h, id, START_REVIEW);
    await refused(START_REVIEW);
    await refused(dept('RECORD_EXPERT_OPINION', 'planning', { comment: 'not its review' }));
    // While the experts review, fire neither approves nor denies.
    await refused(approve('fire'));
    expect((await loadCase(h, id)).version).to.equal(version + 1);
  });

  it('should keep version-1 cases on version 1, where there is no expert review, to their end', async () => {
    const { application } = await h.engine.create({
      workflow: 'construction-permit',
      workflowVersion: 1,
      applicant: ENTERPRISE,
      project: copy(permitProject),
      form: copy(permitForm),
      actor: applicant,
    });
    const id = application.id;
    await at('2026-03-30T09:00:00', id, SUBMIT);
    await at('2026-03-30T10:00:00', id, ACCEPT);
    h.clock.advance({ hours: 1 });
    expect(await refusal(send(h, id, START_REVIEW))).to.be.instanceOf(EventNotAllowedError);
    for (const department of ['planning', 'housing', 'fire', 'civil-defense', 'environment']) {
      await at('2026-04-01T10:00:00', id, approve(department));
    }
    await at('2026-04-02T10:00:00', id, window('ISSUE'));
    const app = await loadCase(h, id);
    expect([app.workflowVersion, app.status]).to.deep.equal([1, 'approved']);
  });
});

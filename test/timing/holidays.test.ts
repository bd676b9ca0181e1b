import { expect } from 'chai';
import { describeEachDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import {
  ACCEPT,
  approve,
  auditOf,
  createPermit,
  loadCase,
  requestSupplement,
  send,
  SUBMIT,
  SUPPLEMENT,
  window,
} from '../support/cases.ts';
import { computeCaseTiming } from '../../src/timing/case-timing.ts';
import { minimalPermitForm } from '../fixtures/construction-permit.ts';

/**
 * Figures across the official holidays, checked against counts made by hand from the State Council notices
 * (db/seeds/cn-working-calendar.json): the Spring Festival 2026 with its make-up Saturdays 14 and 28 February,
 * and the Mid-Autumn and National Day holidays 2026 with the make-up Sunday 20 September and Saturday 10 October.
 */
describeEachDatabase('timing across holidays', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind, '2026-02-09T09:00:00+08:00');
  });
  afterEach(async () => {
    await h.close();
  });

  /** Runs the minimal permit (planning and housing review) with the given moments, then reads its timing. */
  async function permitWith(moments: {
    submit: string;
    accept: string;
    request?: string;
    supplement?: string;
    decide: string;
  }) {
    const id = await createPermit(h, { form: minimalPermitForm });
    const at = (iso: string) => h.clock.set(iso);
    at(moments.submit);
    await send(h, id, SUBMIT);
    at(moments.accept);
    await send(h, id, ACCEPT);
    if (moments.request && moments.supplement) {
      at(moments.request);
      await send(h, id, requestSupplement('housing'));
      at(moments.supplement);
      await send(h, id, SUPPLEMENT);
    }
    at(moments.decide);
    await send(h, id, approve('planning'));
    await send(h, id, approve('housing'));
    await send(h, id, window('ISSUE'));
    const app = await loadCase(h, id);
    const timing = computeCaseTiming({
      app,
      history: await auditOf(h, id),
      acceptanceEvents: ['ACCEPT', 'ACCEPT_WITH_DEFICIENCIES'],
      limitWorkingDays: app.limitWorkingDays,
      calendar: h.calendar,
      now: h.clock.now(),
    });
    const stored = await h.db.knex('applications').where({ id }).first();
    return { timing, stored };
  }

  it('should count the Spring Festival off and its make-up Saturdays on, net of a supplement over the holiday', async () => {
    const { timing, stored } = await permitWith({
      submit: '2026-02-09T09:00:00+08:00',
      accept: '2026-02-10T10:00:00+08:00',
      request: '2026-02-12T10:00:00+08:00',
      supplement: '2026-02-25T10:00:00+08:00',
      decide: '2026-03-06T16:00:00+08:00',
    });
    // Working days after 10 Feb up to 6 Mar: 11, 12, 13, 14 (make-up Sat) | 15–23 off | 24, 25, 26, 27,
    // 28 (make-up Sat) | 2–6 Mar = 4 + 5 + 5 = 14.
    expect(timing.workingDays).to.equal(14);
    // Stopped from 12 Feb to 25 Feb: 13, 14, 24, 25 = 4.
    expect(timing.stoppedWorkingDays).to.equal(4);
    expect(timing.netWorkingDays).to.equal(10);
    // 9 Feb to 6 Mar in calendar days.
    expect(timing.calendarDays).to.equal(25);
    expect(timing.onTime).to.equal(true);
    expect(stored.net_working_days).to.equal(10);
    expect(stored.working_days).to.equal(14);
    expect(stored.concluded_month).to.equal('2026-03');
  });

  it('should count Mid-Autumn and National Day off and the make-up Sunday and Saturday on', async () => {
    const { timing } = await permitWith({
      submit: '2026-09-17T09:00:00+08:00',
      accept: '2026-09-18T09:00:00+08:00',
      decide: '2026-10-12T11:00:00+08:00',
    });
    // After 18 Sep up to 12 Oct: 20 (make-up Sun), 21–24 | 25–27 off | 28–30 | 1–7 Oct off | 8, 9,
    // 10 (make-up Sat) | 12 = 1 + 4 + 3 + 3 + 1 = 12.
    expect(timing.workingDays).to.equal(12);
    expect(timing.stoppedWorkingDays).to.equal(0);
    expect(timing.netWorkingDays).to.equal(12);
  });
});

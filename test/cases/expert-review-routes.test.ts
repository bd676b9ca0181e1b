import { expect } from 'chai';
import { fireDueTimers } from '../../src/engine/timers.ts';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { describeEachDatabase } from '../support/databases.ts';
import {
  acceptedCase,
  caseUnchanged,
  expectProblem,
  sendEvent,
  sendOk,
  casePath as path,
} from '../support/http.ts';
import { withService } from '../support/with-service.ts';

/*
 * The fire department's expert review through the API (特别程序, construction permit version 2): who may start
 * and end it, the applicant told in writing, the lane and the figures that show the days apart. Expected dates
 * are counted by hand on the published 2026 calendar.
 */

const REASON = 'special fire design: atrium smoke control';

describeEachDatabase('cases/expert review routes', (kind) => {
  const t = withService(kind);
  let id: string;
  before(async () => {
    // Monday 2 March 2026, 09:00 in Shanghai: submitted and accepted.
    id = await acceptedCase(t.svc, t.who, constructionPermitApplication());
  });

  const start = (token: string, department: string, comment?: string) =>
    sendEvent(t.svc, token, id, { type: 'START_EXPERT_REVIEW', department, ...(comment ? { comment } : {}) });

  it('should refuse the applicant, the auditor, another department and a start without reasons, changing nothing', async () => {
    await caseUnchanged(t, id, async () => {
      expectProblem(await start(t.who.applicant, 'fire', REASON), 403, 'forbidden');
      expectProblem(await start(t.who.auditor, 'fire', REASON), 403, 'forbidden');
      expectProblem(await start(t.who.otherApplicant, 'fire', REASON), 404, 'not-found');
      // Planning may not act for fire, nor start one in its own region (version 2 gives it to fire only).
      expectProblem(await start(t.who.clerk('planning'), 'fire', REASON), 403, 'forbidden');
      expectProblem(await start(t.who.clerk('planning'), 'planning', REASON), 409, 'event-not-allowed');
      const blank = await start(t.who.clerk('fire'), 'fire');
      expectProblem(blank, 422, 'validation-failed');
      expect(JSON.stringify(blank.body.errors)).to.contain('expert-review-reason');
      // No review is running: there is no opinion to record.
      expectProblem(
        await sendEvent(t.svc, t.who.clerk('fire'), id, {
          type: 'RECORD_EXPERT_OPINION',
          department: 'fire',
          comment: 'too early',
        }),
        409,
        'event-not-allowed',
      );
    });
  });

  it('should tell the applicant in writing, show the lane under expert review, then count its days apart', async () => {
    t.svc.clock.set('2026-03-04T10:00:00+08:00');
    await sendOk(t.svc, t.who.clerk('fire'), id, {
      type: 'START_EXPERT_REVIEW',
      department: 'fire',
      comment: REASON,
    });

    const fireView = await t.svc.request('GET', path(id), { token: t.who.clerk('fire') });
    expect(fireView.body.status).to.equal('in_review');
    expect(fireView.body.allowedEvents).to.have.members(['RECORD_EXPERT_OPINION']);
    const fireTask = (view: typeof fireView) =>
      (view.body.tasks as Array<Record<string, unknown>>).find((task) => task.department === 'fire')!;
    expect(fireTask(fireView)).to.include({ clockStopped: true, clockSpecial: true });
    const planningView = await t.svc.request('GET', path(id), { token: t.who.clerk('planning') });
    expect(planningView.body.allowedEvents).to.not.include('RECORD_EXPERT_OPINION');

    const notices = async () =>
      (await t.svc.request('GET', '/api/v1/notifications', { token: t.who.applicant })).body.items as Array<{
        code: string;
        text: string;
      }>;
    const [started] = await notices();
    expect(started!.code).to.equal('expert-review-started');
    // The cap: 20 working days after Wednesday 4 March is Wednesday 1 April.
    for (const part of [REASON, '最长20个工作日', '最迟于2026年4月1日结束', '第四十五条', '不计入审批时限']) {
      expect(started!.text).to.contain(part);
    }

    // The opinion a week later, Wednesday 11 March: 5, 6, 9, 10, 11 March = 5 working days of expert review.
    t.svc.clock.set('2026-03-11T10:00:00+08:00');
    await sendOk(t.svc, t.who.clerk('fire'), id, {
      type: 'RECORD_EXPERT_OPINION',
      department: 'fire',
      comment: 'the smoke control design is sound',
    });
    const [ended] = await notices();
    expect(ended!.code).to.equal('expert-review-ended');
    expect(ended!.text).to.contain('恢复计算');

    const view = await t.svc.request('GET', path(id), { token: t.who.applicant });
    // From acceptance on 2 March: 3, 4, 5, 6, 9, 10, 11 March.
    expect(view.body.timing).to.include({
      workingDays: 7,
      stoppedWorkingDays: 5,
      specialProcedureWorkingDays: 5,
      applicantWorkingDays: 0,
      netWorkingDays: 2,
    });
    expect(fireTask(view)).to.include({ clockStopped: false, clockSpecial: false });
    expect(fireTask(view).timing).to.include({ stoppedWorkingDays: 5, specialProcedureWorkingDays: 5 });
    const history = await t.svc.request('GET', path(id, '/history'), { token: t.who.auditor });
    const last = (history.body.items as Array<Record<string, unknown>>).slice(-2);
    expect(last.map((r) => [r.type, r.clockStopped, r.clockSpecial])).to.deep.equal([
      ['START_EXPERT_REVIEW', true, true],
      ['RECORD_EXPERT_OPINION', false, false],
    ]);
  });

  it('should end a second expert review at its cap by the scheduler and tell the applicant', async () => {
    t.svc.clock.set('2026-03-12T10:00:00+08:00');
    await sendOk(t.svc, t.who.clerk('fire'), id, {
      type: 'START_EXPERT_REVIEW',
      department: 'fire',
      comment: REASON,
    });
    // 20 working days after Thursday 12 March: Friday 10 April (Qingming 4–6 April is off); the sweep runs the day after.
    t.svc.clock.set('2026-04-11T09:00:00+08:00');
    expect(await fireDueTimers(t.svc.service.db, t.svc.service.engine)).to.deep.include({ fired: 1 });

    const notices = await t.svc.request('GET', '/api/v1/notifications', { token: t.who.applicant });
    const [reached] = notices.body.items as Array<{ code: string; text: string }>;
    expect(reached!.code).to.equal('expert-review-cap-reached');
    expect(reached!.text).to.contain('20个工作日').and.contain('2026年4月10日');
    const view = await t.svc.request('GET', path(id), { token: t.who.applicant });
    // 5 days of the first review, and the 20 of the cap.
    expect(view.body.timing).to.include({ specialProcedureWorkingDays: 25, applicantWorkingDays: 0 });
    expect(view.body.allowedEvents).to.deep.equal(['WITHDRAW']);
    const history = await t.svc.request('GET', path(id, '/history'), { token: t.who.auditor });
    expect(history.body.items.at(-1)).to.deep.include({
      type: 'EXPERT_REVIEW_CAP_REACHED',
      clockSpecial: false,
      at: '2026-04-10T15:59:59.999Z',
    });
  });
});

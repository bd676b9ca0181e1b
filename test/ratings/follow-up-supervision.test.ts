import { expect } from 'chai';
import { fireDueTimers } from '../../src/engine/timers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { issuedPermitLicence } from '../support/licences.ts';
import type { TestService } from '../support/http.ts';
import { withService } from '../support/with-service.ts';

/*
 * The supervisors (administrators) are told, through the notifications, when a bad rating's contact is late
 * and when an appeal waits for them — never naming the rater, never telling auditors, clerks or the
 * enterprise; and a follow-up the rater never rates closes by itself after RATING_FOLLOW_UP_RATE_DAYS (7
 * calendar days by default), unrated, without a level and without touching the figures' satisfaction.
 */

const ratingsPath = (id: string) => `/api/v1/applications/${id}/ratings`;
const followUpPath = (id: string, rest = '') => `/api/v1/rating-follow-ups/${id}${rest}`;
const step = (svc: TestService, token: string, id: string, body: object) =>
  svc.request('POST', followUpPath(id, '/events'), { token, body });
const codesOf = async (svc: TestService, token: string): Promise<string[]> =>
  (await svc.request('GET', '/api/v1/notifications', { token })).body.items.map((m: any) => m.code);

describeEachDatabase('rating follow-up supervision', (kind) => {
  const t = withService(kind);
  beforeEach(() => t.svc.clock.set('2026-03-02T09:00:00+08:00'));

  it('should tell the administrators, and only them, of a late contact and of an appeal', async () => {
    const { svc, who, admin } = t;
    const { caseId } = await issuedPermitLicence(t);
    const rated = await svc.request('POST', ratingsPath(caseId), {
      token: who.applicant,
      body: { level: 4, channel: 1, department: 'housing' },
    });
    const followUpId: string = rated.body.followUp.id;
    expect(await codesOf(svc, admin)).not.to.include('rating-contact-overdue');

    // Rated Monday 2 March 2026: the contact was due by the end of Tuesday 3 March (1 working day).
    svc.clock.set('2026-03-04T00:30:00+08:00');
    await fireDueTimers(svc.service.db, svc.service.engine);
    const told = (await svc.request('GET', '/api/v1/notifications', { token: admin })).body;
    const late = told.items.find((m: any) => m.code === 'rating-contact-overdue');
    expect(late, JSON.stringify(told)).to.include({ applicationId: caseId });
    expect(late.text).to.contain('未在1个工作日内（2026年3月3日前）联系差评的评价人');
    expect(late.params).to.include({ department: 'housing', followUp: followUpId });
    expect(told.unreadCount).to.be.at.least(1);
    // Any administrator: the supervisors are a role, not a person.
    const another = svc.token({ sub: 'admin-2', role: 'admin' });
    expect(await codesOf(svc, another)).to.include('rating-contact-overdue');

    await step(svc, who.clerk('housing'), followUpId, { type: 'CONTACT' });
    await step(svc, who.clerk('housing'), followUpId, {
      type: 'VERIFY',
      data: { finding: 'appealed' },
      comment: '评价内容与本件无关',
    });
    const appeal = (await svc.request('GET', '/api/v1/notifications', { token: admin })).body.items.find(
      (m: any) => m.code === 'rating-appealed',
    );
    expect(appeal).to.include({ applicationId: caseId });
    expect(appeal.text).to.contain('理由：评价内容与本件无关').and.to.contain('请审核');
    for (const m of [late, appeal]) expect(JSON.stringify(m)).not.to.contain('ent-user');

    for (const token of [who.auditor, who.clerk('housing'), who.applicant, who.otherApplicant]) {
      const codes = await codesOf(svc, token);
      expect(codes).not.to.include('rating-contact-overdue');
      expect(codes).not.to.include('rating-appealed');
    }
  });

  it('should close a follow-up the rater never rates after the configured days, unrated and without a level', async () => {
    const { svc, who } = t;
    const { caseId } = await issuedPermitLicence(t);
    const rated = await svc.request('POST', ratingsPath(caseId), {
      token: who.applicant,
      body: { level: 5, channel: 2, department: 'planning' },
    });
    const followUpId: string = rated.body.followUp.id;
    const planning = who.clerk('planning');
    await step(svc, planning, followUpId, { type: 'CONTACT' });
    await step(svc, planning, followUpId, { type: 'VERIFY', data: { finding: 'explained' } });
    svc.clock.set('2026-03-05T10:00:00+08:00');
    const answered = await step(svc, planning, followUpId, { type: 'ANSWER', comment: '已说明审查依据。' });
    expect(answered.body.status).to.equal('answered');

    // Answered Thursday 5 March 10:00: the rater may rate until Thursday 12 March 10:00 (7 calendar days).
    svc.clock.set('2026-03-12T09:59:00+08:00');
    await fireDueTimers(svc.service.db, svc.service.engine);
    expect((await svc.request('GET', followUpPath(followUpId), { token: planning })).body.status).to.equal(
      'answered',
    );
    svc.clock.set('2026-03-12T10:00:01+08:00');
    await fireDueTimers(svc.service.db, svc.service.engine);
    const closed = await svc.request('GET', followUpPath(followUpId), { token: planning });
    expect(closed.body).to.include({ status: 'closed_unrated', followUpLevel: null });
    expect(closed.body.steps.map((s: any) => [s.type, s.role]).at(-1)).to.deep.equal([
      'FOLLOW_UP_UNRATED',
      'system',
    ]);
    const rating = (await svc.request('GET', ratingsPath(caseId), { token: who.applicant })).body.items[0];
    expect(rating.followUp).to.deep.include({ status: 'closed_unrated', rectifiedOnTime: true, level: null });
    // Too late to rate now: the follow-up is closed.
    const late = await step(svc, who.applicant, followUpId, { type: 'RATE_FOLLOW_UP', data: { level: 1 } });
    expect(late.status).to.equal(409);
    const figures = (await svc.request('GET', '/api/v1/ratings/figures?month=2026-03')).body;
    expect(figures.departments.find((r: any) => r.group === 'planning')).to.include({
      ratings: 1,
      satisfied: 0,
      bad: 1,
      badAnswered: 1,
      badRectifiedOnTime: 1,
    });
  });
});

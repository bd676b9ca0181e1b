import { expect } from 'chai';
import { loadCalendar } from '../../src/calendar/index.ts';
import { recomputePendingYears } from '../../src/timing/recompute.ts';
import { minimalPermitForm, permitProject } from '../fixtures/construction-permit.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import { acceptedCase, people, startTestService, type People, type TestService } from '../support/http.ts';

const newYear2027 = { holidays: [{ name: 'New Year', daysOff: ['2027-01-01'], makeUpWorkdays: [] }] };

describeEachDatabase('http/calendar', (kind) => {
  let svc: TestService;
  let who: People;
  let admin: string;
  beforeEach(async () => {
    // A Monday in late December: a 20-working-day review falls in January 2027, not yet published.
    svc = await startTestService(kind, '2026-12-21T09:00:00+08:00');
    who = people(svc, ENTERPRISE, OTHER_ENTERPRISE);
    admin = svc.token({ sub: 'admin-1', role: 'admin' });
  });
  afterEach(async () => {
    await svc.close();
  });

  const planningTask = async () => {
    const inbox = await svc.request('GET', '/api/v1/tasks?department=planning', { token: who.auditor });
    return inbox.body.items[0];
  };

  it('should count an unpublished year on weekends alone, flag it, and recompute when it is published', async () => {
    const id = await acceptedCase(svc, who, {
      workflow: 'construction-permit',
      project: permitProject,
      form: minimalPermitForm,
    });
    // 22–25, 28–31 Dec = 8; then weekdays of 2027 with no holidays known: 1, 4–8, 11–15, 18 Jan = 12.
    let task = await planningTask();
    expect(task.dueAt).to.equal('2027-01-18T15:59:59.999Z');
    expect(task.timing.provisional).to.equal(true);
    const before = await svc.request('GET', `/api/v1/applications/${id}`, { token: who.auditor });

    const published = await svc.request('PUT', '/api/v1/calendar/2027', {
      token: admin,
      body: newYear2027,
    });
    expect(published.status).to.equal(200);
    expect(published.body).to.deep.equal({ year: 2027, workingDays: 260, recomputation: 'queued' });
    // The answer did not wait for the recomputation: the figures change at the scheduler's next round.
    expect((await planningTask()).dueAt).to.equal('2027-01-18T15:59:59.999Z');
    const rounds = await recomputePendingYears(
      svc.service.db,
      svc.service.ctx.registry,
      // Another instance's calendar, with an out-of-date 2027: the round uses the year as stored.
      await loadCalendar(svc.service.db).then((c) => (c.publish(2027, []), c)),
      svc.clock.now(),
    );
    // The seeded years are queued too (they were stored at start); 2027 is the one with work.
    const round = rounds.find((r) => r.year === 2027)!;
    expect(round).to.deep.include({ year: 2027 });
    expect(round.tasks).to.be.greaterThan(0);
    expect(
      await recomputePendingYears(
        svc.service.db,
        svc.service.ctx.registry,
        svc.service.ctx.calendar,
        svc.clock.now(),
      ),
      'done once',
    ).to.deep.equal([]);

    // With 1 January off, the twentieth working day is the 19th.
    task = await planningTask();
    expect(task.dueAt).to.equal('2027-01-19T15:59:59.999Z');
    expect(task.timing).to.not.have.property('provisional');
    const after = await svc.request('GET', `/api/v1/applications/${id}`, { token: who.auditor });
    expect(Date.parse(after.body.dueAt) - Date.parse(before.body.dueAt)).to.equal(86_400_000);
    const year = await svc.request('GET', '/api/v1/calendar/2027');
    expect(year.status).to.equal(200);
    expect(year.body.workingDays).to.equal(260);
  });

  it('should refuse a calendar with a date outside its year or both off and worked, and change nothing', async () => {
    const outside = await svc.request('PUT', '/api/v1/calendar/2027', {
      token: admin,
      body: { holidays: [{ name: 'New Year', daysOff: ['2026-12-31'], makeUpWorkdays: [] }] },
    });
    expect(outside.status).to.equal(422);
    expect(outside.body.type).to.equal('validation-failed');
    const both = await svc.request('PUT', '/api/v1/calendar/2027', {
      token: admin,
      body: { holidays: [{ name: 'X', daysOff: ['2027-01-02'], makeUpWorkdays: ['2027-01-02'] }] },
    });
    expect(both.status).to.equal(422);
    expect((await svc.request('GET', '/api/v1/calendar/2027')).status).to.equal(404);
  });

  it('should let only administrators publish, and refuse a malformed year or body', async () => {
    const asAuditor = await svc.request('PUT', '/api/v1/calendar/2027', {
      token: who.auditor,
      body: newYear2027,
    });
    expect(asAuditor.status).to.equal(403);
    const noToken = await svc.request('PUT', '/api/v1/calendar/2027', { body: newYear2027 });
    expect(noToken.status).to.equal(401);
    const badYear = await svc.request('PUT', '/api/v1/calendar/27', { token: admin, body: newYear2027 });
    expect(badYear.status).to.equal(400);
    const badBody = await svc.request('PUT', '/api/v1/calendar/2027', { token: admin, body: { days: [] } });
    expect(badBody.status).to.equal(400);
    expect((await svc.request('GET', '/api/v1/calendar/2027')).status).to.equal(404);
  });
});

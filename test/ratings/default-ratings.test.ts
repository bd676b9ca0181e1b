import { expect } from 'chai';
import { recordDefaultRatings } from '../../src/ratings/index.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { activeDelegation, agentToken, FAR } from '../support/delegation.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import { expectProblem, people, startTestService, type People, type TestService } from '../support/http.ts';
import { issuedPermitLicence } from '../support/licences.ts';

const ratingsPath = (id: string) => `/api/v1/applications/${id}/ratings`;

describeEachDatabase('ratings/defaults', (kind) => {
  let svc: TestService;
  let who: People;
  // 广西: no rating within 7 days of the result counts as satisfied.
  before(async () => {
    svc = await startTestService(kind, '2026-03-02T09:00:00+08:00', {
      env: { RATING_DEFAULT_AFTER_DAYS: '7' },
    });
    who = people(svc, ENTERPRISE, OTHER_ENTERPRISE);
  });
  after(async () => {
    await svc?.close();
  });

  const sweep = () =>
    recordDefaultRatings(svc.service.db, svc.service.ctx.registry, svc.service.ctx.ratings, svc.clock.now());

  it('should record unrated results as default ratings after 7 days, flagged and kept out of every figure', async () => {
    svc.clock.set('2026-03-02T09:00:00+08:00');
    const { caseId } = await issuedPermitLicence({ svc, who });
    await svc.request('POST', ratingsPath(caseId), {
      token: who.applicant,
      body: { level: 1, channel: 1, department: 'planning' },
    });
    svc.clock.set('2026-03-09T08:59:00+08:00');
    expect((await sweep()).recorded).to.equal(0);

    svc.clock.set('2026-03-09T09:30:00+08:00');
    // The case as a whole and housing's decision had no rating; planning's had one.
    expect((await sweep()).recorded).to.equal(2);
    expect((await sweep()).recorded).to.equal(0);
    const ratings = await svc.request('GET', ratingsPath(caseId), { token: who.auditor });
    const defaults = ratings.body.items.filter((r: any) => r.default);
    expect(defaults.map((r: any) => [r.target, r.level]).sort()).to.deep.equal([
      ['case', 2],
      ['housing', 2],
    ]);
    expect(defaults.every((r: any) => !('rater' in r))).to.equal(true);

    const figures = (await svc.request('GET', '/api/v1/ratings/figures?month=2026-03')).body;
    expect(figures.notCounted.defaults).to.equal(2);
    expect(figures.departments.map((r: any) => [r.group, r.ratings])).to.deep.equal([['planning', 1]]);
    expect(figures.departments[0]).to.include({ satisfied: 1, satisfactionRate: 1 });

    const late = await svc.request('POST', ratingsPath(caseId), {
      token: who.applicant,
      body: { level: 1, channel: 2 },
    });
    expectProblem(late, 409, 'event-not-allowed');
    expect(late.body.code).to.equal('rating-exists');
  });

  it('should let an agent under an active agreement rate, and show it as the rater', async () => {
    svc.clock.set('2026-04-01T09:00:00+08:00');
    const agent = agentToken(svc, 'agent-rating');
    await activeDelegation(svc, who.applicant, agent, { agent: 'agent-rating', expiresAt: FAR });
    const { caseId } = await issuedPermitLicence({ svc, who });
    const rated = await svc.request('POST', ratingsPath(caseId), {
      token: agent,
      body: { level: 2, channel: 3, department: 'housing' },
    });
    expect(rated.status, JSON.stringify(rated.body)).to.equal(201);
    expect(rated.body.rater).to.deep.equal({ sub: 'agent-rating', role: 'agent' });
    const stranger = agentToken(svc, 'agent-other');
    expectProblem(
      await svc.request('POST', ratingsPath(caseId), { token: stranger, body: { level: 2, channel: 3 } }),
      404,
      'not-found',
    );
  });
});

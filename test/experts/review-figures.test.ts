import { expect } from 'chai';
import { describeEachDatabase } from '../support/databases.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import { people, startTestService, type People, type TestService } from '../support/http.ts';
import {
  allDeclared,
  ballot,
  drawn,
  fileProposal,
  freshProject,
  PROPOSAL,
  preReviewed,
  REVIEWS,
  reviewPeople,
  seedRoster,
  vote,
  type ReviewPeople,
} from '../support/investment-review-scene.ts';
import { parsePrometheusText } from '../support/prometheus-text.ts';

/**
 * The figures checked by hand: three proposals filed on Monday 2 March 2026 join the March batch (cut-off at
 * the end of Tuesday 10 March). Two are decided on Friday 20 March, 8 working days after the cut-off (11, 12,
 * 13, 16, 17, 18, 19, 20 March); one on Wednesday 25 March, 11 working days after it. March 2026 has no
 * public holiday (Qingming falls in April).
 */
describeEachDatabase('experts/review-figures', (kind) => {
  let svc: TestService;
  let who: People;
  let rp: ReviewPeople;

  before(async () => {
    svc = await startTestService(kind);
    who = people(svc, ENTERPRISE, OTHER_ENTERPRISE);
    rp = reviewPeople(svc);
    await seedRoster(svc, rp.admin);
    const plans: Array<[string[], string]> = [
      [['pass', 'pass', 'pass', 'pass', 'pass'], '2026-03-20T10:00:00+08:00'],
      [['pass', 'pass-with-conditions', 'pass', 'pass', 'defer'], '2026-03-20T11:00:00+08:00'],
      [['reject', 'reject', 'reject', 'pass', 'pass'], '2026-03-25T10:00:00+08:00'],
    ];
    const ids: string[] = [];
    for (let i = 0; i < plans.length; i++)
      ids.push(await fileProposal(svc, who.applicant, PROPOSAL, freshProject()));
    // A fourth proposal is withdrawn: not a decision.
    const withdrawn = await fileProposal(svc, who.applicant, PROPOSAL, freshProject());
    await svc.request('POST', `/api/v1/applications/${withdrawn}/events`, {
      token: who.applicant,
      body: { type: 'WITHDRAW' },
    });
    for (const [i, [votes, at]] of plans.entries()) {
      svc.clock.set('2026-03-12T09:00:00+08:00');
      await preReviewed(svc, rp, ids[i]!, '2026-03');
      const panel = await drawn(svc, rp, ids[i]!, `figures-seed-${i}`);
      await allDeclared(svc, rp, ids[i]!, panel);
      svc.clock.set(at);
      for (const [j, expert] of panel.entries()) await vote(svc, rp, ids[i]!, expert, ballot(votes[j]!));
    }
  });
  after(async () => {
    await svc?.close();
  });

  it('should count the year and its months: 3 decided, 2 passed (1 with conditions), 1 rejected, 9 working days on average', async () => {
    const figures = await svc.request('GET', `${REVIEWS}/figures?year=2026`, { token: who.auditor });
    expect(figures.status).to.equal(200);
    expect(figures.body).to.deep.include({
      year: 2026,
      reviews: 3,
      passed: 2,
      passedWithConditions: 1,
      rejected: 1,
      passRate: 0.6667,
      // (8 + 8 + 11) / 3
      meanWorkingDaysToDecision: 9,
    });
    expect(figures.body.months).to.have.length(12);
    expect(figures.body.months[2]).to.deep.include({ month: '2026-03', reviews: 3, passed: 2 });
    expect(figures.body.months[3]).to.deep.include({ month: '2026-04', reviews: 0, passRate: null });
    expect(figures.body.rejectionReasons).to.deep.equal([
      { industry: 'new-materials', reason: 'tax-yield', count: 1 },
    ]);
    const empty = await svc.request('GET', `${REVIEWS}/figures?year=2025`, { token: rp.admin });
    expect(empty.body).to.deep.include({ reviews: 0, passRate: null });
  });

  it('should put the month in the monthly bulletin', async () => {
    const monthly = await svc.request('GET', '/api/v1/reports/monthly?at=2026-03-31', { token: who.auditor });
    expect(monthly.status).to.equal(200);
    expect(monthly.body.investmentReviews).to.deep.equal({
      reviews: 3,
      passed: 2,
      passedWithConditions: 1,
      rejected: 1,
      passRate: 0.6667,
      meanWorkingDaysToDecision: 9,
    });
  });

  it('should show the totals as gauges on /metrics', async () => {
    const response = await svc.request('GET', '/metrics');
    const families = parsePrometheusText(response.body);
    expect(families.get('zerotrip_investment_reviews_decided')!.samples[0]!.value).to.equal(3);
    expect(families.get('zerotrip_investment_reviews_passed')!.samples[0]!.value).to.equal(2);
  });
});

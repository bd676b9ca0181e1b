import { expect } from 'chai';
import { describeEachDatabase } from '../support/databases.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import { casePath, people, startTestService, type People, type TestService } from '../support/http.ts';
import {
  allDeclared,
  ballot,
  drawn,
  fileProposal,
  preReviewed,
  REVIEWS,
  reviewPeople,
  seedRoster,
  vote,
  type ReviewPeople,
} from '../support/investment-review-scene.ts';

describeEachDatabase('experts/investment-review', (kind) => {
  let svc: TestService;
  let who: People;
  let rp: ReviewPeople;

  before(async () => {
    svc = await startTestService(kind);
    who = people(svc, ENTERPRISE, OTHER_ENTERPRISE);
    rp = reviewPeople(svc);
    await seedRoster(svc, rp.admin);
  });
  after(async () => {
    await svc?.close();
  });

  it('should carry a proposal from filing through the batch, pre-review, draw and sealed votes to a conditional pass', async () => {
    const id = await fileProposal(svc, who.applicant);
    const filed = await svc.request('GET', casePath(id), { token: who.applicant });
    expect(filed.body.status).to.equal('submitted');
    await preReviewed(svc, rp, id, '2026-03');
    const panel = await drawn(svc, rp, id);
    expect(panel).to.have.length(5);
    expect(panel).not.to.include('e7');
    expect(panel).not.to.include('x1');
    await allDeclared(svc, rp, id, panel);
    const votes = ['pass', 'pass-with-conditions', 'pass', 'pass', 'reject'];
    for (const [i, expert] of panel.entries()) {
      const response = await vote(svc, rp, id, expert, ballot(votes[i]!));
      expect(response.status, JSON.stringify(response.body)).to.equal(200);
    }
    const view = await svc.request('GET', `${REVIEWS}/${id}`, { token: rp.officer });
    expect(view.body.status).to.equal('conditional_pass');
    expect(view.body.outcome).to.equal('passed-with-conditions');
    expect(view.body.conditions).to.deep.equal(['用地红线按规划调整', '三年内达产']);
    expect(view.body.decisions[0].ballots).to.have.length(5);
    const messages = await svc.request('GET', '/api/v1/notifications', { token: who.applicant });
    expect(messages.body.items.map((m: { code: string }) => m.code)).to.include('review-decided');
  });
});

import { expect } from 'chai';
import { minimalPermitForm, permitProject } from '../fixtures/construction-permit.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import {
  acceptedCase,
  casePath,
  createDraft,
  people,
  sendOk,
  startTestService,
  type People,
  type TestService,
} from '../support/http.ts';
import {
  allDeclared,
  ballot,
  drawn,
  fileProposal,
  freshProject,
  PROPOSAL,
  preReviewed,
  reviewPeople,
  seedRoster,
  vote,
  type ReviewPeople,
} from '../support/investment-review-scene.ts';

/** The Shanghai calendar day of an instant. */
const shanghaiDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

describeEachDatabase('experts/review-progress', (kind) => {
  let svc: TestService;
  let who: People;
  let rp: ReviewPeople;
  let id = '';
  let panel: string[] = [];

  before(async () => {
    svc = await startTestService(kind);
    who = people(svc, ENTERPRISE, OTHER_ENTERPRISE);
    rp = reviewPeople(svc);
    await seedRoster(svc, rp.admin);
    id = await fileProposal(svc, who.applicant, PROPOSAL, freshProject());
  });
  after(async () => {
    await svc?.close();
  });

  const progress = async () => {
    const response = await svc.request('GET', casePath(id), { token: who.applicant });
    expect(response.status, JSON.stringify(response.body)).to.equal(200);
    return response.body.investmentReview;
  };

  it('should show the investor its batch, the cut-off and the decision due date once filed', async () => {
    const p = await progress();
    expect(p).to.include({ batch: '2026-03', meetings: 0, outcome: null });
    expect(p.preReviewDepartments).to.deep.equal(['land', 'planning', 'environment']);
    expect(p.panel).to.deep.equal([]);
    expect(p.flags).to.deep.equal([]);
    // Filed on Monday 2 March: the batch closes at the end of the 10th. Twenty working days after it, from
    // db/seeds/cn-working-calendar.json (4–6 April off for Qingming): 11–13, 16–20, 23–27, 30–31 March,
    // 1–3, 7, 8 April.
    expect(shanghaiDay(p.cutOffAt)).to.equal('2026-03-10');
    expect(shanghaiDay(p.decisionDueAt)).to.equal('2026-04-08');
  });

  it("should show the departments' positions, the panel by name and the investor's objection", async () => {
    await preReviewed(svc, rp, id, '2026-03');
    panel = await drawn(svc, rp, id);
    await sendOk(svc, who.applicant, id, {
      type: 'OBJECTION',
      comment: '该专家曾为竞争企业提供咨询',
      data: { expert: panel[0] },
    });
    const p = await progress();
    expect(p.positions.land).to.deep.equal({
      position: 'agree-with-conditions',
      conditions: '用地红线按规划调整',
    });
    expect(p.positions.planning).to.deep.equal({ position: 'agree', conditions: null });
    expect(p.panel.map((m: { expert: string }) => m.expert)).to.deep.equal(panel);
    expect(p.panel[0]).to.deep.equal({
      expert: panel[0],
      name: `专家${panel[0]!.slice(1)}`,
      declared: false,
      objection: true,
    });
    expect(p.panel.filter((m: { objection: boolean }) => m.objection)).to.have.length(1);
  });

  it('should show the decision and its conditions, and nothing of the ballots', async () => {
    const dismissed = await svc.request(
      'POST',
      `/api/v1/investment-reviews/${id}/objections/${panel[0]}/decision`,
      {
        token: rp.officer,
        body: { upheld: false, comment: '理由不成立' },
      },
    );
    expect(dismissed.status, JSON.stringify(dismissed.body)).to.equal(200);
    await allDeclared(svc, rp, id, panel);
    for (const expert of panel) {
      const cast = await vote(svc, rp, id, expert, ballot('pass-with-conditions'));
      expect(cast.status, JSON.stringify(cast.body)).to.equal(200);
    }
    const p = await progress();
    expect(p).to.include({ meetings: 1, outcome: 'passed-with-conditions' });
    expect(p.conditions).to.include('用地红线按规划调整').and.to.include('三年内达产');
    expect(p.panel.every((m: { declared: boolean }) => m.declared)).to.equal(true);
    const text = JSON.stringify(p);
    for (const sealed of ['salt', 'ballots', 'vote', 'scores', 'seal']) expect(text).not.to.contain(sealed);
  });

  it('should leave the field out of a draft proposal and of a case of another workflow', async () => {
    const draft = await createDraft(svc, who.applicant, {
      workflow: 'investment-review',
      project: freshProject(),
      form: PROPOSAL,
    });
    const permit = await acceptedCase(svc, who, {
      workflow: 'construction-permit',
      project: permitProject,
      form: minimalPermitForm,
    });
    for (const caseId of [draft, permit]) {
      const response = await svc.request('GET', casePath(caseId), { token: who.applicant });
      expect(response.status).to.equal(200);
      expect(response.body).not.to.have.property('investmentReview');
    }
  });
});

import { expect } from 'chai';
import { describeEachDatabase } from '../support/databases.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import {
  casePath,
  expectProblem,
  people,
  sendEvent,
  startTestService,
  type People,
  type TestService,
} from '../support/http.ts';
import {
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

describeEachDatabase('experts/review-refusals', (kind) => {
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
    await preReviewed(svc, rp, id, '2026-03');
    panel = await drawn(svc, rp, id);
  });
  after(async () => {
    await svc?.close();
  });

  /** The review as it stands, to check that a refusal changed nothing. */
  const snapshot = async () => {
    const response = await svc.request('GET', `${REVIEWS}/${id}`, { token: rp.officer });
    const history = await svc.request('GET', casePath(id, '/history'), { token: who.auditor });
    return { review: response.body, events: history.body.items.length };
  };

  it('should keep the roster to administrators; auditors read it; an expert reads only their own entry', async () => {
    const entry = { name: '新专家', fields: ['steel'] };
    expectProblem(
      await svc.request('PUT', '/api/v1/experts/n1', { token: who.auditor, body: entry }),
      403,
      'forbidden',
    );
    expectProblem(
      await svc.request('PUT', '/api/v1/experts/n1', { token: rp.officer, body: entry }),
      403,
      'forbidden',
    );
    expect((await svc.request('GET', '/api/v1/experts', { token: who.auditor })).body.items).to.have.length(
      8,
    );
    expectProblem(await svc.request('GET', '/api/v1/experts', { token: rp.expert('e1') }), 403, 'forbidden');
    const own = await svc.request('GET', `/api/v1/experts/${panel[0]}`, { token: rp.expert(panel[0]!) });
    expect(own.status).to.equal(200);
    expect(own.body.engagements.map((e: { review: string }) => e.review)).to.include(id);
    const other = await svc.request('GET', '/api/v1/experts/e7', { token: rp.expert(panel[0]!) });
    expectProblem(other, 403, 'forbidden');
    expect(other.body.code).to.equal('experts-read-roles');
    expectProblem(
      await svc.request('GET', '/api/v1/experts/nobody', { token: who.auditor }),
      404,
      'not-found',
    );
    expectProblem(await svc.request('GET', '/api/v1/experts', {}), 401, 'unauthorized');
  });

  it('should let only the review officer close batches, draw and record absences', async () => {
    const before = await snapshot();
    const planning = svc.token({ sub: 'clerk-planning', role: 'clerk', org: 'planning' });
    for (const token of [who.applicant, who.auditor, planning, rp.admin]) {
      const draw = await svc.request('POST', `${REVIEWS}/${id}/draw`, { token, body: {} });
      expect([403, 404]).to.include(draw.status);
      expectProblem(
        await svc.request('POST', `${REVIEWS}/batches/2026-03/close`, { token }),
        403,
        'forbidden',
      );
    }
    const absent = await svc.request('POST', `${REVIEWS}/${id}/absences`, {
      token: who.auditor,
      body: { expert: panel[0] },
    });
    expectProblem(absent, 403, 'forbidden');
    expect(absent.body.code).to.equal('review-officer-only');
    expectProblem(
      await svc.request('POST', `${REVIEWS}/batches/2026-3/close`, { token: rp.officer }),
      400,
      'malformed-request',
    );
    expect(await snapshot()).to.deep.equal(before);
  });

  it('should show an expert only the reviews they sit on, and the dossier only after declaring no conflict', async () => {
    const member = rp.expert(panel[0]!);
    const list = await svc.request('GET', REVIEWS, { token: member });
    expect(list.body.items.map((r: { id: string }) => r.id)).to.deep.equal([id]);
    expect(list.body.items[0].seat.declaredAt).to.equal(null);
    const early = await svc.request('GET', `${REVIEWS}/${id}`, { token: member });
    expectProblem(early, 403, 'forbidden');
    expect(early.body.code).to.equal('expert-declare-first');
    const earlyVote = await vote(svc, rp, id, panel[0]!, ballot('pass'));
    expect(earlyVote.body.code).to.equal('expert-declare-first');
    const outsider = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7'].find((e) => !panel.includes(e))!;
    expectProblem(
      await svc.request('GET', `${REVIEWS}/${id}`, { token: rp.expert(outsider) }),
      404,
      'not-found',
    );
    expect((await svc.request('GET', REVIEWS, { token: rp.expert(outsider) })).body.items).to.deep.equal([]);
    const declared = await svc.request('POST', `${REVIEWS}/${id}/declaration`, {
      token: member,
      body: { conflict: false },
    });
    expect(declared.status).to.equal(200);
    expect((await svc.request('GET', `${REVIEWS}/${id}`, { token: member })).status).to.equal(200);
    const twice = await svc.request('POST', `${REVIEWS}/${id}/declaration`, {
      token: member,
      body: { conflict: false },
    });
    expectProblem(twice, 409, 'event-not-allowed');
  });

  it('should never show a review to another enterprise, nor act on cases for an expert', async () => {
    expectProblem(
      await svc.request('GET', `${REVIEWS}/${id}`, { token: who.otherApplicant }),
      404,
      'not-found',
    );
    expectProblem(await svc.request('GET', casePath(id), { token: who.otherApplicant }), 404, 'not-found');
    expectProblem(await svc.request('GET', `${REVIEWS}/${id}`, { token: who.applicant }), 403, 'forbidden');
    expectProblem(await svc.request('GET', casePath(id), { token: rp.expert(panel[0]!) }), 404, 'not-found');
    expectProblem(await svc.request('GET', REVIEWS, { token: who.applicant }), 403, 'forbidden');
    expectProblem(
      await svc.request('GET', `${REVIEWS}/${id}/draw`, { token: rp.expert(panel[0]!) }),
      403,
      'forbidden',
    );
  });

  it('should refuse route-only events on the case events route, and a recusal without its ground', async () => {
    const before = await snapshot();
    const drawnByHand = await sendEvent(svc, rp.officer, id, {
      type: 'PANEL_DRAWN',
      data: { panel: ['e1'] },
    });
    expectProblem(drawnByHand, 403, 'forbidden');
    expect(drawnByHand.body.code).to.equal('event-has-route');
    const vote = await sendEvent(svc, who.applicant, id, { type: 'VOTE', data: { expert: 'e1' } });
    expectProblem(vote, 403, 'forbidden');
    const noGround = await svc.request('POST', `${REVIEWS}/${id}/declaration`, {
      token: rp.expert(panel[1]!),
      body: { conflict: true },
    });
    expectProblem(noGround, 422, 'validation-failed');
    expect(noGround.body.errors[0]).to.include({ pointer: '/ground', code: 'recusal-ground' });
    expect(await snapshot()).to.deep.equal(before);
  });

  it('should refuse a ballot whose score sheet is incomplete or contradicts itself, and a ballot before the meeting', async () => {
    const member = panel[0]!;
    const cases: Array<[Record<string, unknown>, string]> = [
      [ballot('pass', { gates: { 'industrial-policy': 'pass' } }), 'ballot-gates'],
      [ballot('pass', { scores: { technology: 90 } }), 'ballot-scores'],
      [ballot('reject', { reasons: [] }), 'ballot-reasons'],
      [ballot('pass-with-conditions', { conditions: ' ' }), 'ballot-conditions'],
      [
        ballot('pass', {
          gates: { 'industrial-policy': 'pass', 'land-use-plan': 'fail', environment: 'pass' },
        }),
        'ballot-failed-gate',
      ],
    ];
    for (const [body, code] of cases) {
      const response = await vote(svc, rp, id, member, body);
      expectProblem(response, 422, 'validation-failed');
      expect(response.body.errors.map((e: { code: string }) => e.code)).to.include(code);
    }
    // Declared, but the meeting is not open while other members have not declared.
    expectProblem(await vote(svc, rp, id, member, ballot('pass')), 409, 'event-not-allowed');
    const auditorVote = await svc.request('POST', `${REVIEWS}/${id}/ballot`, {
      token: who.auditor,
      body: ballot('pass'),
    });
    expectProblem(auditorVote, 403, 'forbidden');
  });

  it('should keep the figures to auditors and administrators', async () => {
    expectProblem(await svc.request('GET', `${REVIEWS}/figures`, { token: rp.officer }), 403, 'forbidden');
    expectProblem(await svc.request('GET', `${REVIEWS}/figures`, { token: who.applicant }), 403, 'forbidden');
    expectProblem(
      await svc.request('GET', `${REVIEWS}/figures?year=20x6`, { token: who.auditor }),
      400,
      'malformed-request',
    );
  });
});

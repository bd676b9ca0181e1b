import { expect } from 'chai';
import { permitForm, permitProject } from '../fixtures/construction-permit.ts';
import { fireDueTimers } from '../../src/engine/timers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import {
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

  /** A review whose meeting is open: filed, pre-reviewed, drawn, every member declared. */
  async function inMeeting(seed = 'seed-for-tests-0001') {
    const id = await fileProposal(svc, who.applicant, PROPOSAL, freshProject());
    await preReviewed(svc, rp, id, '2026-03');
    const panel = await drawn(svc, rp, id, seed);
    await allDeclared(svc, rp, id, panel);
    return { id, panel };
  }
  const view = async (id: string) =>
    (await svc.request('GET', `${REVIEWS}/${id}`, { token: rp.officer })).body;

  it('should carry a proposal from filing through the batch, pre-review, draw and sealed votes to a conditional pass', async () => {
    const id = await fileProposal(svc, who.applicant);
    const filed = await svc.request('GET', casePath(id), { token: who.applicant });
    expect(filed.body.status).to.equal('submitted');
    // Filed on 2 March: the March batch, closing at the end of 10 March (Shanghai).
    const [timer] = await svc.service.db.knex('timers').where({ application_id: id });
    expect(timer.due_at).to.equal('2026-03-10T15:59:59.999Z');
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
    const decided = await view(id);
    expect(decided.status).to.equal('conditional_pass');
    expect(decided.outcome).to.equal('passed-with-conditions');
    expect(decided.conditions).to.deep.equal(['用地红线按规划调整', '三年内达产']);
    expect(decided.decisions[0].ballots).to.have.length(5);
    expect(decided.decisions[0].tally).to.deep.equal({
      pass: 3,
      'pass-with-conditions': 1,
      defer: 0,
      reject: 1,
    });
    const messages = await svc.request('GET', '/api/v1/notifications', { token: who.applicant });
    const notice = messages.body.items.find((m: { code: string }) => m.code === 'review-decided');
    expect(notice.text).to.contain('有条件通过').and.contain('三年内达产');
    // The conditions appear on the project's later cases, as items to confirm.
    const permit = await createDraft(svc, who.applicant, {
      workflow: 'construction-permit',
      project: { ...permitProject, code: '2026-360202-30-01-000017' },
      form: permitForm,
    });
    const later = await svc.request('GET', casePath(permit), { token: who.applicant });
    expect(later.body.reviewConditions).to.deep.equal([
      { review: id, decidedAt: decided.decisions[0].at, conditions: ['用地红线按规划调整', '三年内达产'] },
    ]);
    const unrelated = await svc.request(
      'GET',
      casePath(await fileProposal(svc, who.applicant, PROPOSAL, freshProject())),
      {
        token: who.applicant,
      },
    );
    expect(unrelated.body).not.to.have.property('reviewConditions');
  });

  it('should move the batch on by the cut-off timer at the end of the cut-off day', async () => {
    const id = await fileProposal(svc, who.applicant, PROPOSAL, freshProject());
    svc.clock.set('2026-03-10T16:00:00Z');
    await fireDueTimers(svc.service.db, svc.service.engine);
    svc.clock.set('2026-03-02T09:00:00+08:00');
    const app = (await svc.request('GET', casePath(id), { token: who.applicant })).body;
    expect(app.status).to.equal('in_review');
    const history = (await svc.request('GET', casePath(id, '/history'), { token: who.applicant })).body;
    expect(history.items.map((h: { type: string }) => h.type)).to.include('CUT_OFF');
  });

  it('should flag the entry thresholds a proposal misses, and still review it', async () => {
    const id = await fileProposal(
      svc,
      who.applicant,
      {
        ...PROPOSAL,
        investmentYuan: 250_000_000,
        taxPerYearYuan: 20_000_000,
        floorAreaRatio: 0.8,
        coverage: 0.35,
      },
      freshProject(),
    );
    expect((await view(id)).flags).to.deep.equal([
      'investment-per-mu',
      'tax-per-mu',
      'floor-area-ratio',
      'coverage',
    ]);
    expect((await view(id)).status).to.equal('submitted');
  });

  it('should keep every ballot sealed until the last present member has voted', async () => {
    const { id, panel } = await inMeeting();
    for (const expert of panel.slice(0, 4)) {
      expect((await vote(svc, rp, id, expert, ballot('pass'))).status).to.equal(200);
    }
    const before = await view(id);
    expect(before.meeting).to.deep.include({ voted: 4, present: 5, sealed: true });
    expect(before.decisions).to.deep.equal([]);
    const auditor = await svc.request('GET', `${REVIEWS}/${id}`, { token: who.auditor });
    expect(JSON.stringify(auditor.body)).not.to.contain('"vote"');
    const asMember = await svc.request('GET', `${REVIEWS}/${id}`, { token: rp.expert(panel[0]!) });
    expect(asMember.body.decisions).to.deep.equal([]);
    // The case's record holds seals only; the applicant reads no vote in it.
    const history = (await svc.request('GET', casePath(id, '/history'), { token: who.applicant })).body;
    const votes = history.items.filter((h: { type: string }) => h.type === 'VOTE');
    expect(votes).to.have.length(4);
    for (const v of votes) expect(Object.keys(v.data).sort()).to.deep.equal(['expert', 'meeting', 'seal']);
    expect((await vote(svc, rp, id, panel[0]!, ballot('reject'))).status).to.equal(409);
    expect((await vote(svc, rp, id, panel[4]!, ballot('pass'))).status).to.equal(200);
    const after = await view(id);
    expect(after.meeting.sealed).to.equal(false);
    expect(after.status).to.equal('passed');
    // Each opened ballot matches the seal recorded when it was cast.
    const { createHash } = await import('node:crypto');
    const { canonicalJson } = await import('../../src/json/canonical-json.ts');
    const full = (await svc.request('GET', casePath(id, '/history'), { token: who.auditor })).body.items;
    const seals = new Map(
      full.filter((h: any) => h.type === 'VOTE').map((h: any) => [h.data.expert, h.data.seal]),
    );
    for (const opened of after.decisions[0].ballots) {
      const { expert, salt, castAt: _c, weightedScore: _w, ...cast } = opened;
      const seal = createHash('sha256').update(canonicalJson(cast)).update(salt).digest('hex');
      expect(seal, expert).to.equal(seals.get(expert));
    }
  });

  it('should replace a recused member with the next expert of the same draw, which the auditor can re-run', async () => {
    const id = await fileProposal(svc, who.applicant, PROPOSAL, freshProject());
    await preReviewed(svc, rp, id, '2026-03');
    const panel = await drawn(svc, rp, id, 'recusal-seed-7');
    const eligible = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6'];
    const spare = eligible.find((e) => !panel.includes(e))!;
    const recused = await svc.request('POST', `${REVIEWS}/${id}/declaration`, {
      token: rp.expert(panel[2]!),
      body: { conflict: true, ground: 'consulted-for', note: '曾为申请人提供咨询' },
    });
    expect(recused.status, JSON.stringify(recused.body)).to.equal(200);
    const seated = recused.body.panel.map((p: { expert: string }) => p.expert);
    expect(seated).to.deep.equal(panel.map((e) => (e === panel[2] ? spare : e)));
    // The recused expert no longer reaches the review.
    expect((await svc.request('GET', `${REVIEWS}/${id}`, { token: rp.expert(panel[2]!) })).status).to.equal(
      404,
    );
    const check = await svc.request('GET', `${REVIEWS}/${id}/draw`, { token: who.auditor });
    expect(check.status).to.equal(200);
    expect(check.body.matches).to.equal(true);
    expect(check.body.draws[0].draw.eligible).to.deep.equal(eligible);
    expect(check.body.draws[0].replacements[0]).to.deep.include({
      expert: panel[2],
      replacement: spare,
      pick: 5,
    });
    // The same seed on the same roster draws the same panel in another review of another project.
    const again = await fileProposal(svc, who.applicant, PROPOSAL, freshProject());
    await preReviewed(svc, rp, again, '2026-03');
    expect(await drawn(svc, rp, again, 'recusal-seed-7')).to.deep.equal(panel);
  });

  it("should let the officer decide the investor's objection: upheld draws a replacement, dismissed keeps the member", async () => {
    const id = await fileProposal(svc, who.applicant, PROPOSAL, freshProject());
    await preReviewed(svc, rp, id, '2026-03');
    const panel = await drawn(svc, rp, id, 'objection-seed');
    for (const expert of panel.slice(0, 2)) {
      await sendOk(svc, who.applicant, id, {
        type: 'OBJECTION',
        comment: '该专家曾在竞争企业任职',
        data: { expert },
      });
    }
    const decide = (expert: string, upheld: boolean) =>
      svc.request('POST', `${REVIEWS}/${id}/objections/${expert}/decision`, {
        token: rp.officer,
        body: { upheld, comment: upheld ? '理由成立' : '理由不成立' },
      });
    expect((await decide(panel[0]!, true)).status).to.equal(200);
    expect((await decide(panel[1]!, false)).status).to.equal(200);
    expect((await decide(panel[1]!, false)).status).to.equal(409);
    const seated = (await view(id)).panel.map((p: { expert: string }) => p.expert);
    expect(seated).not.to.include(panel[0]);
    expect(seated).to.include(panel[1]);
    expect((await svc.request('GET', `${REVIEWS}/${id}/draw`, { token: who.auditor })).body.matches).to.equal(
      true,
    );
  });

  it('should void a meeting without quorum, keep its ballots sealed and draw the panel again', async () => {
    const { id, panel } = await inMeeting('quorum-seed');
    await vote(svc, rp, id, panel[0]!, ballot('pass'));
    for (const expert of panel.slice(3)) {
      const absent = await svc.request('POST', `${REVIEWS}/${id}/absences`, {
        token: rp.officer,
        body: { expert },
      });
      expect(absent.status, JSON.stringify(absent.body)).to.equal(200);
    }
    const voided = await view(id);
    expect(voided.outcome).to.equal('no-quorum');
    expect(voided.decisions[0]).to.deep.include({ outcome: 'no-quorum' });
    expect(voided.decisions[0]).not.to.have.property('ballots');
    expect(await drawn(svc, rp, id, 'quorum-seed-2')).to.have.length(5);
  });

  it('should reject, with the reasons on the record and in the notice', async () => {
    const { id, panel } = await inMeeting('reject-seed');
    for (const [i, expert] of panel.entries()) {
      await vote(svc, rp, id, expert, ballot(i < 3 ? 'reject' : 'pass'));
    }
    const decided = await view(id);
    expect(decided.status).to.equal('rejected');
    expect(decided.decisions[0].reasons).to.deep.equal(['tax-yield']);
    const messages = (await svc.request('GET', '/api/v1/notifications', { token: who.applicant })).body.items;
    const notice = messages.find((m: { applicationId: string }) => m.applicationId === id);
    expect(notice.text).to.contain('不通过').and.contain('亩均税收不足');
  });

  it('should defer to the investor with a timer, then decide at the next meeting', async () => {
    const { id, panel } = await inMeeting('defer-seed');
    for (const [i, expert] of panel.entries())
      await vote(svc, rp, id, expert, ballot(i < 3 ? 'defer' : 'pass'));
    const deferred = (await svc.request('GET', casePath(id), { token: who.applicant })).body;
    expect(deferred.status).to.equal('supplementing');
    const [timer] = await svc.service.db
      .knex('timers')
      .where({ application_id: id, timer_key: 'information-due' });
    expect(timer).to.not.equal(undefined);
    await sendOk(svc, who.applicant, id, { type: 'PROVIDE_INFORMATION', comment: '补充了环评批复' });
    expect((await view(id)).meeting).to.deep.include({ number: 2, voted: 0, sealed: true });
    for (const expert of panel) await vote(svc, rp, id, expert, ballot('pass'));
    expect((await view(id)).status).to.equal('passed');
  });

  it('should end a deferred proposal as lapsed when the investor does not answer in time', async () => {
    const { id, panel } = await inMeeting('lapse-seed');
    for (const [i, expert] of panel.entries())
      await vote(svc, rp, id, expert, ballot(i < 3 ? 'defer' : 'pass'));
    const [timer] = await svc.service.db
      .knex('timers')
      .where({ application_id: id, timer_key: 'information-due' });
    // 10 working days after Monday 2 March 2026 (no holiday in between): Monday 16 March, end of day.
    expect(timer.due_at).to.equal('2026-03-16T15:59:59.999Z');
    svc.clock.set('2026-03-16T16:00:00Z');
    await fireDueTimers(svc.service.db, svc.service.engine);
    svc.clock.set('2026-03-02T09:00:00+08:00');
    expect((await svc.request('GET', casePath(id), { token: who.applicant })).body.status).to.equal('lapsed');
  });
});

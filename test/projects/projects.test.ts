import { expect } from 'chai';
import { completionAcceptanceApplication, minimalInspections } from '../fixtures/completion-acceptance.ts';
import { landPlanningApplication, landPlanningProject } from '../fixtures/land-planning.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { acceptedCase, approveAll, createDraft, expectProblem, sendOk } from '../support/http.ts';
import { inspect } from '../support/inspections.ts';
import { licensedProject, minimalPermitForm } from '../support/licences.ts';
import { activeDelegation, agentToken, delegationAction, FAR } from '../support/delegation.ts';
import { withService } from '../support/with-service.ts';

/*
 * One project carried through the four stages over the real API: stage 1 (land-planning), stages 2 and 3 (the
 * construction permit) and stage 4 (completion acceptance). Working days below are counted by hand from the
 * published 2026 calendar (db/seeds/cn-working-calendar.json), from the working day after acceptance: March
 * 2026 has no holiday; Qingming is 4–6 April 2026 (Saturday to Monday).
 */

const CODE = landPlanningProject.code;
const projectPath = (code: string) => `/api/v1/projects/${encodeURIComponent(code)}`;
const at = (local: string) => `${local}+08:00`;

describeEachDatabase('projects', (kind) => {
  const t = withService(kind);
  const ids = { landPlanning: '', permit: '', completion: '' };

  before(async function () {
    this.timeout(120_000);
    const { svc, who } = t;
    // Stage 1, accepted Monday 2 March; natural resources asks for papers on Wednesday 4 March, which arrive
    // on Monday 9 March (3 working days stopped: 5, 6, 9); issued Friday 13 March: 9 working days, 6 net.
    svc.clock.set(at('2026-03-02T10:00:00'));
    ids.landPlanning = await acceptedCase(svc, who, landPlanningApplication());
    svc.clock.set(at('2026-03-03T10:00:00'));
    await approveAll(svc, who, ids.landPlanning, ['development-reform']);
    svc.clock.set(at('2026-03-04T10:00:00'));
    await sendOk(svc, who.clerk('natural-resources'), ids.landPlanning, {
      type: 'REQUEST_SUPPLEMENT',
      department: 'natural-resources',
      comment: 'the site-selection map at 1:2000 is missing',
    });
    svc.clock.set(at('2026-03-09T10:00:00'));
    await sendOk(svc, who.applicant, ids.landPlanning, { type: 'SUPPLEMENT' });
    svc.clock.set(at('2026-03-10T10:00:00'));
    await approveAll(svc, who, ids.landPlanning, ['natural-resources']);
    svc.clock.set(at('2026-03-12T10:00:00'));
    await approveAll(svc, who, ids.landPlanning, ['planning']);
    svc.clock.set(at('2026-03-13T10:00:00'));
    await sendOk(svc, who.clerk('window'), ids.landPlanning, { type: 'ISSUE' });

    // Stages 2 and 3, accepted Monday 16 March, issued Thursday 19 March: 3 working days.
    svc.clock.set(at('2026-03-16T10:00:00'));
    ids.permit = await acceptedCase(svc, who, {
      workflow: 'construction-permit',
      project: licensedProject,
      form: minimalPermitForm,
    });
    svc.clock.set(at('2026-03-18T10:00:00'));
    await approveAll(svc, who, ids.permit, ['planning', 'housing']);
    svc.clock.set(at('2026-03-19T10:00:00'));
    await sendOk(svc, who.clerk('window'), ids.permit, { type: 'ISSUE' });
    const licence = await svc.service.db
      .knex('licences')
      .where({ application_id: ids.permit })
      .first('number');

    // Stage 4, accepted Thursday 2 April, issued Tuesday 7 April across Qingming: 3 and 7 April, 2 working days.
    svc.clock.set(at('2026-04-02T10:00:00'));
    const completion = completionAcceptanceApplication();
    completion.form = {
      constructionPermitNo: String(licence.number),
      completedOn: '2026-03-31',
      useCategory: 'industrial',
      floorAreaM2: 18500,
      constructionUnit: { uscc: '91310115591693856A', name: 'Changjiang Construction Engineering Co.' },
    };
    ids.completion = await acceptedCase(svc, who, completion);
    svc.clock.set(at('2026-04-03T10:00:00'));
    for (const item of minimalInspections) await inspect(t, ids.completion, item);
    svc.clock.set(at('2026-04-07T10:00:00'));
    await sendOk(svc, who.clerk('window'), ids.completion, { type: 'ISSUE' });
  });

  it('should show the project across its four stages with every case, its status and its figures', async () => {
    const response = await t.svc.request('GET', projectPath(CODE), { token: t.who.applicant });
    expect(response.status, JSON.stringify(response.body)).to.equal(200);
    const project = response.body;
    expect(project).to.include({ code: CODE, name: landPlanningProject.name, projectType: 'industrial' });
    expect(project.enterprise.uscc).to.equal('91310115591693856A');
    expect(project.codeForm).to.equal('legacy');
    expect(
      project.stages.map((s: { stage: number; progress: string; cases: string[] }) => [
        s.stage,
        s.progress,
        s.cases,
      ]),
    ).to.deep.equal([
      [1, 'done', [ids.landPlanning]],
      [2, 'done', [ids.permit]],
      [3, 'done', [ids.permit]],
      [4, 'done', [ids.completion]],
    ]);
    const figures = Object.fromEntries(
      project.cases.map((c: { id: string; status: string; figures: object }) => [
        c.id,
        [c.status, c.figures],
      ]),
    );
    expect(figures[ids.landPlanning]).to.deep.equal([
      'approved',
      {
        workingDays: 9,
        governmentWorkingDays: 6,
        applicantWorkingDays: 3,
        specialProcedureWorkingDays: 0,
        limitWorkingDays: 45,
        onTime: true,
      },
    ]);
    expect(figures[ids.permit][1]).to.include({
      workingDays: 3,
      governmentWorkingDays: 3,
      applicantWorkingDays: 0,
    });
    expect(figures[ids.completion]).to.deep.equal([
      'concluded',
      {
        workingDays: 2,
        governmentWorkingDays: 2,
        applicantWorkingDays: 0,
        specialProcedureWorkingDays: 0,
        limitWorkingDays: 7,
        onTime: true,
      },
    ]);
  });

  it('should total the government working days once per case against the national target for its type', async () => {
    const { body } = await t.svc.request('GET', projectPath(CODE), { token: t.who.auditor });
    expect(body.totals).to.deep.equal({
      governmentWorkingDays: 11,
      applicantWorkingDays: 3,
      specialProcedureWorkingDays: 0,
      preConstructionWorkingDays: 9,
      completionWorkingDays: 2,
      withinTarget: true,
    });
    expect(body.target).to.include({ profile: 'national', total: 120 });
    expect(body.stages.map((s: { governmentWorkingDays: number }) => s.governmentWorkingDays)).to.deep.equal([
      6, 3, 3, 2,
    ]);
  });

  it('should find the project by its code in lower case, with spaces, or without hyphens', async () => {
    for (const code of [CODE.toLowerCase(), ` ${CODE} `, CODE.replaceAll('-', '')]) {
      const response = await t.svc.request('GET', projectPath(code), { token: t.who.applicant });
      expect(response.status, code).to.equal(200);
      expect(response.body.code).to.equal(CODE);
    }
  });

  it('should answer 400 naming the rule for a code that breaks one, and 404 for a code nobody filed', async () => {
    const bad = await t.svc.request('GET', projectPath('2026-990200-48-01-000173'), { token: t.who.auditor });
    expectProblem(bad, 400, 'malformed-request');
    expect(bad.body.code).to.equal('bad-project-code');
    expect(bad.body.errors.map((e: { code: string }) => e.code)).to.deep.equal(['project-code-region']);
    const unknown = await t.svc.request('GET', projectPath('2026-360200-48-01-999999'), {
      token: t.who.auditor,
    });
    expectProblem(unknown, 404, 'not-found');
  });

  it('should hide the project from another enterprise, from a clerk of an uninvolved department, and from nobody', async () => {
    expectProblem(
      await t.svc.request('GET', projectPath(CODE), { token: t.who.otherApplicant }),
      404,
      'not-found',
    );
    expectProblem(
      await t.svc.request('GET', projectPath(CODE), { token: t.who.clerk('environment') }),
      404,
      'not-found',
    );
    expect((await t.svc.request('GET', projectPath(CODE))).status).to.equal(401);
    const other = await t.svc.request('GET', '/api/v1/projects', { token: t.who.otherApplicant });
    expect(other.body.items).to.deep.equal([]);
  });

  it('should show a clerk of an involved department every submitted case of the project, read only', async () => {
    const response = await t.svc.request('GET', projectPath(CODE), {
      token: t.who.clerk('natural-resources'),
    });
    expect(response.status).to.equal(200);
    expect(response.body.cases.map((c: { id: string }) => c.id)).to.deep.equal([
      ids.landPlanning,
      ids.permit,
      ids.completion,
    ]);
    const write = await t.svc.request('POST', projectPath(CODE), { token: t.who.auditor, body: {} });
    expect(write.status).to.be.oneOf([404, 405]);
  });

  it('should show an agent the cases of the project its active agreement covers, and nothing after it ends', async () => {
    const agent = agentToken(t.svc, 'agent-zhou');
    const none = await t.svc.request('GET', projectPath(CODE), { token: agent });
    expectProblem(none, 404, 'not-found');
    const id = await activeDelegation(t.svc, t.who.applicant, agent, {
      agent: 'agent-zhou',
      stages: [1],
      expiresAt: FAR,
    });
    const seen = await t.svc.request('GET', projectPath(CODE), { token: agent });
    expect(seen.status, JSON.stringify(seen.body)).to.equal(200);
    expect(seen.body.cases.map((c: { id: string }) => c.id)).to.deep.equal([ids.landPlanning]);
    expect((await delegationAction(t.svc, t.who.applicant, id, 'revoke')).status).to.equal(200);
    expectProblem(await t.svc.request('GET', projectPath(CODE), { token: agent }), 404, 'not-found');
  });

  it('should accept a case whose code ends in a GB/T 40058 check letter, with a warning on the case and the project', async () => {
    const code = '2026-360202-48-01-01234X';
    const id = await createDraft(t.svc, t.who.otherApplicant, {
      workflow: 'land-planning',
      project: { ...landPlanningProject, code },
      form: landPlanningApplication().form,
    });
    const warning = { pointer: '/project/code', code: 'project-code-unverified' };
    const view = await t.svc.request('GET', `/api/v1/applications/${id}`, { token: t.who.otherApplicant });
    expect(
      view.body.warnings.map((w: { pointer: string; code: string }) => ({
        pointer: w.pointer,
        code: w.code,
      })),
    ).to.deep.equal([warning]);
    const project = await t.svc.request('GET', projectPath(code), { token: t.who.otherApplicant });
    expect(project.body.codeForm).to.equal('gbt-40058');
    expect(project.body.warnings.map((w: { code: string }) => w.code)).to.deep.equal([
      'project-code-unverified',
    ]);
  });

  it('should list the projects the caller may see, page by page', async () => {
    t.svc.clock.set(at('2026-04-08T10:00:00'));
    await createDraft(t.svc, t.who.applicant, {
      workflow: 'land-planning',
      project: { ...landPlanningProject, code: '2026-360200-48-01-000174', name: 'Building 4' },
      form: landPlanningApplication().form,
    });
    const first = await t.svc.request('GET', '/api/v1/projects?limit=1', { token: t.who.applicant });
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    expect(first.body.items.map((p: { code: string }) => p.code)).to.deep.equal(['2026-360200-48-01-000174']);
    const second = await t.svc.request('GET', `/api/v1/projects?limit=1&cursor=${first.body.nextCursor}`, {
      token: t.who.applicant,
    });
    expect(second.body.items.map((p: { code: string }) => p.code)).to.deep.equal([CODE]);
    expect(second.body.nextCursor).to.equal(null);
    const clerk = await t.svc.request('GET', '/api/v1/projects', { token: t.who.clerk('housing') });
    expect(clerk.body.items.map((p: { code: string }) => p.code)).to.deep.equal([CODE]);
  });

  it("should keep the enterprise's draft of the project from the clerks, not from the enterprise", async () => {
    const draft = await createDraft(t.svc, t.who.applicant, landPlanningApplication());
    const clerk = await t.svc.request('GET', projectPath(CODE), { token: t.who.clerk('natural-resources') });
    expect(clerk.body.cases.map((c: { id: string }) => c.id)).to.not.include(draft);
    const own = await t.svc.request('GET', projectPath(CODE), { token: t.who.applicant });
    expect(own.body.cases.map((c: { id: string }) => c.id)).to.include(draft);
    expect(own.body.stages[0].progress).to.equal('done');
  });
});

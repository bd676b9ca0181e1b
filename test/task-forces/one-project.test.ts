import { expect } from 'chai';
import { dayToIso, shanghaiDay } from '../../src/calendar/index.ts';
import { sweepLights } from '../../src/task-forces/index.ts';
import { loadSupervisionRules } from '../../src/task-forces/supervision-rules.ts';
import { completionAcceptanceApplication, minimalInspections } from '../fixtures/completion-acceptance.ts';
import { landPlanningApplication } from '../fixtures/land-planning.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { acceptedCase, approveAll, sendOk, startTestService, type TestService } from '../support/http.ts';
import { inspect } from '../support/inspections.ts';
import { issuedPermitLicence, licensedProject } from '../support/licences.ts';
import {
  formTaskForce,
  PROJECT,
  projectPath,
  projectPeople,
  type ProjectPeople,
} from '../support/task-forces.ts';

/*
 * Issue 16, done when: one key project carried through the four stages over the real API on both databases —
 * land-planning (stage 1), the construction permit at its current version (stages 2 and 3), the completion
 * acceptance (stage 4) — with its plan's stage milestones filling themselves, its light changing under a fixed
 * clock and recovering, an issue escalated by the second dispatch, a re-baseline approved by the responsible
 * leader, the reports counting it, and GET /api/v1/projects/{code} agreeing with the plan's actual dates.
 *
 * The lights are worked out by hand from db/seeds/project-supervision-rules.json: a next milestone 7 days late
 * is yellow, 10 points behind the planned progress is yellow, two 14-day periods without a milestone are
 * yellow. Milestone dates are calendar days; every day named below is a working day of the published 2026
 * calendar (db/seeds/cn-working-calendar.json).
 */

const rules = loadSupervisionRules();

/** The plan: 11 milestones; stage 1 is due on Friday 13 March, works start on Friday 3 April. */
const PLAN = {
  signing: '2026-01-26',
  'land-supply': '2026-02-10',
  'code-assigned': '2026-02-26',
  'stage-1': '2026-03-13',
  'stage-2': '2026-03-27',
  'stage-3': '2026-03-27',
  'works-started': '2026-04-03',
  'topped-out': '2026-06-30',
  completion: '2026-09-30',
  'stage-4': '2026-10-23',
  production: '2026-11-30',
};

describeEachDatabase('one key project through the four stages', (kind) => {
  let svc: TestService;
  let who: ProjectPeople;
  const ids = { landPlanning: '', permit: '', completion: '' };
  const at = (local: string) => svc.clock.set(`${local}+08:00`);
  const sweep = () =>
    sweepLights({ db: svc.service.db, rules: rules.lights, webhook: false }, svc.clock.now());
  const plan = async () => {
    const r = await svc.request('GET', projectPath('/plan'), { token: who.leader });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    return r.body;
  };
  const actual = async (milestone: string) =>
    (await plan()).milestones.find((m: { milestone: string }) => m.milestone === milestone);
  const enter = async (milestone: string, actualOn: string) => {
    const r = await svc.request('PUT', projectPath(`/plan/milestones/${milestone}`), {
      token: who.officer,
      body: { actualOn },
    });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
  };
  const report = (path: string) => svc.request('GET', `/api/v1/reports/${path}`, { token: who.auditor });

  before(async () => {
    svc = await startTestService(kind);
    who = projectPeople(svc);
  });
  after(async () => {
    await svc?.close();
  });

  it('should take the task force and the first baseline, the milestones before the approvals, and stage 1 filed', async () => {
    at('2026-03-02T09:00:00');
    await formTaskForce(svc, who);
    const first = await svc.request('POST', projectPath('/plan/baselines'), {
      token: who.officer,
      body: { planned: PLAN },
    });
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    expect(first.body).to.include({ version: 1, stage: 1 });
    await enter('signing', '2026-01-26');
    await enter('land-supply', '2026-02-10');
    await enter('code-assigned', '2026-02-26');
    expect(await sweep()).to.deep.equal({ evaluated: 1, changed: [] });

    at('2026-03-02T10:00:00');
    ids.landPlanning = await acceptedCase(svc, who, landPlanningApplication());
    // Natural resources asks for papers on Wednesday 4 March; they arrive on Monday 9 March: the clock stands
    // on 5, 6 and 9 March, 3 working days of the enterprise's.
    at('2026-03-04T10:00:00');
    await approveAll(svc, who, ids.landPlanning, ['development-reform']);
    await sendOk(svc, who.clerk('natural-resources'), ids.landPlanning, {
      type: 'REQUEST_SUPPLEMENT',
      department: 'natural-resources',
      comment: 'the site-selection map at 1:2000 is missing',
    });
  });

  it('should escalate an issue still open at the second weekly dispatch, and only that one', async () => {
    at('2026-03-03T10:00:00');
    const raise = (body: object) =>
      svc.request('POST', projectPath('/issues'), { token: who.leadClerk, body });
    const stuck = (await raise({ title: '施工用电接入滞后', owner: '区供电公司', deadline: '2026-03-13' }))
      .body;
    at('2026-03-06T09:00:00');
    const first = await svc.request('POST', '/api/v1/dispatches', { token: who.admin, body: {} });
    expect(first.body.escalated).to.deep.equal([]);
    at('2026-03-09T10:00:00');
    const solved = (await raise({ title: '临时占道审批', owner: '区城管局', deadline: '2026-03-20' })).body;
    await sendOk(svc, who.applicant, ids.landPlanning, { type: 'SUPPLEMENT' });
    at('2026-03-10T10:00:00');
    await approveAll(svc, who, ids.landPlanning, ['natural-resources']);
    const resolve = await svc.request('PATCH', projectPath(`/issues/${solved.id}`), {
      token: who.officer,
      body: { status: 'resolved' },
    });
    expect(resolve.body.status).to.equal('resolved');
    at('2026-03-13T09:00:00');
    const second = await svc.request('POST', '/api/v1/dispatches', { token: who.admin, body: {} });
    expect(second.status).to.equal(201);
    expect(second.body.escalated.map((i: { id: string }) => i.id)).to.deep.equal([stuck.id]);
    const issues = (await svc.request('GET', projectPath('/issues'), { token: who.leader })).body.items;
    const byId = new Map(issues.map((i: { id: string }) => [i.id, i]));
    expect(byId.get(stuck.id)).to.include({ status: 'open', escalatedByDispatch: second.body.dispatch.id });
    expect(byId.get(solved.id)).to.include({ status: 'resolved', escalatedAt: null });
  });

  it('should turn yellow when stage 1 is 10 days late, date stage 1 from its issue, and recover the next day', async () => {
    at('2026-03-20T10:00:00');
    await approveAll(svc, who, ids.landPlanning, ['planning']);
    expect((await actual('stage-1')).actualOn).to.equal(null);

    at('2026-03-23T08:00:00');
    expect((await sweep()).changed).to.deep.equal([{ code: PROJECT, light: 'yellow', previous: null }]);
    expect((await plan()).light.reasons).to.deep.equal([
      { rule: 'slip', light: 'yellow', value: 10, threshold: 7, milestone: 'stage-1' },
    ]);

    at('2026-03-23T10:00:00');
    await sendOk(svc, who.clerk('window'), ids.landPlanning, { type: 'ISSUE' });
    expect(await actual('stage-1')).to.include({
      actualOn: '2026-03-23',
      source: 'case',
      applicationId: ids.landPlanning,
    });
    at('2026-03-24T08:00:00');
    expect((await sweep()).changed).to.deep.equal([{ code: PROJECT, light: 'green', previous: 'yellow' }]);
  });

  it('should date stages 2 and 3 from the construction permit of the current version', async () => {
    at('2026-03-26T10:00:00');
    ids.permit = (await issuedPermitLicence({ svc, who }, { ...licensedProject })).caseId;
    for (const stage of ['stage-2', 'stage-3']) {
      expect(await actual(stage)).to.include({ actualOn: '2026-03-26', applicationId: ids.permit });
    }
    const project = (await svc.request('GET', `/api/v1/projects/${PROJECT}`, { token: who.auditor })).body;
    const permit = project.cases.find((c: { id: string }) => c.id === ids.permit);
    expect(permit).to.include({ workflow: 'construction-permit', workflowVersion: 2, status: 'approved' });
  });

  it("should count March's lights and issues alike in the projects' bulletin and the general one", async () => {
    at('2026-03-31T18:00:00');
    const general = (await report('monthly?at=2026-03-31')).body.keyProjects;
    expect(general).to.deep.equal({
      from: '2026-03-01',
      to: '2026-03-31',
      projects: 1,
      lights: { green: 1, yellow: 0, red: 0 },
      lightChanges: 2,
      recoveries: 1,
      issues: {
        open: 1,
        overdue: 1,
        escalated: 1,
        raised: 2,
        resolved: 1,
        resolvedOfRaised: 1,
        closureRate: 0.5,
      },
    });
    const projects = (await report('monthly/projects?at=2026-03-31')).body;
    expect(projects.figures).to.deep.equal(general);
    expect(projects.lightChanges.map((c: { light: string }) => c.light)).to.deep.equal(['yellow', 'green']);
  });

  it('should turn yellow when the works slip, and recover once the leader approves a re-baseline', async () => {
    at('2026-04-13T08:00:00');
    expect((await sweep()).changed).to.deep.equal([{ code: PROJECT, light: 'yellow', previous: 'green' }]);
    const agenda = (await report('weekly/projects')).body;
    expect(agenda.yellow.map((p: { projectCode: string }) => p.projectCode)).to.deep.equal([PROJECT]);
    expect((await report('weekly')).body.keyProjects).to.include({ lightChanges: 1, recoveries: 0 });

    at('2026-04-13T10:00:00');
    const proposed = await svc.request('POST', projectPath('/plan/baselines'), {
      token: who.officer,
      body: { planned: { ...PLAN, 'works-started': '2026-05-11' }, reason: '施工图审查延后' },
    });
    expect(proposed.status, JSON.stringify(proposed.body)).to.equal(201);
    at('2026-04-14T09:00:00');
    const decided = await svc.request('POST', projectPath('/plan/baselines/2/decision'), {
      token: who.leader,
      body: { approve: true, comment: '同意' },
    });
    expect(decided.status, JSON.stringify(decided.body)).to.equal(200);
    expect(
      decided.body.baselines.map((b: { version: number; status: string }) => [b.version, b.status]),
    ).to.deep.equal([
      [2, 'in-force'],
      [1, 'superseded'],
    ]);
    expect((await sweep()).changed).to.deep.equal([{ code: PROJECT, light: 'green', previous: 'yellow' }]);
  });

  it('should date stage 4 from the completion certificate, leaving the plan without a stage to go', async () => {
    at('2026-04-20T10:00:00');
    await enter('works-started', '2026-04-20');
    at('2026-05-18T10:00:00');
    await enter('topped-out', '2026-05-06');
    await enter('completion', '2026-05-15');
    const licence = await svc.service.db
      .knex('licences')
      .where({ application_id: ids.permit })
      .first('number');
    const completion = completionAcceptanceApplication();
    completion.form = {
      constructionPermitNo: String(licence.number),
      completedOn: '2026-05-15',
      useCategory: 'industrial',
      floorAreaM2: 18500,
      constructionUnit: { uscc: '91310115591693856A', name: 'Changjiang Construction Engineering Co.' },
    };
    ids.completion = await acceptedCase(svc, who, completion);
    at('2026-05-19T10:00:00');
    for (const item of minimalInspections) await inspect({ svc, who }, ids.completion, item);
    at('2026-05-20T10:00:00');
    await sendOk(svc, who.clerk('window'), ids.completion, { type: 'ISSUE' });
    expect(await actual('stage-4')).to.include({ actualOn: '2026-05-20', applicationId: ids.completion });
    const after = await plan();
    expect(after).to.include({ version: 2, stage: null });
    expect(after.light.light).to.equal('green');
    expect(after.lightHistory.map((l: { light: string }) => l.light)).to.deep.equal([
      'green',
      'yellow',
      'green',
      'yellow',
    ]);
    expect((await sweep()).changed).to.deep.equal([]);
  });

  it("should show the project's four stages done on the days the plan's actual dates say", async () => {
    const project = (await svc.request('GET', `/api/v1/projects/${PROJECT}`, { token: who.leader })).body;
    const milestones = (await plan()).milestones;
    expect(project.stages.map((s: { progress: string }) => s.progress)).to.deep.equal([
      'done',
      'done',
      'done',
      'done',
    ]);
    const concluded = new Map(
      project.cases.map((c: { id: string; concludedAt: string }) => [
        c.id,
        dayToIso(shanghaiDay(c.concludedAt)),
      ]),
    );
    for (const stage of project.stages) {
      const milestone = milestones.find((m: { milestone: string }) => m.milestone === `stage-${stage.stage}`);
      expect(stage.cases, `stage ${stage.stage}`).to.include(milestone.applicationId);
      expect(concluded.get(milestone.applicationId), `stage ${stage.stage}`).to.equal(milestone.actualOn);
    }
    expect(
      milestones.map((m: { milestone: string; actualOn: string }) => [m.milestone, m.actualOn]),
    ).to.deep.equal([
      ['signing', '2026-01-26'],
      ['land-supply', '2026-02-10'],
      ['code-assigned', '2026-02-26'],
      ['stage-1', '2026-03-23'],
      ['stage-2', '2026-03-26'],
      ['stage-3', '2026-03-26'],
      ['works-started', '2026-04-20'],
      ['topped-out', '2026-05-06'],
      ['completion', '2026-05-15'],
      ['stage-4', '2026-05-20'],
      ['production', null],
    ]);
    const { delays, name } = await plan();
    expect(name).to.equal(project.name);
    expect(delays).to.include({
      cases: 3,
      decided: 3,
      governmentWorkingDays: project.totals.governmentWorkingDays,
      enterpriseWorkingDays: project.totals.applicantWorkingDays + project.totals.specialProcedureWorkingDays,
    });
    expect(project.totals.applicantWorkingDays).to.equal(3);
    expect(project.stages.map((s: { cases: string[] }) => s.cases)).to.deep.equal([
      [ids.landPlanning],
      [ids.permit],
      [ids.permit],
      [ids.completion],
    ]);
  });

  it("should keep the project's name from another enterprise's draft that names its code", async () => {
    const draft = await svc.request('POST', '/api/v1/applications', {
      token: who.otherApplicant,
      body: { workflow: 'land-planning', project: { code: PROJECT, name: 'Someone Else’s Plant' }, form: {} },
    });
    expect(draft.status, JSON.stringify(draft.body)).to.equal(201);
    const map = (await svc.request('GET', '/api/v1/battle-map', { token: who.leader })).body.items;
    expect(map.map((row: { name: string }) => row.name)).to.deep.equal([licensedProject.name]);
  });
});

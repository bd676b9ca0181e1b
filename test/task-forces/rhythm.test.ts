import { expect } from 'chai';
import { sweepLights } from '../../src/task-forces/index.ts';
import { loadSupervisionRules } from '../../src/task-forces/supervision-rules.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { acceptedCase, expectProblem, startTestService, type TestService } from '../support/http.ts';
import { issuedPermitLicence, licensedProject, minimalPermitForm } from '../support/licences.ts';
import {
  BASELINE,
  formTaskForce,
  getBytes,
  pdfText,
  PROJECT,
  projectPath,
  projectPeople,
  type ProjectPeople,
} from '../support/task-forces.ts';

/*
 * The supervision rhythm of a key project (issue 16, items 5–7), one story on a fixed clock: an issue list
 * escalated by the second weekly dispatch, lights changing under the sweep and recovering, and the weekly
 * agenda, biweekly findings and monthly bulletin listing what they should, as JSON and as PDFs read by
 * pdftotext.
 */

const rules = loadSupervisionRules();

describeEachDatabase('key projects rhythm', (kind) => {
  let svc: TestService;
  let who: ProjectPeople;
  let openCase: string;
  const at = (local: string) => svc.clock.set(`${local}+08:00`);
  const sweep = () =>
    sweepLights({ db: svc.service.db, rules: rules.lights, webhook: false }, svc.clock.now());
  const issues = (token: string) => svc.request('GET', projectPath('/issues'), { token });
  const raise = (token: string, body: object) => svc.request('POST', projectPath('/issues'), { token, body });
  const dispatch = (token: string) => svc.request('POST', '/api/v1/dispatches', { token, body: {} });
  const report = (path: string, token = who.auditor) =>
    svc.request('GET', `/api/v1/reports/${path}`, { token });
  const messages = async (token: string, code: string) =>
    (await svc.request('GET', '/api/v1/notifications', { token })).body.items.filter(
      (m: { code: string }) => m.code === code,
    );

  before(async () => {
    svc = await startTestService(kind);
    who = projectPeople(svc);
    await formTaskForce(svc, who);
    await svc.request('POST', projectPath('/plan/baselines'), {
      token: who.officer,
      body: { planned: BASELINE },
    });
    for (const [m, d] of [
      ['signing', '2026-01-05'],
      ['land-supply', '2026-01-20'],
      ['code-assigned', '2026-02-01'],
    ]) {
      await svc.request('PUT', projectPath(`/plan/milestones/${m}`), {
        token: who.officer,
        body: { actualOn: d },
      });
    }
    await issuedPermitLicence({ svc, who }, { ...licensedProject });
    openCase = await acceptedCase(svc, who, {
      workflow: 'construction-permit',
      project: licensedProject,
      form: minimalPermitForm,
    });
  });
  after(async () => {
    await svc?.close();
  });

  describe('the issue list and the weekly dispatch', () => {
    let first: string;
    let second: string;

    it('should take issues from the lead unit and show them to the enterprise, to nobody outside', async () => {
      at('2026-03-02T10:00:00');
      const r = await raise(who.leadClerk, {
        title: '施工用电接入滞后',
        owner: '区供电公司',
        deadline: '2026-03-13',
        measures: '协调供电公司',
      });
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      expect(r.body).to.include({ status: 'open', escalatedAt: null, owner: '区供电公司' });
      expect(r.headers.get('location')).to.equal(projectPath(`/issues/${r.body.id}`));
      first = r.body.id;
      expect((await issues(who.applicant)).body.items).to.have.length(1);
      expectProblem(await issues(who.otherApplicant), 404, 'not-found');
      expectProblem(
        await raise(who.applicant, { title: 'x', owner: 'y', deadline: '2026-03-13' }),
        403,
        'forbidden',
      );
      const badDate = await raise(who.officer, { title: 'x', owner: 'y', deadline: '2026-02-30' });
      expectProblem(badDate, 422, 'validation-failed');
      expect((await issues(who.admin)).body.items).to.have.length(1);
    });

    it('should record one dispatch a day, by an administrator only', async () => {
      at('2026-03-06T09:00:00');
      const held = await dispatch(who.admin);
      expect(held.status).to.equal(201);
      expect(held.body.dispatch).to.include({ heldOn: '2026-03-06' });
      expect(held.body.escalated).to.deep.equal([]);
      expectProblem(await dispatch(who.officer), 403, 'forbidden');
      expectProblem(await dispatch(who.admin), 409, 'dispatch-already-held');
    });

    it('should escalate at the second dispatch what is still unresolved, and tell the leader', async () => {
      at('2026-03-09T10:00:00');
      second = (
        await raise(who.officer, { title: '临时占道审批', owner: '区城管局', deadline: '2026-03-20' })
      ).body.id;
      at('2026-03-10T10:00:00');
      const patch = (token: string, body: object) =>
        svc.request('PATCH', projectPath(`/issues/${second}`), { token, body });
      expect((await patch(who.officer, { status: 'in-progress' })).body.status).to.equal('in-progress');
      expectProblem(await patch(who.applicant, { status: 'resolved' }), 403, 'forbidden');
      expect((await patch(who.leadClerk, { status: 'resolved' })).body).to.include({ status: 'resolved' });
      expectProblem(await patch(who.officer, { status: 'open' }), 409, 'issue-resolved');

      at('2026-03-13T09:00:00');
      const held = await dispatch(who.admin);
      expect(held.body.escalated.map((i: { id: string }) => i.id)).to.deep.equal([first]);
      const listed = (await issues(who.officer)).body.items;
      expect(listed.find((i: { id: string }) => i.id === first).escalatedByDispatch).to.equal(
        held.body.dispatch.id,
      );
      expect(listed.find((i: { id: string }) => i.id === second).escalatedAt).to.equal(null);
      const [told] = await messages(who.leader, 'issue-escalated');
      expect(told.text).to.include('施工用电接入滞后').and.include('提级至责任领导');
      expect(await messages(who.leadClerk, 'issue-escalated')).to.have.length(1);
      expect(await messages(who.clerk('fire'), 'issue-escalated')).to.deep.equal([]);
    });

    it('should put overdue and escalated issues on the weekly agenda, for the leadership only', async () => {
      at('2026-03-16T08:00:00');
      const agenda = (await report('weekly/projects')).body;
      expect(agenda.overdueIssues.map((i: { id: string }) => i.id)).to.deep.equal([first]);
      expect(agenda.escalatedIssues.map((i: { id: string }) => i.id)).to.deep.equal([first]);
      expect(agenda.red).to.deep.equal([]);
      expectProblem(await report('weekly/projects', who.applicant), 403, 'forbidden');
      expectProblem(await report('weekly/projects', who.officer), 403, 'forbidden');
      expectProblem(await report('weekly/projects?at=2026-02-30'), 400, 'malformed-request');
    });

    it("should count the month's issue closure rate in the monthly bulletin, JSON and PDF", async () => {
      at('2026-03-31T18:00:00');
      const monthly = (await report('monthly/projects?at=2026-03-31')).body;
      expect(monthly.issues).to.deep.equal({ raised: 2, resolved: 1, resolvedOfRaised: 1, closureRate: 0.5 });
      // Four weeks since the permit, the last milestone reached: two supervision periods without progress.
      expect(monthly.lights).to.deep.equal({ green: 0, yellow: 1, red: 0 });
      const pdf = await getBytes(svc, '/api/v1/reports/monthly/projects/pdf?at=2026-03-31', who.leader);
      expect(pdf.status).to.equal(200);
      expect(pdf.type).to.equal('application/pdf');
      const text = pdfText(pdf.bytes);
      expect(text).to.include('重点项目月度通报（2026-03）');
      expect(text).to.include('办结率 50%');
      expect(text).to.include('绿灯 0 个，黄灯 1 个，红灯 0 个');
    });

    it('should carry the same key-project figures in the general weekly, biweekly and monthly reports', async () => {
      const issues = { open: 1, overdue: 1, escalated: 1 };
      const none = { raised: 0, resolved: 0, resolvedOfRaised: 0, closureRate: null };
      const lights = { green: 0, yellow: 1, red: 0 };
      const expected = {
        weekly: { from: '2026-03-25', to: '2026-03-31', issues: { ...issues, ...none } },
        biweekly: { from: '2026-03-18', to: '2026-03-31', issues: { ...issues, ...none } },
        monthly: {
          from: '2026-03-01',
          to: '2026-03-31',
          issues: { ...issues, raised: 2, resolved: 1, resolvedOfRaised: 1, closureRate: 0.5 },
        },
      };
      for (const [name, period] of Object.entries(expected)) {
        const general = (await report(`${name}?at=2026-03-31`)).body.keyProjects;
        expect(general, name).to.deep.equal({
          ...period,
          projects: 1,
          lights,
          lightChanges: 0,
          recoveries: 0,
        });
        expect((await report(`${name}/projects?at=2026-03-31`)).body.figures, name).to.deep.equal(general);
      }
    });
  });

  describe('the lights', () => {
    it('should stay unrecorded while the project is green', async () => {
      at('2026-03-16T08:00:00');
      expect(await sweep()).to.deep.equal({ evaluated: 1, changed: [] });
    });

    it('should turn red when works have not started 40 days after plan, and tell the task force', async () => {
      at('2026-05-20T08:00:00');
      expect((await sweep()).changed).to.deep.equal([{ code: PROJECT, light: 'red', previous: null }]);
      const plan = (await svc.request('GET', projectPath('/plan'), { token: who.applicant })).body;
      expect(plan.lightHistory).to.have.length(1);
      expect(plan.lightHistory[0]).to.include({ light: 'red', previous: null, evaluatedOn: '2026-05-20' });
      expect(plan.lightHistory[0].reasons.map((r: { rule: string }) => r.rule)).to.include('slip');
      const [told] = await messages(who.leader, 'light-changed');
      expect(told.text).to.include('红灯').and.include('开工滞后49天');
      expect(await messages(who.applicant, 'light-changed')).to.have.length(1);
    });

    it('should list the red project and the approvals due on the weekly agenda, and print it', async () => {
      const agenda = (await report('weekly/projects')).body;
      expect(agenda.red.map((p: { projectCode: string }) => p.projectCode)).to.deep.equal([PROJECT]);
      expect(agenda.approvalsDue).to.have.length(1);
      expect(agenda.approvalsDue[0]).to.include({ id: openCase, overdue: true });
      const text = pdfText((await getBytes(svc, '/api/v1/reports/weekly/projects/pdf', who.admin)).bytes);
      expect(text).to.include('重点项目周调度议程');
      expect(text).to.include('红灯项目');
      expect(text).to.include(licensedProject.name);
      expect(text).to.include('【已超期】');
      expect(text).to.include('办结时限 2026年5月8日');
    });

    it('should recover to green once works start, once, and keep the change in the history', async () => {
      await svc.request('PUT', projectPath('/plan/milestones/works-started'), {
        token: who.officer,
        body: { actualOn: '2026-05-18' },
      });
      expect((await sweep()).changed).to.deep.equal([{ code: PROJECT, light: 'green', previous: 'red' }]);
      expect((await sweep()).changed).to.deep.equal([]);
      const findings = (await report('biweekly/projects')).body;
      expect(
        findings.lightChanges.map((c: { light: string; recovery: boolean }) => [c.light, c.recovery]),
      ).to.deep.equal([
        ['red', false],
        ['green', true],
      ]);
      const text = pdfText((await getBytes(svc, '/api/v1/reports/biweekly/projects/pdf', who.auditor)).bytes);
      expect(text).to.include('红灯 → 绿灯（恢复）');
    });

    it('should turn yellow when topping out slips by days and progress falls 10 points behind', async () => {
      at('2026-07-10T08:00:00');
      expect((await sweep()).changed).to.deep.equal([{ code: PROJECT, light: 'yellow', previous: 'green' }]);
      const plan = (await svc.request('GET', projectPath('/plan'), { token: who.leader })).body;
      expect(plan.light.reasons.map((r: { rule: string; light: string }) => [r.rule, r.light])).to.deep.equal(
        [
          ['behind-plan', 'yellow'],
          ['slip', 'yellow'],
          ['stalled', 'yellow'],
        ],
      );
      expect(plan.lightHistory.map((l: { light: string }) => l.light)).to.deep.equal([
        'yellow',
        'green',
        'red',
      ]);
      expect((await report('weekly/projects')).body.yellow).to.have.length(1);
    });
  });
});

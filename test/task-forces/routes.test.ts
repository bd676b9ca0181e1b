import { expect } from 'chai';
import { describeEachDatabase } from '../support/databases.ts';
import { expectProblem, pointers, startTestService, type TestService } from '../support/http.ts';
import { issuedPermitLicence, licensedProject } from '../support/licences.ts';
import {
  BASELINE,
  formTaskForce,
  PROJECT,
  projectPath,
  projectPeople,
  TASK_FORCE,
  type ProjectPeople,
} from '../support/task-forces.ts';

/*
 * A key project's task force and plan through the API (issue 16, items 3, 4, 8): who forms it, who writes
 * the plan, the leader's approval of a re-baseline with the old one kept, milestones filling themselves from a
 * real permit, the battle map's rows and filters, and every refusal changing nothing.
 */

describeEachDatabase('task forces and plans', (kind) => {
  let svc: TestService;
  let who: ProjectPeople;
  before(async () => {
    svc = await startTestService(kind);
    who = projectPeople(svc);
  });
  after(async () => {
    await svc?.close();
  });

  const plan = (token: string) => svc.request('GET', projectPath('/plan'), { token });
  const propose = (token: string, body: object) =>
    svc.request('POST', projectPath('/plan/baselines'), { token, body });

  describe('the task force', () => {
    it('should let only an administrator form it, complete, and change nothing when refused', async () => {
      expectProblem(
        await svc.request('PUT', projectPath('/task-force'), { token: who.leadClerk, body: TASK_FORCE }),
        403,
        'forbidden',
      );
      const incomplete = await svc.request('PUT', projectPath('/task-force'), {
        token: who.admin,
        body: {
          members: [
            { role: 'lead-unit', name: '区商务局' },
            { role: 'resident-officer', name: '李' },
          ],
        },
      });
      expectProblem(incomplete, 422, 'validation-failed');
      expect(incomplete.body.code).to.equal('task-force-incomplete');
      expect(pointers(incomplete)).to.have.members(['/members', '/members/0/org', '/members/1/sub']);
      expectProblem(
        await svc.request('GET', projectPath('/task-force'), { token: who.admin }),
        404,
        'not-found',
      );

      await formTaskForce(svc, who);
      const read = await svc.request('GET', projectPath('/task-force'), { token: who.officer });
      expect(read.status).to.equal(200);
      expect(read.body.members.map((m: { role: string }) => m.role)).to.deep.equal(
        TASK_FORCE.members.map((m) => m.role),
      );
    });

    it('should show it to members, the leadership and the enterprise, and to nobody else', async () => {
      for (const token of [who.leader, who.leadClerk, who.auditor, who.applicant]) {
        expect((await svc.request('GET', projectPath('/task-force'), { token })).status).to.equal(200);
      }
      for (const token of [who.otherApplicant, who.clerk('fire'), who.agent]) {
        expectProblem(await svc.request('GET', projectPath('/task-force'), { token }), 404, 'not-found');
      }
      expect((await svc.request('GET', projectPath('/task-force'))).status).to.equal(401);
    });
  });

  describe('the plan', () => {
    it('should take the first baseline in force from the resident officer', async () => {
      const r = await propose(who.officer, { planned: BASELINE });
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      expect(r.body).to.include({ version: 1, stage: 1 });
      expect(r.body.baselines).to.have.length(1);
      expect(r.body.baselines[0]).to.include({ status: 'in-force', proposedBy: 'officer-li' });
      const worksStarted = r.body.milestones.find(
        (m: { milestone: string }) => m.milestone === 'works-started',
      );
      expect(worksStarted).to.include({ plannedOn: '2026-04-01', actualOn: null, name: '开工' });
    });

    it('should refuse writers outside the lead unit and the resident officer, changing nothing', async () => {
      const before = (await plan(who.admin)).body;
      for (const token of [who.applicant, who.auditor, who.leader, who.admin]) {
        const r = await propose(token, { planned: BASELINE, reason: 'x' });
        expectProblem(r, 403, 'forbidden');
        expect(r.body.code).to.equal('project-write');
      }
      expectProblem(await propose(who.otherApplicant, { planned: BASELINE }), 404, 'not-found');
      expectProblem(await propose(who.clerk('fire'), { planned: BASELINE }), 404, 'not-found');
      expect((await plan(who.admin)).body).to.deep.equal(before);
    });

    it('should hold a re-baseline until the responsible leader approves it, keeping the old one', async () => {
      const noReason = await propose(who.leadClerk, {
        planned: { ...BASELINE, 'works-started': '2026-04-10' },
      });
      expectProblem(noReason, 422, 'validation-failed');
      expect(pointers(noReason)).to.deep.equal(['/reason']);

      const proposed = await propose(who.leadClerk, {
        planned: { ...BASELINE, 'works-started': '2026-04-10' },
        reason: '施工图审查延后',
      });
      expect(proposed.status).to.equal(201);
      expect(proposed.body.version).to.equal(1);
      expect(proposed.body.baselines.map((b: { status: string }) => b.status)).to.deep.equal([
        'proposed',
        'in-force',
      ]);
      const again = await propose(who.officer, { planned: BASELINE, reason: 'again' });
      expectProblem(again, 409, 'proposal-pending');

      const decide = (token: string, version = 2) =>
        svc.request('POST', projectPath(`/plan/baselines/${version}/decision`), {
          token,
          body: { approve: true },
        });
      expectProblem(await decide(who.officer), 403, 'forbidden');
      expectProblem(await decide(who.admin), 403, 'forbidden');
      expectProblem(await decide(who.leader, 7), 404, 'not-found');
      const approved = await decide(who.leader);
      expect(approved.status).to.equal(200);
      expect(approved.body.version).to.equal(2);
      const [v2, v1] = approved.body.baselines;
      expect(v2).to.include({
        version: 2,
        status: 'in-force',
        decidedBy: 'leader-wang',
        reason: '施工图审查延后',
      });
      expect(v1).to.include({ version: 1, status: 'superseded' });
      expect(v1.planned['works-started']).to.equal('2026-04-01');
      expectProblem(await decide(who.leader), 404, 'not-found');
    });

    it('should take entered dates from the task force, but a stage result only from an approval', async () => {
      const enter = (milestone: string, actualOn: string, token = who.officer) =>
        svc.request('PUT', projectPath(`/plan/milestones/${milestone}`), { token, body: { actualOn } });
      for (const [m, d] of [
        ['signing', '2026-01-05'],
        ['land-supply', '2026-01-20'],
        ['code-assigned', '2026-02-01'],
      ]) {
        expect((await enter(m!, d!)).status).to.equal(200);
      }
      const stage = await enter('stage-2', '2026-03-01');
      expectProblem(stage, 422, 'validation-failed');
      expect(stage.body.errors[0]).to.include({ pointer: '/actualOn', code: 'stage-milestone-automatic' });
      expect(pointers(await enter('topped-out', '2026-03-03'))).to.deep.equal(['/actualOn']);
      expectProblem(await enter('groundbreaking', '2026-03-01'), 404, 'not-found');
      expectProblem(await enter('topped-out', '2026-03-01', who.applicant), 403, 'forbidden');

      const { caseId } = await issuedPermitLicence({ svc, who }, { ...licensedProject });
      const after = (await plan(who.applicant)).body;
      const byName = Object.fromEntries(after.milestones.map((m: { milestone: string }) => [m.milestone, m]));
      expect(byName['stage-2']).to.include({ actualOn: '2026-03-02', source: 'case', applicationId: caseId });
      expect(byName['stage-3']).to.include({ actualOn: '2026-03-02', source: 'case' });
      expect(byName['signing']).to.include({ actualOn: '2026-01-05', source: 'entry' });
      expect(after.stage).to.equal(1);
      expect(after.name).to.equal(licensedProject.name);
      // The split comes from the figures stored on the case when it concluded (docs/api.md, "How time is counted").
      const stored = await svc.service.db
        .knex('applications')
        .where({ id: caseId })
        .first('net_working_days', 'stopped_working_days', 'limit_working_days');
      expect(after.delays).to.deep.equal({
        cases: 1,
        decided: 1,
        governmentWorkingDays: Number(stored.net_working_days),
        governmentOverLimitWorkingDays: Math.max(
          0,
          Number(stored.net_working_days) - Number(stored.limit_working_days),
        ),
        enterpriseWorkingDays: Number(stored.stopped_working_days),
      });
      expect(after.light).to.include({ light: 'green', plannedProgress: 30, actualProgress: 50 });
    });
  });

  describe('the project code', () => {
    it("should read a project's code by the projects' rule: any case, spaces or no hyphens", async () => {
      for (const code of [PROJECT.toLowerCase(), PROJECT.replaceAll('-', ''), ` ${PROJECT}`]) {
        const r = await svc.request('GET', projectPath('/plan', encodeURIComponent(code)), {
          token: who.officer,
        });
        expect(r.status, code).to.equal(200);
        expect(r.body.projectCode).to.equal(PROJECT);
      }
    });

    it('should answer 400 `bad-project-code` naming the rule a code breaks, before the role, creating nothing', async () => {
      const before = (await svc.request('GET', '/api/v1/battle-map', { token: who.admin })).body;
      const cases = [
        ['GET', '/plan', '2026-990200-48-01-000173', who.officer, 'project-code-region'],
        ['GET', '/issues', '2013-360200-48-01-000173', who.admin, 'project-code-year'],
        ['GET', '/task-force', 'not-a-code', who.applicant, 'project-code'],
        ['PUT', '/task-force', '2026-360200-00-01-000173', who.admin, 'project-code-part'],
        ['PUT', '/task-force', 'ABC-1', who.officer, 'project-code'],
      ] as const;
      for (const [method, rest, code, token, rule] of cases) {
        const body = method === 'PUT' ? { body: TASK_FORCE } : {};
        const r = await svc.request(method, projectPath(rest, code), { token, ...body });
        expectProblem(r, 400, 'malformed-request');
        expect(r.body.code, code).to.equal('bad-project-code');
        expect(r.body.errors.map((e: { code: string }) => e.code)).to.deep.equal([rule]);
        expect(pointers(r)).to.deep.equal(['/path/code']);
      }
      expect((await svc.request('GET', '/api/v1/battle-map', { token: who.admin })).body).to.deep.equal(
        before,
      );
    });
  });

  describe("another enterprise's draft", () => {
    it('should not open the project to an enterprise that only names its code in a draft', async () => {
      const draft = await svc.request('POST', '/api/v1/applications', {
        token: who.otherApplicant,
        body: { workflow: 'construction-permit', project: { ...licensedProject }, form: {} },
      });
      expect(draft.status).to.equal(201);
      expectProblem(await plan(who.otherApplicant), 404, 'not-found');
      expectProblem(
        await svc.request('GET', projectPath('/issues'), { token: who.otherApplicant }),
        404,
        'not-found',
      );
    });
  });

  describe('the battle map', () => {
    const map = (token: string, query = '') => svc.request('GET', `/api/v1/battle-map${query}`, { token });

    it('should give the project a row with its milestones and light to whoever may read it', async () => {
      const rows = (await map(who.admin)).body.items;
      expect(rows).to.have.length(1);
      expect(rows[0]).to.include({ projectCode: PROJECT, light: 'green', stage: 1 });
      expect(rows[0].milestones).to.have.length(11);
      expect((await map(who.applicant)).body.items).to.have.length(1);
      expect((await map(who.otherApplicant)).body.items).to.deep.equal([]);
      expect((await map(who.clerk('fire'))).body.items).to.deep.equal([]);
    });

    it('should filter by task force member and by stage', async () => {
      expect((await map(who.admin, '?member=officer-li')).body.items).to.have.length(1);
      expect((await map(who.admin, '?member=commerce')).body.items).to.have.length(1);
      expect((await map(who.admin, '?member=someone-else')).body.items).to.deep.equal([]);
      expect((await map(who.admin, '?stage=1')).body.items).to.have.length(1);
      expect((await map(who.admin, '?stage=4')).body.items).to.deep.equal([]);
      const bad = await map(who.admin, '?stage=9');
      expectProblem(bad, 400, 'malformed-request');
      expect(pointers(bad)).to.deep.equal(['/query/stage']);
    });
  });
});

import { expect } from 'chai';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import {
  approveAll,
  casePath,
  createDraft,
  people,
  sendOk,
  startTestService,
  type People,
  type TestService,
} from '../support/http.ts';

/** A service of its own, on a day of the example's choosing (the calendar's published years are 2025–2026). */
function serviceAt(kind: Parameters<typeof startTestService>[0], at: string) {
  const block = {} as { svc: TestService; who: People };
  before(async () => {
    block.svc = await startTestService(kind, at);
    block.who = people(block.svc, ENTERPRISE, OTHER_ENTERPRISE);
  });
  after(async () => {
    await block.svc?.close();
  });
  return block;
}

describeEachDatabase(
  'cases: a record people can read, and deadlines that say when they are provisional',
  (kind) => {
    describe('names and draft changes in the history', () => {
      const t = serviceAt(kind, '2026-03-02T09:00:00+08:00');

      it("should keep the token's name with the record, and verify the chain with and without names", async () => {
        const named = t.svc.token({ sub: 'ent-zhang', role: 'applicant', org: ENTERPRISE, name: '张三' });
        const body = constructionPermitApplication();
        const id = await createDraft(t.svc, t.who.applicant, body);
        const patched = await t.svc.request('PATCH', casePath(id), {
          token: named,
          body: { project: { name: '航空城零部件厂 3 号楼' }, form: { storeys: 5 } },
        });
        expect(patched.status, JSON.stringify(patched.body)).to.equal(200);

        const history = (await t.svc.request('GET', casePath(id, '/history'), { token: t.who.auditor })).body
          .items;
        // The creator's token had no name: no `name` key at all, as in records written before names were kept.
        expect(history[0].actor).to.deep.equal({ sub: 'ent-user', role: 'applicant', org: ENTERPRISE });
        expect(history[1]).to.deep.include({ type: 'UPDATE_DRAFT' });
        expect(history[1].actor).to.deep.equal({
          sub: 'ent-zhang',
          role: 'applicant',
          org: ENTERPRISE,
          name: '张三',
        });
        // The changed fields with what they were: the line reads old → new.
        expect(history[1].data).to.deep.equal({
          project: { name: '航空城零部件厂 3 号楼' },
          form: { storeys: 5 },
          before: {
            project: { name: body.project.name },
            form: { storeys: (body.form as { storeys?: number }).storeys ?? null },
          },
        });

        const verified = await t.svc.request('GET', casePath(id, '/verify'), { token: t.who.auditor });
        expect(verified.body).to.deep.include({ ok: true, checked: 2 });
      });
    });

    describe('whom a case waits for', () => {
      const t = serviceAt(kind, '2026-03-02T09:00:00+08:00');

      it('should say the window while it takes the case in and issues it, the departments while they review', async () => {
        const id = await createDraft(t.svc, t.who.applicant, constructionPermitApplication());
        const next = async () =>
          (await t.svc.request('GET', casePath(id), { token: t.who.applicant })).body.nextAction;
        await sendOk(t.svc, t.who.applicant, id, { type: 'SUBMIT' });
        expect(await next()).to.deep.include({ action: 'nothing', waitingFor: 'window' });
        await sendOk(t.svc, t.who.clerk('window'), id, { type: 'ACCEPT' });
        expect(await next()).to.deep.include({ action: 'nothing', waitingFor: 'departments' });
        await approveAll(t.svc, t.who, id);
        expect(await next()).to.deep.include({ action: 'nothing', waitingFor: 'window' });
      });
    });

    describe('deadlines in a year whose calendar is published', () => {
      const t = serviceAt(kind, '2026-03-02T09:00:00+08:00');

      it('should not call them provisional', async () => {
        const id = await createDraft(t.svc, t.who.applicant, constructionPermitApplication());
        await sendOk(t.svc, t.who.applicant, id, { type: 'SUBMIT' });
        await sendOk(t.svc, t.who.clerk('window'), id, { type: 'ACCEPT' });
        const app = (await t.svc.request('GET', casePath(id), { token: t.who.applicant })).body;
        expect(app.dueProvisional).to.equal(false);
        expect(app).not.to.have.property('dueMissingCalendarYears');
        for (const task of app.tasks) expect(task.dueProvisional, task.department).to.equal(false);
      });
    });

    describe('deadlines that run into a year whose calendar is not published', () => {
      // Mid-December 2026: the case's limit ends in 2027, whose holidays are not published.
      const t = serviceAt(kind, '2026-12-14T09:00:00+08:00');

      it('should flag the case and its open tasks as provisional, naming the year', async () => {
        const id = await createDraft(t.svc, t.who.applicant, constructionPermitApplication());
        await sendOk(t.svc, t.who.applicant, id, { type: 'SUBMIT' });
        await sendOk(t.svc, t.who.clerk('window'), id, { type: 'ACCEPT' });
        const app = (await t.svc.request('GET', casePath(id), { token: t.who.applicant })).body;
        expect(app.dueAt.slice(0, 4)).to.equal('2027');
        expect(app).to.deep.include({ dueProvisional: true, dueMissingCalendarYears: [2027] });
        // A task whose own limit ends in 2026 is counted on the published calendar; one ending in 2027 is not.
        const open = app.tasks.filter((task: { status: string }) => task.status === 'open');
        const provisional = (task: { dueAt: string }) => task.dueAt.slice(0, 4) === '2027';
        expect(open.filter(provisional).length).to.be.greaterThan(0);
        for (const task of open) {
          if (provisional(task)) {
            expect(task, task.department).to.deep.include({
              dueProvisional: true,
              dueMissingCalendarYears: [2027],
            });
          } else {
            expect(task, task.department).to.deep.include({ dueProvisional: false });
          }
        }
        const inbox = (await t.svc.request('GET', '/api/v1/tasks', { token: t.who.clerk('fire') })).body;
        expect(inbox.items[0].dueProvisional).to.equal(provisional(inbox.items[0]));
      });
    });
  },
);

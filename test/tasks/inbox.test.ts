import { expect } from 'chai';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { acceptedCase } from '../support/http.ts';
import { withService } from '../support/with-service.ts';

describeEachDatabase('tasks/inbox', (kind) => {
  describe('GET /tasks', () => {
    const t = withService(kind);

    it("should list a clerk's own department's open tasks by due date, then mark them overdue", async () => {
      // Planning tasks opened on two different days, so their due dates differ; the later one is created first.
      t.svc.clock.set('2026-03-04T10:00:00+08:00');
      const later = await acceptedCase(t.svc, t.who, constructionPermitApplication());
      t.svc.clock.set('2026-03-03T10:00:00+08:00');
      const earlier = await acceptedCase(t.svc, t.who, constructionPermitApplication());

      const inbox = await t.svc.request('GET', '/api/v1/tasks', { token: t.who.clerk('planning') });
      expect(inbox.status).to.equal(200);
      const items = inbox.body.items;
      expect(items).to.have.length(2);
      expect(items.map((task: { applicationId: string }) => task.applicationId)).to.deep.equal([
        earlier,
        later,
      ]);
      for (const task of items) {
        expect(task).to.include({ department: 'planning', step: 'review', status: 'open', overdue: false });
      }
      expect(items[0].dueAt < items[1].dueAt).to.equal(true);
      expect(inbox.body.nextCursor).to.equal(null);

      // A minute past the first due date: that task is overdue, the other is not yet.
      t.svc.clock.set(new Date(Date.parse(items[0].dueAt) + 60_000));
      const late = await t.svc.request('GET', '/api/v1/tasks', { token: t.who.clerk('planning') });
      expect(late.body.items.map((task: { overdue: boolean }) => task.overdue)).to.deep.equal([true, false]);
      t.svc.clock.set(new Date(Date.parse(items[1].dueAt) + 60_000));
      const lateBoth = await t.svc.request('GET', '/api/v1/tasks', { token: t.who.clerk('planning') });
      expect(lateBoth.body.items.map((task: { overdue: boolean }) => task.overdue)).to.deep.equal([
        true,
        true,
      ]);
    });

    it("should refuse a clerk another department's inbox", async () => {
      const other = await t.svc.request('GET', '/api/v1/tasks?department=housing', {
        token: t.who.clerk('planning'),
      });
      expect(other.status).to.equal(403);
      expect(other.body.type).to.equal('forbidden');
      const housing = await t.svc.request('GET', '/api/v1/tasks', { token: t.who.clerk('housing') });
      expect(housing.body.items).to.have.length(2);
      for (const task of housing.body.items) expect(task.department).to.equal('housing');
    });
  });
});

import { expect } from 'chai';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { describeEachDatabase } from '../support/databases.ts';
import {
  acceptedCase,
  caseState,
  createDraft,
  DEPARTMENT_EVENTS,
  sendEvent,
  sendOk,
} from '../support/http.ts';
import { handInRequired } from '../support/materials.ts';
import { withService } from '../support/with-service.ts';

describeEachDatabase('cases/construction-permit branches', (kind) => {
  describe('supplements, denial and withdrawal', () => {
    const t = withService(kind);

    it('should go to supplementing on a department request and back to in_review on SUPPLEMENT', async () => {
      t.svc.clock.set('2026-03-03T10:00:00+08:00');
      const id = await acceptedCase(t.svc, t.who, constructionPermitApplication());
      t.svc.clock.set('2026-03-04T10:00:00+08:00');
      const asked = await sendOk(t.svc, t.who.clerk('fire'), id, {
        type: 'REQUEST_SUPPLEMENT',
        department: 'fire',
        comment: 'Please supply the fire-protection design drawings, sealed.',
      });
      expect(asked.body.status).to.equal('supplementing');
      // The fire clerk waits; the enterprise may now supplement.
      expect(asked.body.allowedEvents).to.deep.equal([]);
      const applicantView = await t.svc.request('GET', `/api/v1/applications/${id}`, {
        token: t.who.applicant,
      });
      expect(applicantView.body.allowedEvents).to.have.members(['SUPPLEMENT', 'WITHDRAW']);
      const fireTask = asked.body.tasks.find((task: { department: string }) => task.department === 'fire');
      expect(fireTask).to.include({ status: 'open', clockStopped: true });
      // The other departments keep reviewing meanwhile.
      const planning = await t.svc.request('GET', `/api/v1/applications/${id}`, {
        token: t.who.clerk('planning'),
      });
      expect(planning.body.allowedEvents).to.have.members(DEPARTMENT_EVENTS);

      t.svc.clock.set('2026-03-06T10:00:00+08:00');
      const supplied = await sendOk(t.svc, t.who.applicant, id, { type: 'SUPPLEMENT' });
      expect(supplied.body.status).to.equal('in_review');
      // 5 and 6 March stood still; the case and the fire task both count them as stopped.
      expect(supplied.body.timing).to.include({ workingDays: 3, stoppedWorkingDays: 2, netWorkingDays: 1 });
      const after = supplied.body.tasks.find((task: { department: string }) => task.department === 'fire');
      expect(after).to.include({ status: 'open', clockStopped: false });
      expect(after.timing.stoppedWorkingDays).to.equal(2);
      expect(Date.parse(after.dueAt)).to.be.greaterThan(Date.parse(fireTask.dueAt));
    });

    it('should end the case as denied on DENY and close every open task', async () => {
      const id = await acceptedCase(t.svc, t.who, constructionPermitApplication());
      await sendOk(t.svc, t.who.clerk('planning'), id, { type: 'APPROVE', department: 'planning' });
      const denied = await sendOk(t.svc, t.who.clerk('environment'), id, {
        type: 'DENY',
        department: 'environment',
        comment: 'The report table does not assess the discharge of process water.',
      });
      expect(denied.body.status).to.equal('denied');
      expect(denied.body.concludedAt).to.be.a('string');
      expect(denied.body.allowedEvents).to.deep.equal([]);
      expect(denied.body.tasks).to.have.length(6);
      for (const task of denied.body.tasks) expect(task.status, task.department).to.equal('closed');
      const inbox = await t.svc.request('GET', '/api/v1/tasks', { token: t.who.clerk('housing') });
      expect(inbox.body.items.map((task: { applicationId: string }) => task.applicationId)).not.to.include(
        id,
      );
    });

    it('should end the case as withdrawn on WITHDRAW', async () => {
      const id = await createDraft(t.svc, t.who.applicant, constructionPermitApplication());
      await sendOk(t.svc, t.who.applicant, id, { type: 'SUBMIT' });
      const withdrawn = await sendOk(t.svc, t.who.applicant, id, {
        type: 'WITHDRAW',
        comment: 'The design is being revised.',
      });
      expect(withdrawn.body.status).to.equal('withdrawn');
      expect(withdrawn.body.allowedEvents).to.deep.equal([]);
      for (const task of withdrawn.body.tasks) expect(task.status).to.equal('closed');
    });
  });

  describe('validation on SUBMIT', () => {
    const t = withService(kind);

    it('should refuse an invalid form with 422 and a pointer per field, and change nothing', async () => {
      const body = constructionPermitApplication();
      body.form.floorAreaM2 = -120;
      delete body.project.name;
      body.form.constructionUnit = {
        uscc: '9131011559169385',
        name: 'Changjiang Construction Engineering Co.',
      };
      const id = await createDraft(t.svc, t.who.applicant, body);
      // The papers first (sendEvent hands them in before a SUBMIT): the form alone is at fault.
      await handInRequired(t.svc, t.who.applicant, id);
      const before = await caseState(t.svc, t.who.auditor, id);

      const refused = await sendEvent(t.svc, t.who.applicant, id, { type: 'SUBMIT' });
      expect(refused.status).to.equal(422);
      expect(refused.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(refused.body).to.include({ type: 'validation-failed', status: 422 });
      const pointers = refused.body.errors.map((e: { pointer: string }) => e.pointer);
      expect(pointers).to.have.members(['/form/floorAreaM2', '/project/name', '/form/constructionUnit/uscc']);
      for (const error of refused.body.errors) expect(error.detail).to.be.a('string').that.is.not.empty;

      expect(await caseState(t.svc, t.who.auditor, id)).to.deep.equal(before);
      expect(before.status).to.equal('draft');
    });
  });
});

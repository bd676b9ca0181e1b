import { expect } from 'chai';
import { fireDueTimers } from '../../src/engine/timers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { expectProblem, pointers, type TestService } from '../support/http.ts';
import { ENTERPRISE } from '../support/harness.ts';
import { issuedPermitLicence } from '../support/licences.ts';
import { acceptedCase } from '../support/case-steps.ts';
import { minimalPermitForm, licensedProject } from '../support/licences.ts';
import { withService } from '../support/with-service.ts';

const ratingsPath = (id: string) => `/api/v1/applications/${id}/ratings`;
const followUpPath = (id: string, rest = '') => `/api/v1/rating-follow-ups/${id}${rest}`;
const FIGURES = '/api/v1/ratings/figures?month=2026-03';

/** Sends one follow-up step. */
const step = (svc: TestService, token: string, id: string, body: object) =>
  svc.request('POST', followUpPath(id, '/events'), { token, body });

/** The ratings table's row count: refusals must leave it as it was. */
const ratingRows = async (svc: TestService) =>
  Number((await svc.service.db.knex('ratings').count({ n: '*' }))[0]!.n);

describeEachDatabase('ratings', (kind) => {
  const t = withService(kind);
  beforeEach(() => t.svc.clock.set('2026-03-02T09:00:00+08:00'));

  describe('bad rating follow-up', () => {
    it("should take a bad rating through contact, rectification, the answer and the rater's follow-up rating", async () => {
      const { caseId } = await issuedPermitLicence(t);
      const { svc, who } = t;
      const rated = await svc.request('POST', ratingsPath(caseId), {
        token: who.applicant,
        body: { level: 5, channel: 2, department: 'planning', tags: ['多次跑动'], text: '补正要求前后不一' },
      });
      expect(rated.status, JSON.stringify(rated.body)).to.equal(201);
      expect(rated.body).to.include({ target: 'planning', department: 'planning', level: 5, default: false });
      expect(rated.body.rater).to.deep.equal({ sub: 'ent-user', role: 'applicant' });
      const followUpId: string = rated.body.followUp.id;
      expect(rated.body.followUp.status).to.equal('contact');

      // Rated Monday 2 March 2026: contact by the end of Tuesday 3 March, answer by the end of the 15th working
      // day, Monday 23 March (no holiday in March 2026), Asia/Shanghai.
      const opened = await svc.request('GET', followUpPath(followUpId), { token: who.clerk('planning') });
      expect(opened.status).to.equal(200);
      expect(opened.body).to.include({
        status: 'contact',
        department: 'planning',
        contactDueAt: '2026-03-03T15:59:59.999Z',
        dueAt: '2026-03-23T15:59:59.999Z',
        contactOverdue: false,
      });
      expect(opened.body.rating).not.to.have.property('rater');
      expect(JSON.stringify(opened.body)).not.to.contain('ent-user');

      // The follow-up is in the planning clerks' inbox: the contact and the whole follow-up.
      const inbox = await svc.request('GET', '/api/v1/tasks?workflow=rating-follow-up', {
        token: who.clerk('planning'),
      });
      expect(inbox.status).to.equal(200);
      const steps = inbox.body.items.filter((task: any) => task.applicationId === followUpId);
      expect(steps.map((task: any) => task.step).sort()).to.deep.equal([
        'rating-contact',
        'rating-follow-up',
      ]);

      expectProblem(await step(svc, who.clerk('housing'), followUpId, { type: 'CONTACT' }), 404, 'not-found');
      expectProblem(await step(svc, who.applicant, followUpId, { type: 'CONTACT' }), 403, 'forbidden');
      svc.clock.set('2026-03-03T10:00:00+08:00');
      expect((await step(svc, who.clerk('planning'), followUpId, { type: 'CONTACT' })).body.status).to.equal(
        'verifying',
      );
      const badFinding = await step(svc, who.clerk('planning'), followUpId, {
        type: 'VERIFY',
        data: { finding: 'maybe' },
      });
      expectProblem(badFinding, 422, 'validation-failed');
      expect(pointers(badFinding)).to.deep.equal(['/data/finding']);
      const verified = await step(svc, who.clerk('planning'), followUpId, {
        type: 'VERIFY',
        data: { finding: 'justified' },
      });
      expect(verified.body).to.include({ status: 'rectifying', finding: 'justified' });
      expectProblem(
        await step(svc, who.clerk('planning'), followUpId, { type: 'RECTIFIED' }),
        422,
        'validation-failed',
      );
      svc.clock.set('2026-03-10T15:00:00+08:00');
      await step(svc, who.clerk('planning'), followUpId, { type: 'RECTIFIED', comment: '统一补正告知模板' });
      expectProblem(
        await step(svc, who.applicant, followUpId, { type: 'RATE_FOLLOW_UP', data: { level: 2 } }),
        409,
        'event-not-allowed',
      );
      const answered = await step(svc, who.clerk('planning'), followUpId, {
        type: 'ANSWER',
        comment: '已核实并整改，今后一次性告知补正内容。',
      });
      expect(answered.body).to.include({ status: 'answered', answeredAt: '2026-03-10T07:00:00.000Z' });
      // The rater is told, with the answer; the department's clerks are not.
      const told = await svc.request('GET', '/api/v1/notifications', { token: who.applicant });
      const message = told.body.items.find((m: any) => m.code === 'rating-answered');
      expect(message).to.include({ applicationId: caseId });
      expect(message.text).to.contain('已核实并整改');
      expect(told.body.items.map((m: any) => m.code)).to.include('rating-contacted');
      const clerks = await svc.request('GET', '/api/v1/notifications', { token: who.clerk('planning') });
      expect(clerks.body.items.map((m: any) => m.code)).not.to.include('rating-answered');

      const colleague = svc.token({ sub: 'ent-user-2', role: 'applicant', org: ENTERPRISE });
      expectProblem(
        await step(svc, colleague, followUpId, { type: 'RATE_FOLLOW_UP', data: { level: 1 } }),
        403,
        'forbidden',
      );
      const closed = await step(svc, who.applicant, followUpId, {
        type: 'RATE_FOLLOW_UP',
        data: { level: 1 },
      });
      expect(closed.body).to.include({ status: 'closed', followUpLevel: 1 });
      expect(closed.body.steps.map((s: any) => s.type)).to.deep.equal([
        'CONTACT',
        'VERIFY',
        'RECTIFIED',
        'ANSWER',
        'RATE_FOLLOW_UP',
      ]);

      const mine = await svc.request('GET', ratingsPath(caseId), { token: who.applicant });
      expect(mine.body.items[0].followUp).to.deep.include({
        status: 'closed',
        rectifiedOnTime: true,
        level: 1,
      });

      const figures = await svc.request('GET', FIGURES);
      expect(figures.status).to.equal(200);
      const planning = figures.body.departments.find((row: any) => row.group === 'planning');
      expect(planning).to.include({
        ratings: 1,
        satisfied: 0,
        bad: 1,
        satisfactionRate: 0,
        badAnswered: 1,
        badRectifiedOnTime: 1,
        rectifiedOnTimeRate: 1,
      });
      expect(JSON.stringify(figures.body)).not.to.match(/ent-user|clerk-planning/);
      // The monthly bulletin carries the same figures.
      const bulletin = await svc.request('GET', '/api/v1/reports/monthly?at=2026-03-15', {
        token: who.auditor,
      });
      expect(bulletin.status).to.equal(200);
      expect(bulletin.body.ratings).to.deep.equal(figures.body);
    });

    it('should mark the contact overdue when the contact timer fires', async () => {
      const { caseId } = await issuedPermitLicence(t);
      const rated = await t.svc.request('POST', ratingsPath(caseId), {
        token: t.who.applicant,
        body: { level: 4, channel: 1, department: 'housing' },
      });
      const followUpId = rated.body.followUp.id;
      t.svc.clock.set('2026-03-04T00:30:00+08:00');
      await fireDueTimers(t.svc.service.db, t.svc.service.engine);
      const view = await t.svc.request('GET', followUpPath(followUpId), { token: t.who.clerk('housing') });
      expect(view.body).to.include({ status: 'contact', contactOverdue: true });
      expect(view.body.steps.map((s: any) => [s.type, s.role])).to.deep.equal([
        ['CONTACT_OVERDUE', 'system'],
      ]);
    });
  });

  describe('appeal', () => {
    it('should exclude an appealed rating from the figures and keep it in the record', async () => {
      const { caseId } = await issuedPermitLicence(t);
      const { svc, who, admin } = t;
      const before = (await svc.request('GET', FIGURES)).body;
      const rated = await svc.request('POST', ratingsPath(caseId), {
        token: who.applicant,
        body: { level: 5, channel: 3 },
      });
      expect(rated.body).to.include({ target: 'case', department: 'window' });
      const followUpId = rated.body.followUp.id;
      await step(svc, who.clerk('window'), followUpId, { type: 'CONTACT' });
      const appealed = await step(svc, who.clerk('window'), followUpId, {
        type: 'VERIFY',
        data: { finding: 'appealed' },
        comment: '评价内容与本件无关',
      });
      expect(appealed.body.status).to.equal('appealed');
      const exclude = { type: 'EXCLUDE', comment: '评价内容与办件无关，属误评' };
      expectProblem(await step(svc, who.clerk('window'), followUpId, exclude), 403, 'forbidden');
      expectProblem(await step(svc, who.auditor, followUpId, exclude), 403, 'forbidden');
      expectProblem(await step(svc, admin, followUpId, { type: 'EXCLUDE' }), 422, 'validation-failed');
      expect((await step(svc, admin, followUpId, exclude)).body.status).to.equal('excluded');

      const record = await svc.request('GET', ratingsPath(caseId), { token: who.auditor });
      const kept = record.body.items.find((r: any) => r.id === rated.body.id);
      expect(kept).to.include({ excluded: true, exclusionReason: exclude.comment, level: 5 });
      const after = (await svc.request('GET', FIGURES)).body;
      expect(after.notCounted.excluded).to.equal(before.notCounted.excluded + 1);
      const windowBefore = before.departments.find((r: any) => r.group === 'window');
      const windowAfter = after.departments.find((r: any) => r.group === 'window');
      expect(windowAfter).to.deep.equal(windowBefore);
    });
  });

  describe('refusals', () => {
    it('should refuse ratings that may not be given, and change nothing', async () => {
      const { svc, who } = t;
      const { caseId } = await issuedPermitLicence(t);
      const open = await acceptedCase(svc, who, {
        workflow: 'construction-permit',
        project: licensedProject,
        form: minimalPermitForm,
      });
      const rows = await ratingRows(svc);
      const good = { level: 1, channel: 2 };
      expectProblem(
        await svc.request('POST', ratingsPath(caseId), { token: who.otherApplicant, body: good }),
        404,
        'not-found',
      );
      expectProblem(await svc.request('POST', ratingsPath(caseId), { body: good }), 401, 'unauthorized');
      const noResult = await svc.request('POST', ratingsPath(open), { token: who.applicant, body: good });
      expectProblem(noResult, 409, 'event-not-allowed');
      expect(noResult.body.code).to.equal('rating-no-result');
      expectProblem(
        await svc.request('POST', ratingsPath(open), {
          token: who.applicant,
          body: { ...good, department: 'planning' },
        }),
        409,
        'event-not-allowed',
      );
      const level6 = await svc.request('POST', ratingsPath(caseId), {
        token: who.applicant,
        body: { level: 6, channel: 2 },
      });
      expectProblem(level6, 422, 'validation-failed');
      expect(pointers(level6)).to.deep.equal(['/level']);
      expectProblem(
        await svc.request('POST', ratingsPath(caseId), { token: who.applicant, body: { level: 'good' } }),
        400,
        'malformed-request',
      );
      const byClerk = await svc.request('POST', ratingsPath(caseId), {
        token: who.clerk('planning'),
        body: good,
      });
      expectProblem(byClerk, 403, 'forbidden');
      expect(byClerk.body.code).to.equal('rating-by-enterprise');
      expectProblem(
        await svc.request('POST', ratingsPath(caseId), { token: who.auditor, body: good }),
        403,
        'forbidden',
      );
      expect(await ratingRows(svc)).to.equal(rows);

      expect(
        (await svc.request('POST', ratingsPath(caseId), { token: who.applicant, body: good })).status,
      ).to.equal(201);
      const again = await svc.request('POST', ratingsPath(caseId), { token: who.applicant, body: good });
      expectProblem(again, 409, 'event-not-allowed');
      expect(again.body.code).to.equal('rating-exists');
    });

    it("should keep the rater's identity from the clerks and the public", async () => {
      const { svc, who } = t;
      const { caseId } = await issuedPermitLicence(t);
      await svc.request('POST', ratingsPath(caseId), {
        token: who.applicant,
        body: { level: 2, channel: 2, department: 'housing', text: '很好' },
      });
      await svc.request('POST', ratingsPath(caseId), {
        token: who.applicant,
        body: { level: 3, channel: 2, department: 'planning' },
      });
      const housing = await svc.request('GET', ratingsPath(caseId), { token: who.clerk('housing') });
      expect(housing.status).to.equal(200);
      expect(housing.body.items.map((r: any) => r.target)).to.deep.equal(['housing']);
      expect(housing.body.items[0].clerk).to.equal('clerk-housing');
      expect(JSON.stringify(housing.body)).not.to.contain('ent-user');
      const enterprise = await svc.request('GET', ratingsPath(caseId), { token: who.applicant });
      expect(enterprise.body.items.map((r: any) => r.rater.sub)).to.deep.equal(['ent-user', 'ent-user']);
      expect(enterprise.body.items[0]).not.to.have.property('clerk');
      expectProblem(
        await svc.request('GET', ratingsPath(caseId), { token: who.otherApplicant }),
        404,
        'not-found',
      );
      const figures = await svc.request('GET', FIGURES);
      expect(JSON.stringify(figures.body)).not.to.match(/ent-user|clerk-/);
    });
  });
});

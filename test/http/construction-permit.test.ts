import { expect } from 'chai';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import {
  acceptedCase,
  caseState,
  createDraft,
  people,
  PERMIT_DEPARTMENTS,
  sendEvent,
  sendOk,
  startTestService,
  type People,
  type TestService,
} from '../support/http.ts';

const HEX_HASH = /^[0-9a-f]{64}$/;
const WINDOW_EVENTS = ['ACCEPT', 'ACCEPT_WITH_DEFICIENCIES', 'REQUEST_SUPPLEMENT', 'REFUSE'];
const DEPARTMENT_EVENTS = ['APPROVE', 'REQUEST_SUPPLEMENT', 'DENY'];

/** A service of its own per block, so that clocks, inboxes and lists do not leak between blocks. */
function withService(kind: Parameters<typeof startTestService>[0]) {
  const ctx = {} as { svc: TestService; who: People };
  before(async () => {
    ctx.svc = await startTestService(kind);
    ctx.who = people(ctx.svc, ENTERPRISE, OTHER_ENTERPRISE);
  });
  after(async () => {
    await ctx.svc?.close();
  });
  return ctx;
}

describeEachDatabase('http/construction-permit', (kind) => {
  describe('the whole permit path', () => {
    const t = withService(kind);
    let id = '';
    const get = (token: string) => t.svc.request('GET', `/api/v1/applications/${id}`, { token });

    it('should create a draft of the example that only the applicant may submit or withdraw', async () => {
      const created = await t.svc.request('POST', '/api/v1/applications', {
        token: t.who.applicant,
        body: constructionPermitApplication(),
      });
      expect(created.status).to.equal(201);
      expect(created.body).to.include({
        workflow: 'construction-permit',
        workflowVersion: 1,
        status: 'draft',
        applicant: ENTERPRISE,
        version: 1,
      });
      expect(created.headers.get('location')).to.equal(`/api/v1/applications/${created.body.id}`);
      expect(created.body.allowedEvents).to.have.members(['SUBMIT', 'WITHDRAW']);
      expect(created.body.tasks).to.deep.equal([]);
      expect(created.body.timing).to.include({ workingDays: null, onTime: null });
      id = created.body.id;
    });

    it('should merge a PATCH into the draft (RFC 7396)', async () => {
      const patched = await t.svc.request('PATCH', `/api/v1/applications/${id}`, {
        token: t.who.applicant,
        body: {
          project: { location: 'Aviation Town, Plot GX-2026-017' },
          form: { storeys: 5, pledges: null },
        },
      });
      expect(patched.status).to.equal(200);
      expect(patched.body.version).to.equal(2);
      expect(patched.body.project).to.include({
        name: 'Aviation Town Component Plant, Building 3',
        location: 'Aviation Town, Plot GX-2026-017',
      });
      expect(patched.body.form.storeys).to.equal(5);
      expect(patched.body.form).not.to.have.property('pledges');
      expect(patched.body.form.constructionUnit).to.deep.equal({
        uscc: '91310115591693856A',
        name: 'Changjiang Construction Engineering Co.',
      });
    });

    it('should submit, open the window intake task and offer the window its four answers', async () => {
      t.svc.clock.set('2026-03-02T10:00:00+08:00');
      const submitted = await sendOk(t.svc, t.who.applicant, id, { type: 'SUBMIT' });
      expect(submitted.body).to.include({ status: 'submitted', version: 3 });
      expect(submitted.body.submittedAt).to.equal('2026-03-02T02:00:00.000Z');
      expect(submitted.body.allowedEvents).to.deep.equal(['WITHDRAW']);

      const window = await get(t.who.clerk('window'));
      expect(window.status).to.equal(200);
      expect(window.body.allowedEvents).to.have.members(WINDOW_EVENTS);
      expect(window.body.tasks).to.have.length(1);
      expect(window.body.tasks[0]).to.include({
        department: 'window',
        step: 'intake',
        status: 'open',
        overdue: false,
      });
    });

    it('should open one review task per department once the window accepts', async () => {
      t.svc.clock.set('2026-03-03T10:00:00+08:00');
      const accepted = await sendOk(t.svc, t.who.clerk('window'), id, { type: 'ACCEPT' });
      expect(accepted.body).to.include({ status: 'in_review', acceptedAt: '2026-03-03T02:00:00.000Z' });
      const open = accepted.body.tasks.filter((task: { status: string }) => task.status === 'open');
      expect(open.map((task: { department: string }) => task.department)).to.have.members([
        ...PERMIT_DEPARTMENTS,
      ]);
      for (const task of open) {
        expect(task).to.include({ step: 'review', applicationId: id, overdue: false, closedAt: null });
        expect(task.dueAt > task.openedAt).to.equal(true);
      }
      const intake = accepted.body.tasks.find((task: { step: string }) => task.step === 'intake');
      expect(intake).to.include({ status: 'closed', closedBy: 'ACCEPT' });
      // The case-level timing has started but nothing has elapsed yet.
      expect(accepted.body.timing).to.include({
        workingDays: 0,
        stoppedWorkingDays: 0,
        netWorkingDays: 0,
        limitWorkingDays: 45,
        onTime: true,
      });
    });

    it('should offer a department clerk only its own review events while its region reviews', async () => {
      for (const department of PERMIT_DEPARTMENTS) {
        const view = await get(t.who.clerk(department));
        expect(view.status).to.equal(200);
        expect(view.body.allowedEvents, department).to.have.members(DEPARTMENT_EVENTS);
      }
      expect((await get(t.who.clerk('window'))).body.allowedEvents).to.deep.equal(['EXTEND']);
      expect((await get(t.who.applicant)).body.allowedEvents).to.deep.equal(['WITHDRAW']);
      expect((await get(t.who.auditor)).body.allowedEvents).to.deep.equal([]);
    });

    it('should answer each APPROVE with only {id, status, version} under Prefer: return=minimal', async () => {
      t.svc.clock.set('2026-03-05T10:00:00+08:00');
      let version = (await get(t.who.auditor)).body.version;
      for (const department of PERMIT_DEPARTMENTS) {
        const approved = await sendOk(
          t.svc,
          t.who.clerk(department),
          id,
          { type: 'APPROVE', department },
          { prefer: 'return=minimal' },
        );
        version += 1;
        expect(approved.headers.get('preference-applied')).to.equal('return=minimal');
        expect(approved.body).to.deep.equal({ id, status: 'in_review', version });
        // Its region is done: nothing left for this clerk to send.
        expect((await get(t.who.clerk(department))).body.allowedEvents).to.deep.equal([]);
      }
      const window = await get(t.who.clerk('window'));
      expect(window.body.allowedEvents).to.have.members(['ISSUE', 'EXTEND']);
      const issue = window.body.tasks.filter((task: { status: string }) => task.status === 'open');
      expect(issue).to.have.length(1);
      expect(issue[0]).to.include({ department: 'window', step: 'issue' });
    });

    it('should issue the permit: approved, every task closed, timing consistent', async () => {
      t.svc.clock.set('2026-03-10T10:00:00+08:00');
      const issued = await sendOk(t.svc, t.who.clerk('window'), id, { type: 'ISSUE' });
      expect(issued.body).to.include({ status: 'approved', concludedAt: '2026-03-10T02:00:00.000Z' });
      expect(issued.body.allowedEvents).to.deep.equal([]);
      expect(issued.body.tasks.every((task: { status: string }) => task.status === 'closed')).to.equal(true);
      const { timing } = issued.body;
      expect(timing.netWorkingDays).to.equal(timing.workingDays - timing.stoppedWorkingDays);
      expect(timing.onTime).to.equal(timing.netWorkingDays <= timing.limitWorkingDays);
      // 2 March (Mon) to 10 March; working days after the 3 March acceptance: 4, 5, 6, 9, 10 March.
      expect(timing).to.include({
        calendarDays: 8,
        workingDays: 5,
        stoppedWorkingDays: 0,
        netWorkingDays: 5,
        limitWorkingDays: 45,
        onTime: true,
      });
      expect((await get(t.who.applicant)).body.allowedEvents).to.deep.equal([]);
    });

    it('should keep the history: CREATE first, from/to states, actors and chained hashes', async () => {
      const history = await t.svc.request('GET', `/api/v1/applications/${id}/history`, {
        token: t.who.applicant,
      });
      expect(history.status).to.equal(200);
      const items = history.body.items;
      expect(items.map((r: { type: string }) => r.type)).to.deep.equal([
        'CREATE',
        'UPDATE_DRAFT',
        'SUBMIT',
        'ACCEPT',
        ...PERMIT_DEPARTMENTS.map(() => 'APPROVE'),
        'ISSUE',
      ]);
      expect(items.map((r: { seq: number }) => r.seq)).to.deep.equal(
        items.map((_: unknown, i: number) => i + 1),
      );
      expect(items[0]).to.deep.include({
        seq: 1,
        type: 'CREATE',
        from: null,
        to: 'draft',
        actor: { sub: 'ent-user', role: 'applicant', org: ENTERPRISE },
        onBehalfOf: null,
      });
      expect(items[2]).to.deep.include({ from: 'draft', to: { intake: 'examining' } });
      expect(items[3]).to.deep.include({
        actor: { sub: 'clerk-window', role: 'clerk', org: 'window' },
        from: { intake: 'examining' },
      });
      expect(items[3].to).to.have.nested.property('accepted.review.planning.review', 'reviewing');
      expect(items[4].actor).to.deep.equal({ sub: 'clerk-planning', role: 'clerk', org: 'planning' });
      expect(items.at(-1)).to.deep.include({ type: 'ISSUE', to: 'approved' });
      for (const record of items) expect(record.hash).to.match(HEX_HASH);
      expect(new Set(items.map((r: { hash: string }) => r.hash)).size).to.equal(items.length);
    });

    it('should verify the hash chain for an auditor', async () => {
      const verified = await t.svc.request('GET', `/api/v1/applications/${id}/verify`, {
        token: t.who.auditor,
      });
      expect(verified.status).to.equal(200);
      expect(verified.body).to.deep.equal({ ok: true, checked: 10 });
    });
  });

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

  describe('GET /applications', () => {
    const t = withService(kind);
    const ids = { drafts: [] as string[], noFire: '', withFire: '', other: '' };
    const list = async (token: string, query = '') => {
      const response = await t.svc.request('GET', `/api/v1/applications${query}`, { token });
      expect(response.status, JSON.stringify(response.body)).to.equal(200);
      return response.body as { items: Array<{ id: string; status: string }>; nextCursor: string | null };
    };
    const idsOf = (page: { items: Array<{ id: string }> }) => page.items.map((item) => item.id);

    before(async () => {
      const who = t.who;
      for (let i = 0; i < 3; i++)
        ids.drafts.push(await createDraft(t.svc, who.applicant, constructionPermitApplication()));
      const noFire = constructionPermitApplication();
      noFire.form.specialFireWorks = false;
      ids.noFire = await acceptedCase(t.svc, who, noFire);
      ids.withFire = await acceptedCase(t.svc, who, constructionPermitApplication());
      ids.other = await createDraft(t.svc, who.otherApplicant, constructionPermitApplication());
    });

    it('should show an enterprise its own cases only', async () => {
      const own = await list(t.who.applicant);
      expect(idsOf(own)).to.have.members([...ids.drafts, ids.noFire, ids.withFire]);
      expect(idsOf(await list(t.who.otherApplicant))).to.deep.equal([ids.other]);
    });

    it('should show a clerk only the cases with a task of its department', async () => {
      expect(idsOf(await list(t.who.clerk('fire')))).to.deep.equal([ids.withFire]);
      expect(idsOf(await list(t.who.clerk('planning')))).to.have.members([ids.noFire, ids.withFire]);
      expect(idsOf(await list(t.who.clerk('archives')))).to.deep.equal([]);
    });

    it('should show an auditor every case, filtered by status', async () => {
      expect(idsOf(await list(t.who.auditor))).to.have.length(6);
      const drafts = await list(t.who.auditor, '?status=draft');
      expect(idsOf(drafts)).to.have.members([...ids.drafts, ids.other]);
      for (const item of drafts.items) expect(item.status).to.equal('draft');
      expect(idsOf(await list(t.who.applicant, '?status=in_review'))).to.have.members([
        ids.noFire,
        ids.withFire,
      ]);
    });

    it('should page with limit and nextCursor, without gaps or repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await list(t.who.auditor, `?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.items.length).to.be.at.most(4);
        seen.push(...idsOf(page));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).to.equal(2);
      expect(seen).to.have.length(6);
      expect(seen).to.have.members(idsOf(await list(t.who.auditor)));
      const first = await list(t.who.applicant, '?limit=5');
      expect(first.items).to.have.length(5);
      expect(first.nextCursor).to.equal(null);
    });
  });

  describe('GET /workflows', () => {
    const t = withService(kind);

    it('should list the construction permit without a token', async () => {
      const response = await t.svc.request('GET', '/api/v1/workflows');
      expect(response.status).to.equal(200);
      const permit = response.body.items.find((w: { id: string }) => w.id === 'construction-permit');
      expect(permit).to.deep.include({
        version: 1,
        departments: ['window', ...PERMIT_DEPARTMENTS],
        stages: [2, 3],
      });
      expect(permit.title).to.be.a('string');
    });

    it('should describe the states with their tasks and the form schema', async () => {
      const response = await t.svc.request('GET', '/api/v1/workflows/construction-permit');
      expect(response.status).to.equal(200);
      const { states, formSchema } = response.body;
      const planning = states.find(
        (s: { id: string }) => s.id === 'construction-permit.accepted.review.planning.review',
      );
      expect(planning.task).to.include({ department: 'planning', action: 'review', limitDays: 20 });
      const intake = states.find((s: { id: string }) => s.id === 'construction-permit.intake');
      expect(intake.task).to.include({ department: 'window', limitDays: 5 });
      expect(response.body.events).to.include.members(['SUBMIT', 'ACCEPT', 'APPROVE', 'ISSUE']);
      expect(formSchema.$id).to.match(/construction-permit\.form\.json$/);
      expect(formSchema.required).to.include('floorAreaM2');
    });

    it('should draw the statechart as Mermaid text', async () => {
      const response = await t.svc.request('GET', '/api/v1/workflows/construction-permit/diagram');
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^text\/plain/);
      expect(response.body).to.be.a('string');
      expect(response.body.startsWith('stateDiagram-v2')).to.equal(true);
    });

    it('should answer 404 problem+json for an unknown workflow', async () => {
      const response = await t.svc.request('GET', '/api/v1/workflows/no-such-workflow');
      expect(response.status).to.equal(404);
      expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(response.body.type).to.equal('not-found');
    });
  });
});

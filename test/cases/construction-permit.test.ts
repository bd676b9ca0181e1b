import { expect } from 'chai';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { ENTERPRISE } from '../support/harness.ts';
import { DEPARTMENT_EVENTS, PERMIT_DEPARTMENTS, sendOk } from '../support/http.ts';
import { EXAMPLE_PERMIT_MATERIALS } from '../support/materials.ts';
import { withService } from '../support/with-service.ts';

const HEX_HASH = /^[0-9a-f]{64}$/;
const WINDOW_EVENTS = ['ACCEPT', 'ACCEPT_WITH_DEFICIENCIES', 'REQUEST_SUPPLEMENT', 'REFUSE'];

describeEachDatabase('cases/construction-permit', (kind) => {
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
        workflowVersion: 2, // the latest version: new cases start on it
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
      // Created, patched, a material for each paper the example's form requires, submitted.
      expect(submitted.body).to.include({ status: 'submitted', version: 3 + EXAMPLE_PERMIT_MATERIALS });
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
      const all = history.body.items;
      expect(all.map((r: { seq: number }) => r.seq)).to.deep.equal(all.map((_: unknown, i: number) => i + 1));
      const handedIn = all.filter((r: { type: string }) => r.type === 'MATERIAL_ADDED');
      expect(handedIn).to.have.length(EXAMPLE_PERMIT_MATERIALS);
      for (const record of handedIn) {
        expect(record.data).to.include.keys('code', 'sha256', 'bytes', 'mediaType');
        expect(record).to.deep.include({ from: 'draft', to: 'draft' });
      }
      const items = all.filter((r: { type: string }) => r.type !== 'MATERIAL_ADDED');
      expect(items.map((r: { type: string }) => r.type)).to.deep.equal([
        'CREATE',
        'UPDATE_DRAFT',
        'SUBMIT',
        'ACCEPT',
        ...PERMIT_DEPARTMENTS.map(() => 'APPROVE'),
        'ISSUE',
      ]);
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
      for (const record of all) expect(record.hash).to.match(HEX_HASH);
      expect(new Set(all.map((r: { hash: string }) => r.hash)).size).to.equal(all.length);
    });

    it('should verify the hash chain for an auditor', async () => {
      const verified = await t.svc.request('GET', `/api/v1/applications/${id}/verify`, {
        token: t.who.auditor,
      });
      expect(verified.status).to.equal(200);
      expect(verified.body).to.deep.equal({
        ok: true,
        checked: 10 + EXAMPLE_PERMIT_MATERIALS,
        materials: { checked: EXAMPLE_PERMIT_MATERIALS, mismatched: [] },
      });
    });
  });
});

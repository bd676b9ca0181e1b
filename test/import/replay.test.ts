import { expect } from 'chai';
import { importNdjson } from '../../src/import/index.ts';
import {
  HISTORY_ENTERPRISE,
  PERMIT_HISTORY_TIMING,
  permitHistoryEvents,
  permitHistoryLine,
} from '../fixtures/permit-history.ts';
import { auditOf, loadCase, tasksOf, timersOf } from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { ndjson, rowCounts } from '../support/import.ts';
import { CLOCK, applicant, changed, clerk, refusalOf } from '../support/import-history.ts';

describeEachDatabase('import/replay', (kind) => {
  let h: Harness;
  before(async () => {
    h = await createHarness(kind, CLOCK);
  });
  after(async () => {
    await h?.close();
  });
  const importText = (text: string) => importNdjson({ db: h.db, engine: h.engine }, text);

  describe('a real history', () => {
    let id = '';
    before(async () => {
      const [result] = await importText(ndjson([permitHistoryLine()]));
      expect(result, JSON.stringify(result)).to.include({ line: 1, ok: true });
      id = (result as { id: string }).id;
    });

    it('should create the case at its first event and replay every event at its own time', async () => {
      const app = await loadCase(h, id);
      expect(app).to.include({
        status: 'approved',
        applicant: HISTORY_ENTERPRISE,
        createdBy: 'ent-user',
        createdAt: '2025-09-22T01:00:00.000Z',
        submittedAt: '2025-09-22T01:00:00.000Z',
        acceptedAt: '2025-09-24T02:00:00.000Z',
        concludedAt: '2025-10-17T02:00:00.000Z',
        updatedAt: '2025-10-17T02:00:00.000Z',
        stoppedWorkingDays: PERMIT_HISTORY_TIMING.stoppedWorkingDays,
        limitWorkingDays: 45,
      });
      const audit = await auditOf(h, id);
      expect(audit.map((a) => a.type)).to.deep.equal(['CREATE', ...permitHistoryEvents().map((e) => e.type)]);
      expect(audit.map((a) => a.at)).to.deep.equal([
        '2025-09-22T01:00:00.000Z',
        ...permitHistoryEvents().map((e) => new Date(e.at).toISOString()),
      ]);
      expect(audit[3]).to.deep.include({
        actor: clerk('planning'),
        comment: 'The site plan must show the fire access road.',
        clockStopped: true,
      });
    });

    it('should store the figures the case concluded with: net working days net of the stopped clock', async () => {
      const row = await h.db.knex('applications').where({ id }).first();
      expect(Number(row.working_days)).to.equal(PERMIT_HISTORY_TIMING.workingDays);
      expect(Number(row.net_working_days)).to.equal(PERMIT_HISTORY_TIMING.netWorkingDays);
      expect(h.db.dialect.readBool(row.on_time)).to.equal(true);
      expect(row.concluded_month).to.equal('2025-10');
    });

    it('should leave every task closed at its event and nothing pending', async () => {
      const tasks = await tasksOf(h, id);
      expect(tasks.map((t) => [t.department, t.action, t.status])).to.deep.equal([
        ['window', 'intake', 'closed'],
        ['planning', 'review', 'closed'],
        ['housing', 'review', 'closed'],
        ['fire', 'review', 'closed'],
        ['civil-defense', 'review', 'closed'],
        ['environment', 'review', 'closed'],
        ['window', 'issue', 'closed'],
      ]);
      const planning = tasks.find((t) => t.department === 'planning')!;
      expect(planning).to.include({
        openedAt: '2025-09-24T02:00:00.000Z',
        closedAt: '2025-10-16T03:00:00.000Z',
        stoppedWorkingDays: 4,
      });
      expect(await timersOf(h, id)).to.deep.equal([]);
    });

    it('should never stamp anything with the engine clock', async () => {
      const clock = new Date(CLOCK).toISOString();
      const stamps = [
        ...(await auditOf(h, id)).map((a) => a.at),
        ...(await tasksOf(h, id)).flatMap((t) => [t.openedAt, t.closedAt]),
        ...(await h.db.knex('outbox').where({ application_id: id })).map((o) => String(o.created_at)),
      ];
      expect(stamps).to.not.include(clock);
      expect(stamps.every((s) => s === null || s < '2026-01-01')).to.equal(true);
    });

    it('should give the records the same events give when they are sent live', async () => {
      const events = permitHistoryEvents();
      h.clock.set(events[0]!.at);
      const { application } = await h.engine.create({
        workflow: 'construction-permit',
        applicant: HISTORY_ENTERPRISE,
        project: permitHistoryLine().project,
        form: permitHistoryLine().form,
        actor: applicant,
      });
      for (const { at, actor, ...event } of events) {
        h.clock.set(at);
        // As the events route does: a clerk's event is recorded for the clerk's own department.
        const department = actor.role === 'clerk' ? actor.org! : event.department;
        await h.engine.send({
          applicationId: application.id,
          event: { ...event, ...(department ? { department } : {}) },
          actor: { ...actor, org: actor.org ?? null },
        });
      }
      h.clock.set(CLOCK);
      const figures = async (caseId: string) => {
        const {
          id: _id,
          last_hash: _hash,
          ...row
        } = await h.db.knex('applications').where({ id: caseId }).first();
        return row;
      };
      expect(await figures(id)).to.deep.equal(await figures(application.id));
      const tasks = async (caseId: string) =>
        (await tasksOf(h, caseId)).map(({ id: _id, applicationId: _app, ...task }) => task);
      expect(await tasks(id)).to.deep.equal(await tasks(application.id));
      const audit = async (caseId: string) =>
        (await auditOf(h, caseId)).map(({ hash: _h, prevHash: _p, ...record }) => record);
      expect(await audit(id)).to.deep.equal(await audit(application.id));
    });
  });

  describe('refusals', () => {
    it('should refuse APPROVE before ACCEPT with the engine reason and leave no row at all', async () => {
      const before = await rowCounts(h.db);
      const events = permitHistoryEvents();
      events.splice(1, 0, {
        at: '2025-09-23T10:00:00+08:00',
        type: 'APPROVE',
        actor: clerk('housing'),
        department: 'housing',
      });
      const { error } = await refusalOf(h, permitHistoryLine(events));
      expect(error.type).to.equal('event-not-allowed');
      expect(error.pointer).to.equal('/events/1');
      expect(error.detail).to.match(
        /^\/events\/1 \(APPROVE at 2025-09-23T10:00:00\+08:00\): APPROVE is not allowed/,
      );
      expect(error.detail).to.include('submitted');
      expect(await rowCounts(h.db)).to.deep.equal(before);
    });

    it('should refuse events out of time order', async () => {
      const { error } = await refusalOf(
        h,
        permitHistoryLine(changed(3, { at: '2025-09-25T10:00:00+08:00' })),
      );
      expect(error).to.include({ type: 'invalid-history', pointer: '/events/3/at' });
      expect(error.detail).to.include('time order');
    });

    it('should refuse a time without an offset', async () => {
      const { error } = await refusalOf(h, permitHistoryLine(changed(1, { at: '2025-09-24T10:00:00' })));
      expect(error.type).to.equal('validation-failed');
      expect(error.errors).to.deep.equal([
        {
          pointer: '/events/1/at',
          code: 'date-time-offset',
          params: { example: '2025-09-22T09:00:00+08:00' },
          detail: 'must be a date and time with offset, e.g. 2025-09-22T09:00:00+08:00',
        },
      ]);
    });

    it('should refuse a line that is not JSON, and one of the wrong shape', async () => {
      const [broken, shapeless] = await importText(
        ndjson(['{"workflow": "construction-permit",', { events: [] }]),
      );
      expect(broken).to.deep.include({ line: 1, ok: false });
      expect((broken as any).error.type).to.equal('malformed-request');
      expect((broken as any).error.detail).to.include('not valid JSON');
      expect((shapeless as any).error.type).to.equal('validation-failed');
      expect((shapeless as any).error.errors.map((e: { pointer: string }) => e.pointer)).to.include.members([
        '/workflow',
        '/applicant',
        '/events',
      ]);
    });

    it('should refuse an unknown workflow, an unknown version and an agreement', async () => {
      const unknown = await refusalOf(h, { ...permitHistoryLine(), workflow: 'building-demolition' });
      expect(unknown.error).to.include({ type: 'unknown-workflow', pointer: '/workflow' });
      const version = await refusalOf(h, { ...permitHistoryLine(), workflowVersion: 9 });
      expect(version.error).to.include({ type: 'unknown-workflow', pointer: '/workflowVersion' });
      const agreement = await refusalOf(h, { ...permitHistoryLine(), workflow: 'delegation' });
      expect(agreement.error.type).to.equal('unknown-workflow');
    });

    it('should refuse an applicant sending ACCEPT, as the live policy does', async () => {
      const { error } = await refusalOf(h, permitHistoryLine(changed(1, { actor: { ...applicant } })));
      expect(error).to.include({ type: 'forbidden', pointer: '/events/1' });
      expect(error.detail).to.include("ACCEPT is not an applicant's event");
    });

    it("should refuse another enterprise's applicant, a clerk acting for another department and a first event by a clerk", async () => {
      const other = { sub: 'other', role: 'applicant', org: '91310110666007217T' } as const;
      const stranger = await refusalOf(h, permitHistoryLine(changed(4, { actor: other })));
      expect(stranger.error.type).to.equal('forbidden');
      expect(stranger.error.detail).to.include('acts for its own enterprise');
      const wrongDesk = await refusalOf(h, permitHistoryLine(changed(5, { actor: clerk('housing') })));
      expect(wrongDesk.error.detail).to.include('acts only for housing, not fire');
      const events = changed(0, null);
      const byClerk = await refusalOf(h, permitHistoryLine(events));
      expect(byClerk.error).to.include({ type: 'forbidden', pointer: '/events/0' });
      expect(byClerk.error.detail).to.include("the first event's actor creates the case");
    });

    it('should take an agent only on behalf of the applicant', async () => {
      const agent = { sub: 'agent-7', role: 'agent', org: 'team-3' } as const;
      const without = await refusalOf(h, permitHistoryLine(changed(0, { actor: agent })));
      expect(without.error.type).to.equal('forbidden');
      const [result] = await importText(
        ndjson([permitHistoryLine(changed(0, { actor: agent, onBehalfOf: HISTORY_ENTERPRISE }))]),
      );
      expect(result!.ok, JSON.stringify(result)).to.equal(true);
      const [create, submit] = await auditOf(h, (result as { id: string }).id);
      expect(create).to.deep.include({ actor: agent, onBehalfOf: HISTORY_ENTERPRISE });
      expect(submit).to.deep.include({ actor: agent, onBehalfOf: HISTORY_ENTERPRISE });
    });

    it('should refuse content the live route refuses: a supplement request without the list', async () => {
      const { error } = await refusalOf(h, permitHistoryLine(changed(2, { comment: undefined })));
      expect(error.type).to.equal('validation-failed');
      expect(error.errors).to.deep.equal([
        {
          pointer: '/events/2/comment',
          code: 'required',
          params: { rule: 'supplement-list' },
          detail: 'is required and must list everything the applicant has to supply, in one go',
        },
      ]);
    });

    it('should refuse a form that fails on SUBMIT, with pointers into the form', async () => {
      const line = permitHistoryLine();
      delete line.form.floorAreaM2;
      const { error } = await refusalOf(h, line);
      expect(error).to.include({ type: 'validation-failed', pointer: '/events/0' });
      expect(error.errors).to.deep.include({
        pointer: '/form/floorAreaM2',
        code: 'required',
        detail: 'is required',
      });
    });

    it('should refuse fees and inspections, which an import line does not carry', async () => {
      const events = permitHistoryEvents();
      events.splice(2, 0, {
        at: '2025-09-25T10:00:00+08:00',
        type: 'FEE_ASSESSED',
        actor: clerk('window'),
      });
      const { error } = await refusalOf(h, permitHistoryLine(events));
      expect(error).to.include({ type: 'not-importable', pointer: '/events/2' });
      expect(error.detail).to.include('fees and inspections are not imported');
    });

    it('should refuse a CREATE record in the events: the line itself creates the case', async () => {
      const events = permitHistoryEvents();
      events.unshift({ ...events[0]!, type: 'CREATE' });
      const { error } = await refusalOf(h, permitHistoryLine(events));
      expect(error).to.include({ type: 'not-importable', pointer: '/events/0' });
      expect(error.detail).to.include('CREATE is implied by the line');
    });
  });
});

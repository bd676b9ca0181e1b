import { expect } from 'chai';
import { sweepDueWarnings } from '../../src/notifications/index.ts';
import { acceptWithDeficiencies, createPermit, requestSupplement, send, SUBMIT } from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createHarness, ENTERPRISE, type Harness } from '../support/harness.ts';

describeEachDatabase('notifications/due-warnings', (kind) => {
  let h: Harness;
  let id: string;
  beforeEach(async () => {
    h = await createHarness(kind);
    // Accepted on Monday 2 March 2026 with papers pledged for Friday 13 March. Housing reviews within 7 working
    // days: Wednesday 11 March. Every other review is due after Monday 23 March.
    id = await createPermit(h);
    await send(h, id, SUBMIT);
    await send(h, id, acceptWithDeficiencies('2026-03-13', ['land-survey-report']));
  });
  afterEach(async () => {
    await h.close();
  });

  const sweep = () =>
    sweepDueWarnings({ db: h.db, calendar: h.calendar, registry: h.registry, webhook: true }, h.clock.now());
  const warnings = async () => {
    const rows = await h.db.knex('notifications').whereNot({ code: 'accepted' }).orderBy('id');
    const recipients = await h.db.knex('notification_recipients');
    return rows.map((row: Record<string, unknown>) => ({
      code: String(row.code),
      text: String(row.text),
      to: recipients
        .filter((r: Record<string, unknown>) => String(r.notification_id) === String(row.id))
        .map((r: Record<string, unknown>) => `${r.kind}:${r.recipient}`),
    }));
  };

  it("should warn a department's clerks of a task due within 2 working days, once", async () => {
    h.clock.set('2026-03-06T09:00:00+08:00');
    // Friday 6 March: Wednesday 11 March is 3 working days away.
    expect(await sweep()).to.deep.equal({ created: 0 });
    h.clock.set('2026-03-09T09:00:00+08:00');
    expect(await sweep()).to.deep.equal({ created: 1 });
    expect(await sweep()).to.deep.equal({ created: 0 });
    h.clock.set('2026-03-09T17:00:00+08:00');
    expect(await sweep()).to.deep.equal({ created: 0 });
    const [due] = await warnings();
    expect(due!.code).to.equal('task-due');
    expect(due!.to).to.deep.equal(['department:housing']);
    expect(due!.text).to.include('住房和城乡建设：「Aviation Town Component Plant, Building 3」');
    expect(due!.text).to.include('审查任务将于2026年3月11日到期（剩余2个工作日）');
    // Queued for the webhook too (the harness has no observer: the acceptance made no message).
    expect(await h.db.knex('outbox').where({ type: 'notification' })).to.have.length(1);
  });

  it('should warn the enterprise of pledged papers 3 working days ahead, and clerks of an overdue task', async () => {
    h.clock.set('2026-03-09T09:00:00+08:00');
    await sweep();
    // Tuesday 10 March: Friday 13 March is 3 working days away.
    h.clock.set('2026-03-10T09:00:00+08:00');
    expect(await sweep()).to.deep.equal({ created: 1 });
    // Thursday 12 March: housing's review was due yesterday.
    h.clock.set('2026-03-12T09:00:00+08:00');
    expect(await sweep()).to.deep.equal({ created: 1 });
    const [, pledge, overdue] = await warnings();
    expect(pledge!.code).to.equal('pledge-due');
    expect(pledge!.to).to.deep.equal([`enterprise:${ENTERPRISE}`]);
    expect(pledge!.text).to.include('（land-survey-report）须于2026年3月13日前补交，还剩3个工作日');
    expect(overdue!.code).to.equal('task-overdue');
    expect(overdue!.to).to.deep.equal(['department:housing']);
    expect(overdue!.text).to.include('审查任务已于2026年3月11日到期，现已超期');
  });

  it('should not warn of a task whose clock stands still while the enterprise supplements', async () => {
    await send(h, id, requestSupplement('housing'));
    h.clock.set('2026-03-09T09:00:00+08:00');
    expect(await sweep()).to.deep.equal({ created: 0 });
  });

  it('should create each warning once when two sweeps run at the same time', async () => {
    h.clock.set('2026-03-12T09:00:00+08:00');
    const [a, b] = await Promise.all([sweep(), sweep()]);
    expect(a.created + b.created).to.equal(2);
    expect((await warnings()).map((w) => w.code).sort()).to.deep.equal(['pledge-due', 'task-overdue']);
  });
});

import { expect } from 'chai';
import { openDatabase, PostgresGroupCommit } from '../../src/db/index.ts';
import { Engine } from '../../src/engine/engine.ts';
import { ACCEPT, approve, auditOf, createPermit, loadCase, send, SUBMIT } from '../support/cases.ts';
import { databaseKinds } from '../support/databases.ts';
import { createHarness, ENTERPRISE, OTHER_ENTERPRISE, type Harness } from '../support/harness.ts';
import {
  acceptedCase,
  createDraft,
  people,
  sendEvent,
  sendOk,
  startTestService,
  type TestService,
} from '../support/http.ts';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';

const DEPARTMENTS = ['planning', 'housing', 'fire', 'civil-defense', 'environment'];

/** An engine of its own on the harness's database, as a second instance of the service would have. */
function engineOn(h: Harness, db = h.db): { engine: Engine; groupCommit: PostgresGroupCommit } {
  const groupCommit = new PostgresGroupCommit(db.knex);
  const engine = new Engine({ db, registry: h.registry, calendar: h.calendar, clock: h.clock, groupCommit });
  return { engine, groupCommit };
}

(databaseKinds().includes('pg') ? describe : describe.skip)('db/postgres-group-commit', () => {
  let h: Harness;
  let groupCommit: PostgresGroupCommit;
  beforeEach(async () => {
    h = await createHarness('pg');
    ({ engine: h.engine, groupCommit } = engineOn(h));
  });
  afterEach(async () => {
    await h.close();
  });

  async function reviewing(): Promise<string> {
    const id = await createPermit(h);
    await send(h, id, SUBMIT);
    await send(h, id, ACCEPT);
    return id;
  }

  it('should send at most 3 statements per event in a batch of approvals, the batch statements included', async () => {
    const ids = await Promise.all(Array.from({ length: 8 }, () => reviewing()));
    const before = { ...groupCommit.stats };
    // Every approval is queued before the first batch starts: one batch.
    await Promise.all(ids.flatMap((id) => DEPARTMENTS.map((d) => send(h, id, approve(d)))));
    const events = groupCommit.stats.events - before.events;
    const queries = groupCommit.stats.queries - before.queries;
    expect(events).to.equal(40);
    expect(queries / events).to.be.at.most(3);
  });

  it('should refuse an event that fails after writing, and still commit every other event of its batch', async () => {
    const ids = [await reviewing(), await reviewing()];
    const failing = groupCommit.run(async (store) => {
      await store.insertTask({
        application_id: ids[0],
        workflow_id: 'construction-permit',
        node: 'written-then-refused',
        department: 'planning',
        action: 'review',
        limit_days: 1,
        opened_at: '2026-03-02T01:00:00.000Z',
        due_at: '2026-03-03T01:00:00.000Z',
        status: 'open',
      });
      // A unique key broken after a write: PostgreSQL aborts the whole transaction.
      await store.query('insert into departments (code, name, name_zh) values (?, ?, ?)', [
        'planning',
        'x',
        'x',
      ]);
    }, ids[0]);
    const results = await Promise.allSettled([
      ...ids.map((id) => send(h, id, approve('planning'))),
      failing,
      ...ids.map((id) => send(h, id, approve('housing'))),
    ]);
    expectFailureAlone(results);
    for (const id of ids) {
      expect((await loadCase(h, id)).version).to.equal(5);
      expect((await auditOf(h, id)).map((r) => r.type).slice(3)).to.deep.equal(['APPROVE', 'APPROVE']);
    }
    const written = await h.db.knex('tasks').where({ node: 'written-then-refused' });
    expect(written).to.have.length(0);
  });

  it("should tell a failure to its own caller when its statement carried an earlier event's writes", async () => {
    const ids = [await reviewing(), await reviewing()];
    // Queued in this order into one batch: the failing statement carries the first approvals' held writes, so
    // the batch runs again with each event flushing its own, and the failure then reaches its caller alone.
    const approval = (id: string, department: string) =>
      groupCommit.run(
        (store) =>
          h.engine.sendWith(store, {
            applicationId: id,
            event: approve(department),
            actor: { sub: `clerk-${department}`, role: 'clerk', org: department },
          }),
        id,
      );
    const failing = () =>
      groupCommit.run(
        (store) =>
          store.query('insert into departments (code, name, name_zh) values (?, ?, ?)', ['fire', 'x', 'x']),
        ids[0],
      );
    const batchesBefore = groupCommit.stats.batches;
    const results = await Promise.allSettled([
      ...ids.map((id) => approval(id, 'planning')),
      failing(),
      ...ids.map((id) => approval(id, 'housing')),
    ]);
    expectFailureAlone(results);
    // The first batch rolled back whole; the second, careful, committed the four approvals.
    expect(groupCommit.stats.batches - batchesBefore).to.equal(1);
    for (const id of ids) {
      expect((await auditOf(h, id)).map((r) => r.type).slice(3)).to.deep.equal(['APPROVE', 'APPROVE']);
    }
  });

  it('should run an event that lost a deadlock again, alone, and keep its neighbours', async () => {
    const id = await reviewing();
    let lost = 0;
    const losing = groupCommit.run(async (store) => {
      const row = await store.application(id);
      if (lost++ === 0) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      return row?.version;
    }, id);
    const [version] = await Promise.all([losing, send(h, id, approve('planning'))]);
    expect(lost).to.equal(2);
    // The retry ran in a later batch, after the approval had committed.
    expect(version).to.equal(4);
    expect((await loadCase(h, id)).version).to.equal(4);
  });

  it('should give up on an event after five lost deadlocks and tell its caller', async () => {
    const id = await reviewing();
    let tries = 0;
    const error = await groupCommit
      .run(async () => {
        tries++;
        throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      }, id)
      .catch((e: unknown) => e);
    expect((error as { code?: string }).code).to.equal('40P01');
    expect(tries).to.equal(6);
    expect((await loadCase(h, id)).version).to.equal(3);
  });

  it('should read a locked case and its tasks from the table again after a raw query wrote them', async () => {
    const id = await reviewing();
    const seen = await groupCommit.run(async (store) => {
      // Kept by the batch's lock: read free.
      const before = {
        limit: (await store.application(id))!.limit_working_days,
        tasks: await store.openTasks(id),
      };
      await store.query('UPDATE  Applications set limit_working_days = ? where id = ?', [77, id]);
      await store.query("update tasks set limit_days = ? where application_id = ? and status = 'open'", [
        99,
        id,
      ]);
      const after = {
        limit: (await store.application(id))!.limit_working_days,
        tasks: await store.openTasks(id),
      };
      return { before, after };
    }, id);
    expect(seen.before.limit).to.not.equal(77);
    expect(seen.before.tasks.map((t) => t.limit_days)).to.not.include(99);
    expect(seen.after.limit).to.equal(77);
    expect(seen.after.tasks).to.have.length(DEPARTMENTS.length);
    expect(seen.after.tasks.map((t) => t.limit_days)).to.deep.equal(DEPARTMENTS.map(() => 99));
  });

  it('should let two instances write the same cases at once without a deadlock or a lost event', async () => {
    const second = openDatabase({ client: 'pg', connection: h.url });
    try {
      const other = engineOn(h, second);
      const ids = await Promise.all(Array.from({ length: 6 }, () => reviewing()));
      // Each case's approvals alternate between the instances, so both batches hold most cases.
      await Promise.all(
        ids.flatMap((id) =>
          DEPARTMENTS.map((d, i) =>
            (i % 2 ? other.engine : h.engine).send({
              applicationId: id,
              event: approve(d),
              actor: { sub: `clerk-${d}`, role: 'clerk', org: d },
            }),
          ),
        ),
      );
      expect(other.groupCommit.stats.events).to.be.greaterThan(0);
      for (const id of ids) {
        const app = await loadCase(h, id);
        expect(app.state).to.deep.equal({ accepted: 'issuing' });
        expect((await auditOf(h, id)).map((r) => r.seq)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8]);
      }
    } finally {
      await second.knex.destroy();
    }
  });
});

(databaseKinds().includes('pg') ? describe : describe.skip)('db/postgres-group-commit over HTTP', () => {
  let svc: TestService;
  beforeEach(async () => {
    svc = await startTestService('pg');
  });
  afterEach(async () => {
    await svc.close();
  });

  /** Every department's APPROVE of every case, all sent at once, as the benchmark's clients send them. */
  const approveAllAtOnce = (who: ReturnType<typeof people>, ids: string[]) =>
    Promise.all(
      ids.flatMap((id) =>
        DEPARTMENTS.map((department) =>
          sendEvent(
            svc,
            who.clerk(department),
            id,
            { type: 'APPROVE', department },
            { prefer: 'return=minimal' },
          ),
        ),
      ),
    );

  it('should send at most 3 statements per approval with its observers, as the benchmark sends them', async () => {
    const who = people(svc, ENTERPRISE, OTHER_ENTERPRISE);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await acceptedCase(svc, who, constructionPermitApplication()));
    const stats = svc.service.engine.groupCommit!.stats!;
    const before = { ...stats };
    // Case after case, all at once: a case's approvals share batches, as the benchmark's clients make them.
    const answers = await approveAllAtOnce(who, ids);
    expect(answers.map((a) => a.status)).to.deep.equal(answers.map(() => 200));
    const events = stats.events - before.events;
    expect(events).to.equal(30);
    expect((stats.queries! - before.queries!) / events).to.be.at.most(3);
  });

  it('should commit the writes carried with later statements: every row there, serial ids in the order written', async () => {
    const who = people(svc, ENTERPRISE, OTHER_ENTERPRISE);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await acceptedCase(svc, who, constructionPermitApplication()));
    await approveAllAtOnce(who, ids);
    const { knex } = svc.service.db;
    for (const id of ids) {
      const audit = await knex('audit_events').where({ application_id: id }).orderBy('seq');
      expect(audit.map((r) => r.type).slice(-5)).to.deep.equal(DEPARTMENTS.map(() => 'APPROVE'));
      const app = await knex('applications').where({ id }).first();
      expect(app.version).to.equal(audit.length);
      expect(app.last_hash).to.equal(audit.at(-1).hash);
      // Each approval closed its task; the last one opened the issuing task, after every review task.
      const tasks = await knex('tasks').where({ application_id: id }).orderBy('id');
      const reviews = tasks.filter((t) => DEPARTMENTS.includes(t.department));
      expect(reviews.map((t) => t.status)).to.deep.equal(DEPARTMENTS.map(() => 'closed'));
      expect(tasks.filter((t) => t.status === 'open')).to.deep.equal([tasks.at(-1)]);
      // One message per approval, with its recipients, numbered in the order the approvals were written.
      const approvals = audit.filter((r) => r.type === 'APPROVE').map((r) => Number(r.seq));
      const messages = await knex('notifications')
        .where({ application_id: id })
        .whereLike('dedupe_key', '%:department-decided')
        .orderBy('id');
      expect(messages.map((m) => Number(String(m.dedupe_key).split(':')[2]))).to.deep.equal(approvals);
      for (const message of messages) {
        const recipients = await knex('notification_recipients').where({ notification_id: message.id });
        expect(recipients.map((r) => r.recipient)).to.include(ENTERPRISE);
      }
    }
  });

  it("should send an acceptance's tasks and its exchange records one statement each, rows in the order written", async () => {
    const who = people(svc, ENTERPRISE, OTHER_ENTERPRISE);
    const stats = svc.service.engine.groupCommit!.stats!;
    const id = await createDraft(svc, who.applicant, constructionPermitApplication());
    await sendOk(svc, who.applicant, id, { type: 'SUBMIT' });
    const { knex } = svc.service.db;
    const recordsBefore = await knex('exchange_records').where({ application_id: id }).orderBy('id');
    const before = { ...stats };
    await sendOk(svc, who.clerk('window'), id, { type: 'ACCEPT' }, { prefer: 'return=minimal' });
    // BEGIN, the lock and the tasks it reads, the materials' three reads, the case with the held writes, the
    // five tasks, the message, the exchange records and COMMIT: 21 when each task and record went alone.
    expect(stats.events - before.events).to.equal(1);
    expect(stats.queries! - before.queries!).to.be.at.most(11);
    const tasks = await knex('tasks').where({ application_id: id }).orderBy('id');
    expect(tasks.map((t) => t.department)).to.deep.equal(['window', ...DEPARTMENTS]);
    const records = (await knex('exchange_records').where({ application_id: id }).orderBy('id')).slice(
      recordsBefore.length,
    );
    // The acceptance's record, the window's step closed, then each department's step opened, as written.
    expect(records.map((r) => String(r.record_key).split(':').at(-1))).to.deep.equal([
      'accepted',
      'window',
      ...DEPARTMENTS,
    ]);
  });
});

/** Four approvals committed around one broken unique key, whose error reached its own caller alone. */
function expectFailureAlone(results: PromiseSettledResult<unknown>[]): void {
  expect(results.map((r) => r.status)).to.deep.equal([
    'fulfilled',
    'fulfilled',
    'rejected',
    'fulfilled',
    'fulfilled',
  ]);
  expect((results[2] as PromiseRejectedResult).reason).to.have.property('code', '23505');
}

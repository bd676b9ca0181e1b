import { expect } from 'chai';
import { knexEventStore } from '../../src/db/index.ts';
import { importNdjson } from '../../src/import/index.ts';
import { fireDueTimers } from '../../src/engine/timers.ts';
import type { CommittedEvent } from '../../src/engine/types.ts';
import { acceptWithDeficiencies, auditOf, createPermit, loadCase, send, SUBMIT } from '../support/cases.ts';
import { permitHistoryEvents, permitHistoryLine } from '../fixtures/permit-history.ts';
import { ndjson } from '../support/import.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';

describeEachDatabase('engine/observers', (kind) => {
  let h: Harness;
  let seen: CommittedEvent[];
  beforeEach(async () => {
    h = await createHarness(kind);
    await h.db.knex.schema.createTable('observer_notes', (t) => {
      t.increments('id');
      t.string('application_id');
      t.string('type');
      t.integer('seq');
    });
    seen = [];
    h.engine.observe(async (store, committed) => {
      seen.push(committed);
      await store.insert('observer_notes', {
        application_id: committed.application.id,
        type: committed.type,
        seq: committed.seq,
      });
    });
  });
  afterEach(async () => {
    await h.close();
  });

  const notes = () => h.db.knex('observer_notes').orderBy('id').select('type', 'seq');

  it('should see the creation and each event with the statuses around it, writing in their transaction', async () => {
    const id = await createPermit(h);
    await send(h, id, SUBMIT);
    expect(seen.map((c) => [c.type, c.previousStatus, c.application.status])).to.deep.equal([
      ['CREATE', null, 'draft'],
      ['SUBMIT', 'draft', 'submitted'],
    ]);
    expect(seen[1]!.before).to.not.equal(null);
    expect(await notes()).to.deep.equal([
      { type: 'CREATE', seq: 1 },
      { type: 'SUBMIT', seq: 2 },
    ]);
  });

  it('should see an event a timer sends, as the scheduler', async () => {
    const id = await createPermit(h);
    await send(h, id, SUBMIT);
    // A pledge due on Wednesday; on Thursday the timer suspends the case.
    await send(h, id, acceptWithDeficiencies('2026-03-04'));
    h.clock.set('2026-03-06T09:00:00+08:00');
    const swept = await fireDueTimers(h.db, h.engine);
    expect(swept.fired).to.equal(1);
    const last = seen.at(-1)!;
    expect(last.actor.role).to.equal('system');
    expect(last.application.status).to.equal('suspended');
    expect((await notes()).at(-1)).to.deep.equal({ type: last.type, seq: last.seq });
  });

  it('should roll the event back when an observer fails', async () => {
    const id = await createPermit(h);
    h.engine.observe(async (_store, committed) => {
      if (committed.type === 'SUBMIT') throw new Error('the licence register is unreachable');
    });
    let failure: unknown;
    await send(h, id, SUBMIT).catch((error) => (failure = error));
    expect(String(failure)).to.include('the licence register is unreachable');
    expect((await loadCase(h, id)).status).to.equal('draft');
    expect((await auditOf(h, id)).map((r) => r.type)).to.deep.equal(['CREATE']);
    expect(await notes()).to.deep.equal([{ type: 'CREATE', seq: 1 }]);
  });

  it('should read and write with one statement through the store, returning rows on both databases', async () => {
    const id = await createPermit(h);
    const rows = await h.engine.read((store) =>
      store.query('select type, seq from observer_notes where application_id = ?', [id]),
    );
    expect(rows.map((r) => ({ type: r.type, seq: Number(r.seq) }))).to.deep.equal([
      { type: 'CREATE', seq: 1 },
    ]);
    const returned = await h.db.knex.transaction(async (trx) => {
      return knexEventStore(trx, h.db.dialect).query(
        'insert into observer_notes (application_id, type, seq) values (?, ?, ?) returning seq',
        [id, 'NOTE', 7],
      );
    });
    expect(returned.map((r) => Number(r.seq))).to.deep.equal([7]);
  });

  it('should mark history replayed by the import, so that observers tell nobody of it', async () => {
    const [result] = await importNdjson({ db: h.db, engine: h.engine }, ndjson([permitHistoryLine()]));
    expect(result).to.include({ ok: true });
    expect(seen.length).to.equal(permitHistoryEvents().length + 1);
    expect(seen.every((c) => c.replayed)).to.equal(true);
    const id = await createPermit(h);
    expect(seen.at(-1)).to.include({ type: 'CREATE', replayed: false });
    expect(seen.at(-1)!.application.id).to.equal(id);
  });
});

import { expect } from 'chai';
import { knexEventStore } from '../../src/db/index.ts';
import { VersionConflictError } from '../../src/errors/index.ts';
import { appendToCase, type CaseEntry } from '../../src/engine/append.ts';
import { verifyChain } from '../../src/engine/audit-chain.ts';
import { auditOf, chainOf, createPermit, loadCase } from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { clerk, createHarness, type Harness } from '../support/harness.ts';

/** A note on a case that leaves its state as it is. */
const note = (at: string, state: unknown): CaseEntry => ({
  at,
  type: 'NOTE',
  actor: clerk('planning'),
  onBehalfOf: null,
  from: state,
  to: state,
  comment: 'seen',
  data: { page: 3 },
  status: 'draft',
  clockStopped: false,
});

describeEachDatabase('engine/append', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind);
  });
  afterEach(async () => {
    await h.close();
  });

  it('should append the next seq, chain its hash to the last one and move the case to that version', async () => {
    const id = await createPermit(h);
    const app = await loadCase(h, id);
    const at = '2026-03-02T02:00:00.000Z';
    const appended = await h.db.knex.transaction((trx) =>
      appendToCase(knexEventStore(trx, h.db.dialect), app, note(at, app.state), () => ({})),
    );
    expect(appended).to.include({ seq: 2, prevHash: app.lastHash, type: 'NOTE', status: 'draft' });
    const stored = await loadCase(h, id);
    expect(stored).to.include({ version: 2, lastHash: appended.hash, updatedAt: at });
    const [, record] = await auditOf(h, id);
    expect(record).to.deep.include({ seq: 2, comment: 'seen', data: { page: 3 }, hash: appended.hash });
    expect(verifyChain(await chainOf(h, id))).to.deep.equal({ ok: true, checked: 2 });
  });

  it('should write the columns the entry changes, computed from the chained record', async () => {
    const id = await createPermit(h);
    const app = await loadCase(h, id);
    await h.db.knex.transaction((trx) =>
      appendToCase(knexEventStore(trx, h.db.dialect), app, note(app.createdAt, app.state), (record) => ({
        status: `seen-${record.seq}`,
      })),
    );
    expect((await loadCase(h, id)).status).to.equal('seen-2');
  });

  it('should refuse with a version conflict and write nothing when the case moved since it was read', async () => {
    const id = await createPermit(h);
    const stale = await loadCase(h, id);
    const store = knexEventStore(h.db.knex, h.db.dialect);
    await appendToCase(store, stale, note(stale.createdAt, stale.state), () => ({}));
    let error: unknown;
    try {
      await appendToCase(store, stale, note(stale.createdAt, stale.state), () => ({}));
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(VersionConflictError);
    expect(error).to.include({ applicationId: id, expectedVersion: 1 });
    expect(await auditOf(h, id)).to.have.length(2);
  });
});

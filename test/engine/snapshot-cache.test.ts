import { expect } from 'chai';
import { Engine } from '../../src/engine/engine.ts';
import { SnapshotCache } from '../../src/engine/snapshot-cache.ts';
import { createMachine, initialTransition } from 'xstate';
import { groupCommitFor } from '../../src/db/index.ts';
import { ACCEPT, approve, auditOf, createPermit, loadCase, SUBMIT } from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { applicant, clerk, createHarness, type Harness } from '../support/harness.ts';

/**
 * The engine keeps the snapshot it last committed for each case, to skip restoring it. Another writer (a
 * second instance, or the Knex path of fees and imports) must never be answered from that memory.
 */
describeEachDatabase('engine snapshot memory', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind);
  });
  afterEach(async () => {
    await h.close();
  });

  it('should restore from the row when another engine committed the case since', async () => {
    const other = new Engine({
      db: h.db,
      registry: h.registry,
      calendar: h.calendar,
      clock: h.clock,
      groupCommit: groupCommitFor(h.db),
    });
    const id = await createPermit(h);
    await h.engine.send({ applicationId: id, event: SUBMIT, actor: applicant });
    await h.engine.send({ applicationId: id, event: ACCEPT, actor: clerk('window') });
    // The second engine approves for planning; the first still remembers the case as just accepted.
    await other.send({ applicationId: id, event: approve('planning'), actor: clerk('planning') });
    await h.engine.send({ applicationId: id, event: approve('housing'), actor: clerk('housing') });
    const app = await loadCase(h, id);
    expect(app.state).to.have.nested.property('accepted.review.planning', 'approved');
    expect(app.state).to.have.nested.property('accepted.review.housing', 'approved');
    expect((await auditOf(h, id)).map((r) => r.type)).to.deep.equal([
      'CREATE',
      'SUBMIT',
      'ACCEPT',
      'APPROVE',
      'APPROVE',
    ]);
    // And the first engine refuses what the other already did, instead of trusting its memory.
    const again = await h.engine
      .send({ applicationId: id, event: approve('planning'), actor: clerk('planning') })
      .catch((e: unknown) => e);
    expect((again as Error).name).to.equal('EventNotAllowedError');
  });

  it("should not answer a case's next event in a batch from an event whose writes were undone", async () => {
    const { engine } = h; // with its group commit
    // Fails planning's approval after the engine has written it: its writes are undone, the batch goes on.
    engine.observe(async (_store, committed) => {
      if (committed.type === 'APPROVE' && committed.actor.org === 'planning') {
        throw new Error('the observer refuses planning');
      }
    });
    const id = await createPermit(h);
    await engine.send({ applicationId: id, event: SUBMIT, actor: applicant });
    await engine.send({ applicationId: id, event: ACCEPT, actor: clerk('window') });
    // Sent together, so they share one batch: planning's approval is undone, a record that leaves the state
    // alone takes the version it had written, and housing's approval comes after both.
    const [planning, attempt, housing] = await Promise.allSettled([
      engine.send({ applicationId: id, event: approve('planning'), actor: clerk('planning') }),
      engine.record({ applicationId: id, type: 'FEE_REFUSED', actor: clerk('window'), data: null }),
      engine.send({ applicationId: id, event: approve('housing'), actor: clerk('housing') }),
    ]);
    expect(planning.status).to.equal('rejected');
    expect([attempt.status, housing.status]).to.deep.equal(['fulfilled', 'fulfilled']);
    const app = await loadCase(h, id);
    expect(app.state).to.have.nested.property('accepted.review.planning.review', 'reviewing');
    expect(app.state).to.have.nested.property('accepted.review.housing', 'approved');
    // And the next event builds on the state as committed.
    await engine
      .send({ applicationId: id, event: approve('planning'), actor: clerk('planning') })
      .catch((e: unknown) => expect((e as Error).message).to.equal('the observer refuses planning'));
    await engine.send({ applicationId: id, event: approve('fire'), actor: clerk('fire') });
    const after = await loadCase(h, id);
    expect(after.state).to.have.nested.property('accepted.review.planning.review', 'reviewing');
    expect(after.state).to.have.nested.property('accepted.review.fire', 'approved');
    expect((await auditOf(h, id)).map((r) => r.type)).to.deep.equal([
      'CREATE',
      'SUBMIT',
      'ACCEPT',
      'FEE_REFUSED',
      'APPROVE',
      'APPROVE',
    ]);
  });
});

describe('engine/snapshot-cache', () => {
  const [snapshot] = initialTransition(createMachine({ initial: 'draft', states: { draft: {} } }));

  it('should answer only for the version it was given', () => {
    const cache = new SnapshotCache();
    cache.remember('case-1', 3, snapshot);
    expect(cache.get('case-1', 3)).to.equal(snapshot);
    expect(cache.get('case-1', 4)).to.equal(undefined);
    expect(cache.get('case-2', 3)).to.equal(undefined);
  });

  it('should drop the case remembered longest ago once it keeps 5,000', () => {
    const cache = new SnapshotCache();
    for (let i = 0; i <= 5_000; i++) cache.remember(`case-${i}`, 1, snapshot);
    expect(cache.get('case-0', 1)).to.equal(undefined);
    expect(cache.get('case-1', 1)).to.equal(snapshot);
    expect(cache.get('case-5000', 1)).to.equal(snapshot);
  });
});

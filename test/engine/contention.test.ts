import { expect } from 'chai';
import { verifyChain } from '../../src/engine/audit-chain.ts';
import { Engine } from '../../src/engine/engine.ts';
import { groupCommitFor } from '../../src/db/index.ts';
import type { EventInput } from '../../src/engine/workflow.ts';
import { actorFor, auditOf, chainOf, loadCase, send, acceptedPermit } from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';

const WRITERS = 20;
const ROUNDS = 5;

describeEachDatabase('engine write contention', (kind) => {
  let h: Harness;
  before(async () => {
    h = await createHarness(kind);
  });
  after(async () => {
    await h?.close();
  });

  const assessment = (i: number): EventInput => ({
    type: 'FEE_ASSESSED',
    department: 'housing',
    data: { code: `fee-${i}` },
  });

  it('should land 20 concurrent writers on one case, none refused for a version conflict', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const id = await acceptedPermit(h);
      // Half write a row of their own alongside the event (as the fees route does), half send plain events.
      const outcomes = await Promise.allSettled(
        Array.from({ length: WRITERS }, (_, i) =>
          i % 2
            ? send(h, id, assessment(i))
            : h.engine.send(
                { applicationId: id, event: assessment(i), actor: actorFor(assessment(i)) },
                async () => ({
                  writer: i,
                }),
              ),
        ),
      );
      const refused = outcomes.filter((o) => o.status === 'rejected');
      expect(refused.map((o) => String((o as PromiseRejectedResult).reason))).to.deep.equal([]);
      const app = await loadCase(h, id);
      expect(app.version).to.equal(3 + WRITERS);
      const audit = await auditOf(h, id);
      expect(audit.filter((a) => a.type === 'FEE_ASSESSED')).to.have.length(WRITERS);
      expect(verifyChain(await chainOf(h, id))).to.deep.equal({ ok: true, checked: 3 + WRITERS });
    }
  });

  it('should serialise racing writers without any retry at all', async () => {
    const noRetry = new Engine({
      db: h.db,
      registry: h.registry,
      calendar: h.calendar,
      clock: h.clock,
      maxConflictRetries: 0,
      groupCommit: groupCommitFor(h.db),
    });
    const id = await acceptedPermit(h);
    const outcomes = await Promise.allSettled(
      Array.from({ length: WRITERS }, (_, i) =>
        noRetry.send({ applicationId: id, event: assessment(i), actor: actorFor(assessment(i)) }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'rejected')).to.have.length(0);
    expect((await loadCase(h, id)).version).to.equal(3 + WRITERS);
  });
});

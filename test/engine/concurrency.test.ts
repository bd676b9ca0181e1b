import { expect } from 'chai';
import { verifyChain } from '../../src/engine/audit-chain.ts';
import { Engine } from '../../src/engine/engine.ts';
import { groupCommitFor } from '../../src/db/index.ts';
import { VersionConflictError } from '../../src/errors/index.ts';
import { fireDueTimers } from '../../src/engine/timers.ts';
import type { EventInput } from '../../src/engine/workflow.ts';
import { allReviewDepartments } from '../fixtures/construction-permit.ts';
import {
  acceptWithDeficiencies,
  actorFor,
  approve,
  auditOf,
  chainOf,
  createPermit,
  loadCase,
  openTasks,
  send,
  SUBMIT,
  SUPPLEMENT,
  tasksOf,
  acceptedPermit,
} from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';

/** Backends of this test database waiting for a row lock (PostgreSQL). */
async function lockWaiters(h: Harness): Promise<number> {
  const result = await h.db.knex.raw(
    "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
  );
  return Number(result.rows[0].n);
}

/**
 * Polls (no fixed sleep) until `count` backends block on a lock, so the races below are not left to chance.
 * Resolves false instead if `settled` becomes true first.
 */
async function untilLockWaiters(h: Harness, count = 1, settled = () => false): Promise<boolean> {
  const deadline = Date.now() + 10_000;
  while ((await lockWaiters(h)) < count) {
    if (settled()) return false;
    if (Date.now() > deadline) throw new Error(`fewer than ${count} transactions ever waited for a lock`);
  }
  return true;
}
const untilSomeoneWaitsForALock = (h: Harness) => untilLockWaiters(h);

describeEachDatabase('engine concurrency', (kind) => {
  let h: Harness;
  before(async () => {
    h = await createHarness(kind);
  });
  after(async () => {
    await h?.close();
  });

  /** Planning's approval written in a transaction left open: the case row stays locked until it commits. */
  async function uncommittedPlanningApproval(id: string) {
    const trx = await h.db.knex.transaction();
    await h.engine.applyInTransaction(trx, {
      applicationId: id,
      event: approve('planning'),
      actor: actorFor(approve('planning')),
    });
    return trx;
  }

  /** The case's audit log is gap-free from 1 to its version, and its chain verifies. */
  async function expectIntactHistory(id: string, version: number): Promise<void> {
    const app = await loadCase(h, id);
    expect(app.version).to.equal(version);
    const audit = await auditOf(h, id);
    expect(audit.map((a) => a.seq)).to.deep.equal(Array.from({ length: version }, (_, i) => i + 1));
    expect(verifyChain(await chainOf(h, id))).to.deep.equal({ ok: true, checked: version });
    expect(audit.at(-1)!.hash).to.equal(app.lastHash);
  }

  const sendAt = (engine: Engine, id: string, event: EventInput) =>
    engine.send({ applicationId: id, event, actor: actorFor(event) });

  it('should land two departments approving at the same moment', async () => {
    const id = await acceptedPermit(h);
    const results = await Promise.all([send(h, id, approve('planning')), send(h, id, approve('housing'))]);
    expect(results.map((r) => r.seq).sort()).to.deep.equal([4, 5]);

    const app = await loadCase(h, id);
    const snapshot = h.engine.snapshotOf(app);
    expect(snapshot.matches({ accepted: { review: { planning: 'approved' } } })).to.equal(true);
    expect(snapshot.matches({ accepted: { review: { housing: 'approved' } } })).to.equal(true);
    await expectIntactHistory(id, 5);
    expect((await openTasks(h, id)).map((t) => t.department)).to.have.members([
      'fire',
      'civil-defense',
      'environment',
    ]);
  });

  it('should land five departments approving at the same moment, and open the issuing task once', async () => {
    const id = await acceptedPermit(h);
    await Promise.all(allReviewDepartments.map((d) => send(h, id, approve(d))));

    const app = await loadCase(h, id);
    expect(app).to.deep.include({ state: { accepted: 'issuing' }, status: 'in_review' });
    await expectIntactHistory(id, 8);
    const approvals = (await auditOf(h, id)).filter((a) => a.type === 'APPROVE');
    expect(approvals.map((a) => a.actor.org)).to.have.members([...allReviewDepartments]);
    const tasks = await tasksOf(h, id);
    const reviews = tasks.filter((t) => t.action === 'review');
    expect(reviews).to.have.length(5);
    for (const task of reviews) expect(task).to.deep.include({ status: 'closed', closedByEvent: 'APPROVE' });
    const open = tasks.filter((t) => t.status === 'open');
    expect(open.map((t) => `${t.department} ${t.action}`)).to.deep.equal(['window issue']);
  });

  if (kind === 'pg') {
    it('should queue a send behind an uncommitted write to the case, even when retries are off', async () => {
      const id = await acceptedPermit(h);
      const noRetry = new Engine({
        db: h.db,
        registry: h.registry,
        calendar: h.calendar,
        clock: h.clock,
        maxConflictRetries: 0,
        groupCommit: groupCommitFor(h.db),
      });
      // Planning's decision is written but not committed; housing's waits for the case row meanwhile.
      const trx = await uncommittedPlanningApproval(id);
      const racing = sendAt(noRetry, id, approve('housing'));
      await untilSomeoneWaitsForALock(h);
      await trx.commit();

      expect((await racing).seq).to.equal(5);
      await expectIntactHistory(id, 5);
      expect((await auditOf(h, id)).map((a) => a.actor.org).slice(-2)).to.deep.equal(['planning', 'housing']);
    });

    it('should raise VersionConflictError for a write based on a stale version (a writer without the lock)', async () => {
      const id = await acceptedPermit(h);
      // Planning's decision is written but not committed; housing's, in a transaction of its own that does
      // not lock the case (as an instance of an older release), reads the old version meanwhile.
      const trx = await uncommittedPlanningApproval(id);
      const stale = await h.db.knex.transaction();
      const racing = h.engine
        .applyInTransaction(stale, {
          applicationId: id,
          event: approve('housing'),
          actor: actorFor(approve('housing')),
        })
        .then(
          () => null,
          (error: unknown) => error,
        );
      await untilSomeoneWaitsForALock(h);
      await trx.commit();

      const error = await racing;
      await stale.rollback();
      expect(error).to.be.instanceOf(VersionConflictError);
      expect(error).to.include({ applicationId: id, expectedVersion: 3 });
      await expectIntactHistory(id, 4);
      expect((await auditOf(h, id)).at(-1)!.actor.org).to.equal('planning');
    });

    it('should not deadlock when a timer fires while the applicant’s event cancels it', async () => {
      const id = await createPermit(h);
      await send(h, id, SUBMIT);
      await send(h, id, acceptWithDeficiencies('2026-03-06'));
      const app = await loadCase(h, id);
      h.clock.set('2026-03-07T08:00:00+08:00'); // the pledge timer is due; the papers arrive at this moment

      // Hold the applicant's SUPPLEMENT after it has written the case row and before it cancels the timer: a
      // transaction that has not committed the same audit seq makes its audit insert wait.
      const blocker = await h.db.knex.transaction();
      await blocker('audit_events').insert({
        application_id: id,
        seq: app.version + 1,
        at: h.clock.now().toISOString(),
        type: 'HOLD',
        actor_sub: 'test',
        actor_role: 'system',
        prev_hash: app.lastHash,
        hash: app.lastHash,
      });
      const supplement = send(h, id, SUPPLEMENT).then(
        (result) => result,
        (error: unknown) => error,
      );
      await untilSomeoneWaitsForALock(h);

      // The scheduler sweeps now. Whatever it does, it must not take the timer and then wait for the case.
      let swept = false;
      const sweep = fireDueTimers(h.db, h.engine).finally(() => (swept = true));
      await untilLockWaiters(h, 2, () => swept);
      await blocker.rollback();

      const [sweepResult, supplemented] = await Promise.all([sweep, supplement]);
      expect(supplemented).to.not.be.instanceOf(Error);
      expect(sweepResult.failed).to.deep.equal([]);
      // Either the papers arrived first (the timer was cancelled) or the timer fired first and the
      // supplement then ended the suspension: both leave the papers delivered and nothing pending.
      const after = await loadCase(h, id);
      expect(after.status).to.equal('in_review');
      expect(
        h.engine.snapshotOf(after).matches({ accepted: { review: { deficiencies: 'delivered' } } }),
      ).to.equal(true);
      expect(await h.db.knex('timers').where({ application_id: id })).to.deep.equal([]);
      await expectIntactHistory(id, after.version);
      // A later sweep has nothing left to do.
      expect(await fireDueTimers(h.db, h.engine)).to.deep.equal({ fired: 0, stale: 0, failed: [] });
    });

    it('should re-read and re-apply an event that lost the race (default retries)', async () => {
      const id = await acceptedPermit(h);
      const trx = await uncommittedPlanningApproval(id);
      const racing = send(h, id, approve('housing'));
      await untilSomeoneWaitsForALock(h);
      await trx.commit();

      const { seq } = await racing;
      expect(seq).to.equal(5);
      await expectIntactHistory(id, 5);
      expect((await auditOf(h, id)).slice(-2).map((a) => a.actor.org)).to.deep.equal(['planning', 'housing']);
    });
  }

  it(
    kind === 'pg'
      ? 'should serialise racing sends on the case row lock, even without retries'
      : 'should serialise racing sends on the single SQLite writer, even without retries',
    async () => {
      const noRetry = new Engine({
        db: h.db,
        registry: h.registry,
        calendar: h.calendar,
        clock: h.clock,
        maxConflictRetries: 0,
        groupCommit: groupCommitFor(h.db),
      });
      let conflicts = 0;
      for (let round = 0; round < 4; round++) {
        const id = await acceptedPermit(h);
        const outcomes = await Promise.allSettled(
          allReviewDepartments.map((d) => sendAt(noRetry, id, approve(d))),
        );
        const lost = allReviewDepartments.filter((_, i) => outcomes[i]!.status === 'rejected');
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') expect(outcome.reason).to.be.instanceOf(VersionConflictError);
        }
        conflicts += lost.length;
        // Whatever landed landed completely; nothing half-written, no gap in the log.
        await expectIntactHistory(id, 3 + allReviewDepartments.length - lost.length);
        // The default engine retries: the lost decisions all land, concurrently again.
        await Promise.all(lost.map((d) => send(h, id, approve(d))));
        await expectIntactHistory(id, 3 + allReviewDepartments.length);
        expect((await loadCase(h, id)).state).to.deep.equal({ accepted: 'issuing' });
      }
      expect(conflicts).to.equal(0);
    },
  );
});

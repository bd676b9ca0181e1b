import { expect } from 'chai';
import {
  dispatchOutbox,
  OUTBOX_LEASE_MS,
  outboxBackoffMs,
  type OutboxMessage,
} from '../../src/engine/outbox.ts';
import { deadOutboxCount, retryOutboxMessage, troubledOutbox } from '../../src/engine/outbox-troubles.ts';
import { ACCEPT, createPermit, requestSupplement, send, SUBMIT, SUPPLEMENT } from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';

/** Resolves with 'timed out' if `work` has not settled within `ms` (a deadlock guard, not a wait for time). */
function within<T>(work: Promise<T>, ms: number): Promise<T | 'timed out'> {
  let guard: NodeJS.Timeout;
  return Promise.race([
    work,
    new Promise<'timed out'>((resolve) => (guard = setTimeout(() => resolve('timed out'), ms))),
  ]).finally(() => clearTimeout(guard));
}

describeEachDatabase('engine/outbox', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  it('should commit events while a slow receiver holds a message, and deliver that message once', async () => {
    const id = await createPermit(h);
    await send(h, id, SUBMIT);
    await send(h, id, ACCEPT);
    await send(h, id, requestSupplement('planning'));

    // A receiver that answers only when the test says so.
    let answer!: () => void;
    let started!: (message: OutboxMessage) => void;
    const receiving = new Promise<OutboxMessage>((resolve) => (started = resolve));
    const delivered: number[] = [];
    const dispatch = dispatchOutbox(h.db, h.clock, async (message) => {
      started(message);
      await new Promise<void>((resolve) => (answer = resolve));
      delivered.push(message.id);
    });
    const message = await receiving;
    expect(message.type).to.equal('notifyApplicant');

    // While the receiver takes its time, the applicant's event commits, and another round (another
    // instance) does not deliver the message in flight a second time.
    expect(
      await within(
        send(h, id, SUPPLEMENT).then(() => 'committed'),
        5_000,
      ),
    ).to.equal('committed');
    expect(
      await within(
        dispatchOutbox(h.db, h.clock, async () => {}),
        5_000,
      ),
    ).to.deep.equal({
      sent: 0,
      retried: 0,
      dead: 0,
    });

    answer();
    expect(await dispatch).to.deep.equal({ sent: 1, retried: 0, dead: 0 });
    expect(delivered).to.deep.equal([message.id]);
    const row = await h.db.knex('outbox').where({ id: message.id }).first();
    expect(row.sent_at).to.equal(h.clock.now().toISOString());
    expect(Number(row.attempts)).to.equal(1);
    expect((await h.engine.load(id))!.status).to.equal('in_review');
  });

  it('should retry a failed delivery later, with backoff', async () => {
    const id = await createPermit(h);
    await send(h, id, SUBMIT);
    await send(h, id, ACCEPT);
    await send(h, id, requestSupplement('planning'));

    const failing = await dispatchOutbox(h.db, h.clock, async () => {
      throw new Error('receiver down');
    });
    expect(failing).to.deep.equal({ sent: 0, retried: 1, dead: 0 });
    const [row] = await h.db.knex('outbox').where({ application_id: id });
    expect(row.last_error).to.equal('receiver down');
    // Not before its backoff has passed.
    expect(await dispatchOutbox(h.db, h.clock, async () => {})).to.deep.equal({
      sent: 0,
      retried: 0,
      dead: 0,
    });
    h.clock.advance({ ms: 2_000 });
    expect(await dispatchOutbox(h.db, h.clock, async () => {})).to.deep.equal({
      sent: 1,
      retried: 0,
      dead: 0,
    });
  });

  it('should hand a message to another round once the lease of a deliverer that never answered ran out', async () => {
    const id = await createPermit(h);
    await send(h, id, SUBMIT);
    await send(h, id, ACCEPT);
    await send(h, id, requestSupplement('planning'));
    // A deliverer that hangs (its process died, say): its lease holds the message for a while.
    let claimed!: () => void;
    const hung = new Promise<void>((resolve) => (claimed = resolve));
    void dispatchOutbox(h.db, h.clock, async () => {
      claimed();
      await new Promise(() => {});
    });
    await hung;
    h.clock.advance({ ms: OUTBOX_LEASE_MS - 1 });
    expect(await dispatchOutbox(h.db, h.clock, async () => {})).to.deep.equal({
      sent: 0,
      retried: 0,
      dead: 0,
    });
    h.clock.advance({ ms: 1 });
    expect(await dispatchOutbox(h.db, h.clock, async () => {})).to.deep.equal({
      sent: 1,
      retried: 0,
      dead: 0,
    });
    const [row] = await h.db.knex('outbox').where({ application_id: id });
    expect(row.sent_at).to.equal(h.clock.now().toISOString());
  });

  it('should park a message as dead after its last attempt, and leave it alone until an administrator retries it', async () => {
    const id = await createPermit(h);
    await send(h, id, SUBMIT);
    await send(h, id, ACCEPT);
    await send(h, id, requestSupplement('planning'));
    const failing = async () => {
      throw new Error('receiver down');
    };
    const options = { maxAttempts: 3, random: () => 0.5 };
    expect(await dispatchOutbox(h.db, h.clock, failing, 100, options)).to.deep.equal({
      sent: 0,
      retried: 1,
      dead: 0,
    });
    h.clock.advance({ ms: 60_000 });
    expect(await dispatchOutbox(h.db, h.clock, failing, 100, options)).to.deep.equal({
      sent: 0,
      retried: 1,
      dead: 0,
    });
    h.clock.advance({ ms: 60_000 });
    expect(await dispatchOutbox(h.db, h.clock, failing, 100, options)).to.deep.equal({
      sent: 0,
      retried: 0,
      dead: 1,
    });
    const [dead] = await troubledOutbox(h.db, 'dead', 10);
    expect(dead).to.include({
      applicationId: id,
      attempts: 3,
      lastError: 'receiver down',
      deadAt: h.clock.now().toISOString(),
    });
    expect(await deadOutboxCount(h.db)).to.equal(1);
    // Parked: no later round tries it again.
    h.clock.advance({ hours: 5 });
    expect(await dispatchOutbox(h.db, h.clock, failing, 100, options)).to.deep.equal({
      sent: 0,
      retried: 0,
      dead: 0,
    });
    expect((await retryOutboxMessage(h.db, dead!.id, h.clock.now()))!).to.include({
      attempts: 0,
      deadAt: null,
    });
    expect(await dispatchOutbox(h.db, h.clock, async () => {}, 100, options)).to.deep.equal({
      sent: 1,
      retried: 0,
      dead: 0,
    });
    expect(await deadOutboxCount(h.db)).to.equal(0);
    expect(await retryOutboxMessage(h.db, dead!.id, h.clock.now())).to.equal(null);
  });
});

describe('engine/outbox backoff', () => {
  it('should double the wait with each failure up to 15 minutes, and take a random half of it off', () => {
    expect([0, 1, 2, 3].map((n) => outboxBackoffMs(n, () => 0.999999))).to.deep.equal([
      1000, 2000, 4000, 8000,
    ]);
    expect([0, 1, 2, 3].map((n) => outboxBackoffMs(n, () => 0))).to.deep.equal([500, 1000, 2000, 4000]);
    expect(outboxBackoffMs(20, () => 0.999999)).to.equal(900_000);
    expect(outboxBackoffMs(20, () => 0)).to.equal(450_000);
    // Messages failed together spread out.
    const spread = new Set(Array.from({ length: 20 }, (_, i) => outboxBackoffMs(6, () => i / 20)));
    expect(spread.size).to.equal(20);
  });
});

import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatchOutbox } from '../../src/engine/outbox.ts';
import { queueExchangeBatch, SPGL_BATCH_MESSAGE, spglDeliverer } from '../../src/exchange/index.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { expectProblem, sendOk } from '../support/http.ts';
import { submittedLicensedPermit } from '../support/licences.ts';
import { withService } from '../support/with-service.ts';

/** A provincial platform for the test: down (503) or up, refusing the records it is told to refuse. */
class Platform {
  up = false;
  refuse = new Map<string, string>();
  readonly received: Array<{ messageId: string; lines: Array<{ cursor: string; table: string }> }> = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        if (!this.up) {
          res.writeHead(503).end();
          return;
        }
        const lines = body
          .split('\n')
          .filter((l) => l !== '')
          .map((l) => JSON.parse(l) as { cursor: string; table: string });
        this.received.push({ messageId: String(req.headers['x-zerotrip-message-id']), lines });
        const rejected = lines
          .filter((l) => this.refuse.has(l.cursor))
          .map((l) => ({ cursor: l.cursor, reason: this.refuse.get(l.cursor) }));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ rejected }));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/spgl`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
  }

  cursors(): string[] {
    return this.received.flatMap((r) => r.lines.map((l) => l.cursor));
  }
}

describeEachDatabase('exchange: the pusher', (kind) => {
  const t = withService(kind);
  const platform = new Platform();
  before(() => platform.start());
  after(() => platform.stop());

  const settings = { batchSize: 500, settleMs: 5_000 };
  const push = (message: Parameters<ReturnType<typeof spglDeliverer>>[0]) =>
    spglDeliverer(t.svc.service.db, platform.url, { now: () => t.svc.clock.now() })(message);
  const round = () => queueExchangeBatch(t.svc.service.db, t.svc.clock.now(), settings);
  const deliver = () =>
    dispatchOutbox(
      t.svc.service.db,
      t.svc.clock,
      // Other messages (notifications, licence reports) count as delivered: not this test's business.
      async (message) => void (await push(message)),
      100,
      { random: () => 0 },
    );
  const allCursors = async () =>
    (await t.svc.service.db.knex('exchange_records').orderBy('id').select('id')).map((r) => String(r.id));

  it('should keep a batch through an outage and deliver every record once, in order, when the platform is back', async () => {
    const { svc, who } = t;
    svc.clock.set('2026-03-02T09:00:00+08:00');
    const first = await submittedLicensedPermit(svc, who);
    await sendOk(svc, who.clerk('window'), first, { type: 'ACCEPT' });
    svc.clock.advance({ ms: 10_000 });

    const one = await round();
    expect(one.queued).to.be.above(0);
    // Nothing new since: no second batch of the same records.
    expect((await round()).queued).to.equal(0);
    const batches = await svc.service.db.knex('outbox').where({ type: SPGL_BATCH_MESSAGE });
    expect(batches).to.have.length(1);

    // The platform is down: the batch stays in the outbox, retried later.
    platform.up = false;
    const down = await deliver();
    expect(down.retried).to.be.above(0);
    expect(platform.received).to.deep.equal([]);

    // More work while it is down: the next round starts after the first batch.
    const second = await submittedLicensedPermit(svc, who);
    svc.clock.advance({ ms: 10_000 });
    const two = await round();
    expect(two.after).to.equal(one.upTo);

    platform.up = true;
    for (let i = 0; i < 3; i++) {
      svc.clock.advance({ ms: 20 * 60_000 });
      await deliver();
    }
    expect(platform.cursors()).to.deep.equal(await allCursors());
    expect(new Set(platform.received.map((r) => r.messageId)).size).to.equal(2);
    const firstLine = platform.received[0]!.lines[0]!;
    expect(firstLine.table).to.equal('SPGL_XMJBXXB');
    expect(second).to.be.a('string');
  });

  it('should park the records the platform refuses, with its reason, for administrators only', async () => {
    const { svc, who } = t;
    await submittedLicensedPermit(svc, who);
    svc.clock.advance({ ms: 10_000 });
    const batch = await round();
    const refused = String(batch.upTo);
    platform.up = true;
    platform.refuse.set(refused, '审批事项实例编码重复');
    svc.clock.advance({ ms: 20 * 60_000 });
    await deliver();
    const list = await svc.request('GET', '/api/v1/admin/exchange/rejected', { token: t.admin });
    expect(list.status).to.equal(200);
    expect(
      list.body.items.map((i: { cursor: string; reason: string }) => [i.cursor, i.reason]),
    ).to.deep.equal([[refused, '审批事项实例编码重复']]);
    expectProblem(
      await svc.request('GET', '/api/v1/admin/exchange/rejected', { token: who.auditor }),
      403,
      'forbidden',
    );
    expectProblem(
      await svc.request('GET', '/api/v1/admin/exchange/rejected', { token: who.applicant }),
      403,
      'forbidden',
    );
  });

  it('should cut one batch when two instances run the round at once', async () => {
    const { svc, who } = t;
    await submittedLicensedPermit(svc, who);
    svc.clock.advance({ ms: 10_000 });
    const before = await svc.service.db.knex('outbox').where({ type: SPGL_BATCH_MESSAGE }).count({ n: '*' });
    const rounds = await Promise.all([round(), round()]);
    const after = await svc.service.db.knex('outbox').where({ type: SPGL_BATCH_MESSAGE }).count({ n: '*' });
    expect(rounds.filter((r) => r.queued > 0)).to.have.length(1);
    expect(Number(after[0]!.n) - Number(before[0]!.n)).to.equal(1);
  });
});

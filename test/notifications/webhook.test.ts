import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatchOutbox, type OutboxMessage } from '../../src/engine/outbox.ts';
import { NOTIFICATION_OUTBOX_TYPE, signBody, webhookDeliverer } from '../../src/notifications/index.ts';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import {
  acceptedCase,
  people,
  sendOk,
  startTestService,
  type People,
  type TestService,
} from '../support/http.ts';
import { startReceiver, type Answer, type WebhookReceiver } from '../support/webhook-receiver.ts';

const SECRET = 'a-shared-secret-of-the-gateway';

/** HMAC-SHA256 of `body` under `secret` as the OpenSSL command line computes it: an implementation not ours. */
function opensslHmac(body: Buffer, secret: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'zt-hmac-'));
  try {
    const file = join(dir, 'body.json');
    writeFileSync(file, body);
    const out = execFileSync('openssl', ['dgst', '-sha256', '-hmac', secret, '-r', file], {
      encoding: 'utf8',
    });
    return out.split(/\s/)[0]!;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Resolves with 'pending' while `work` has not settled (checked after everything queued has run). */
async function settled<T>(work: Promise<T>): Promise<'settled' | 'pending'> {
  let done = false;
  void work.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done ? 'settled' : 'pending';
}

describeEachDatabase('notifications/webhook', (kind) => {
  let receiver: WebhookReceiver;
  let svc: TestService;
  let who: People;
  let admin: string;

  async function start(answer: Answer): Promise<void> {
    receiver = await startReceiver(answer);
    svc = await startTestService(kind, undefined, {
      env: { NOTIFY_WEBHOOK_URL: receiver.url, NOTIFY_WEBHOOK_SECRET: SECRET, METRICS_INTERVAL_SECONDS: '0' },
    });
    who = people(svc, ENTERPRISE, OTHER_ENTERPRISE);
    admin = svc.token({ sub: 'admin-1', role: 'admin' });
  }
  afterEach(async () => {
    await svc?.close();
    await receiver?.close();
  });

  /** The server's deliverer: messages to the webhook, the rest of the outbox nowhere. */
  const deliverer = (timeoutMs = 60_000) => {
    const webhook = webhookDeliverer({ url: receiver.url, secret: SECRET, timeoutMs });
    return async (message: OutboxMessage) => {
      if (message.type === NOTIFICATION_OUTBOX_TYPE) await webhook(message);
    };
  };
  const round = (timeoutMs?: number, maxAttempts = 16) =>
    dispatchOutbox(svc.service.db, svc.clock, deliverer(timeoutMs), 100, { maxAttempts });

  it('should deliver a message the receiver refused twice exactly once, signed over the exact body', async () => {
    await start((n) => (n < 2 ? 500 : 200));
    const id = await acceptedCase(svc, who, constructionPermitApplication());
    expect(await round()).to.deep.equal({ sent: 0, retried: 1, dead: 0 });
    svc.clock.advance({ hours: 1 });
    expect(await round()).to.deep.equal({ sent: 0, retried: 1, dead: 0 });
    svc.clock.advance({ hours: 1 });
    expect(await round()).to.deep.equal({ sent: 1, retried: 0, dead: 0 });
    svc.clock.advance({ hours: 1 });
    expect(await round()).to.deep.equal({ sent: 0, retried: 0, dead: 0 });

    expect(receiver.requests.length).to.equal(3);
    const [message] = (await svc.request('GET', '/api/v1/notifications', { token: who.applicant })).body
      .items;
    expect(receiver.effects).to.deep.equal([message.id]);
    for (const [n, request] of receiver.requests.entries()) {
      const body = JSON.parse(request.body.toString('utf8'));
      expect(body).to.include({ id: message.id, code: 'accepted', applicationId: id, text: message.text });
      expect(body.recipients).to.deep.equal([{ kind: 'enterprise', id: ENTERPRISE }]);
      expect(request.headers['x-zerotrip-message-id']).to.equal(message.id);
      expect(request.headers['x-zerotrip-delivery-attempt']).to.equal(String(n + 1));
      expect(request.headers['content-type']).to.equal('application/json; charset=utf-8');
      const expected = createHmac('sha256', SECRET).update(request.body).digest('hex');
      expect(request.headers['x-zerotrip-signature']).to.equal(`sha256=${expected}`);
    }
    // OpenSSL, which did not sign it, agrees with the signature of the bytes received.
    const last = receiver.requests[2]!;
    expect(last.headers['x-zerotrip-signature']).to.equal(`sha256=${opensslHmac(last.body, SECRET)}`);
    // A body changed by one byte no longer matches.
    const tampered = Buffer.from(last.body.toString('utf8').replace('accepted', 'acceptee'));
    expect(signBody(SECRET, tampered)).to.not.equal(last.headers['x-zerotrip-signature']);
  });

  it('should answer the API while a receiver hangs, and keep the message for a later round', async () => {
    await start(() => 'hang');
    const id = await acceptedCase(svc, who, constructionPermitApplication());
    const delivering = round();
    await receiver.received(1);

    // The receiver holds the only message; meanwhile events commit and lists answer.
    const approved = await sendOk(svc, who.clerk('planning'), id, {
      type: 'APPROVE',
      department: 'planning',
    });
    expect(approved.body.status).to.equal('in_review');
    const list = await svc.request('GET', '/api/v1/notifications', { token: who.applicant });
    expect(list.body.items.map((m: { code: string }) => m.code)).to.deep.equal([
      'department-decided',
      'accepted',
    ]);
    expect(await settled(delivering)).to.equal('pending');

    receiver.release(500);
    expect(await delivering).to.deep.equal({ sent: 0, retried: 1, dead: 0 });
    const rows = await svc.service.db.knex('outbox').where({ type: 'notification' }).orderBy('id');
    expect(rows.map((r: Record<string, unknown>) => [Number(r.attempts), r.sent_at])).to.deep.equal([
      [1, null],
      [0, null],
    ]);
  });

  it('should count a receiver that does not answer in time as a failure, and park a message after its last attempt', async () => {
    await start(() => 'hang');
    await acceptedCase(svc, who, constructionPermitApplication());
    expect(await round(50, 2)).to.deep.equal({ sent: 0, retried: 1, dead: 0 });
    svc.clock.advance({ hours: 1 });
    expect(await round(50, 2)).to.deep.equal({ sent: 0, retried: 0, dead: 1 });
    const dead = await svc.request('GET', '/api/v1/admin/outbox', { token: admin });
    expect(dead.status).to.equal(200);
    expect(dead.body.items).to.have.length(1);
    expect(dead.body.items[0]).to.include({ type: 'notification', attempts: 2 });
    expect(dead.body.items[0].lastError).to.equal('webhook did not answer within 50 ms');
    const metrics = await svc.request('GET', '/metrics');
    expect(metrics.body).to.match(/^zerotrip_outbox_dead 1$/m);
    // Only administrators see the outbox.
    for (const token of [who.applicant, who.clerk('window'), who.auditor]) {
      expect((await svc.request('GET', '/api/v1/admin/outbox', { token })).status).to.equal(403);
      expect(
        (await svc.request('POST', `/api/v1/admin/outbox/${dead.body.items[0].id}/retry`, { token })).status,
      ).to.equal(403);
    }
    receiver.release(500);
  });
});

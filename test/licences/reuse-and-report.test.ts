import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatchOutbox } from '../../src/engine/outbox.ts';
import { licenceReportDeliverer } from '../../src/licences/index.ts';
import { completionAcceptanceApplication } from '../fixtures/completion-acceptance.ts';
import { describeEachDatabase } from '../support/databases.ts';
import {
  createDraft,
  expectProblem,
  people,
  pointers,
  sendEvent,
  startTestService,
  type People,
  type TestService,
} from '../support/http.ts';
import { issuedPermitLicence } from '../support/licences.ts';
import { parsePrometheusText, sampleValue } from '../support/prometheus-text.ts';

const ENTERPRISE = '91310115591693856A';
const OTHER = '91310110666007217T';

describeEachDatabase('licences: reuse and reporting', (kind) => {
  let svc: TestService;
  let who: People;
  before(async () => {
    svc = await startTestService(kind, undefined, { env: { METRICS_INTERVAL_SECONDS: '0' } });
    who = people(svc, ENTERPRISE, OTHER);
  });
  after(async () => {
    await svc?.close();
  });
  beforeEach(() => svc.clock.set('2026-03-02T09:00:00+08:00'));

  /** A completion draft of `token`'s enterprise citing `permitNo`, submitted: the answer. */
  async function submitCiting(token: string, permitNo: string) {
    const body = completionAcceptanceApplication();
    body.form = { ...body.form, constructionPermitNo: permitNo };
    const id = await createDraft(svc, token, body);
    return { id, answer: await sendEvent(svc, token, id, { type: 'SUBMIT' }) };
  }

  describe('completion acceptance citing its permit', () => {
    it('should accept a valid permit licence of the same holder', async () => {
      const { number } = await issuedPermitLicence({ svc, who });
      expect((await submitCiting(who.applicant, number)).answer.status).to.equal(200);
    });

    it('should refuse with 422 licence-invalid an unknown number, and leave the draft a draft', async () => {
      const { id, answer } = await submitCiting(who.applicant, '360200202603150101');
      expectProblem(answer, 422, 'licence-invalid');
      expect(pointers(answer)).to.deep.equal(['/form/constructionPermitNo']);
      const page = await svc.request('GET', `/api/v1/applications/${id}`, { token: who.applicant });
      // The papers handed in before the submission are on record; the refused SUBMIT is not.
      expect(page.body).to.include({ status: 'draft', submittedAt: null });
    });

    it("should refuse another enterprise's permit", async () => {
      const { number } = await issuedPermitLicence({ svc, who });
      expectProblem((await submitCiting(who.otherApplicant, number)).answer, 422, 'licence-invalid');
    });

    it('should refuse a revoked permit', async () => {
      const { number } = await issuedPermitLicence({ svc, who });
      const revoked = await svc.request('POST', `/api/v1/licences/${number}/events`, {
        token: who.clerk('window'),
        body: { type: 'REVOKE', comment: '骗取' },
      });
      expect(revoked.status).to.equal(200);
      const { answer } = await submitCiting(who.applicant, number);
      expectProblem(answer, 422, 'licence-invalid');
      expect(answer.body.errors[0].detail).to.match(/revoked/);
    });

    it('should let an agent under an active agreement report the start of works for the holder', async () => {
      const { number } = await issuedPermitLicence({ svc, who });
      const agent = svc.token({ sub: 'agent-7', role: 'agent', org: 'service-team' });
      const requested = await svc.request('POST', '/api/v1/delegations', {
        token: who.applicant,
        body: { agent: 'agent-7', expiresAt: '2026-12-31T23:59:59+08:00' },
      });
      expect(requested.status, JSON.stringify(requested.body)).to.equal(201);
      const accepted = await svc.request('POST', `/api/v1/delegations/${requested.body.id}/accept`, {
        token: agent,
      });
      expect(accepted.status).to.equal(200);
      const started = await svc.request('POST', `/api/v1/licences/${number}/events`, {
        token: agent,
        body: { type: 'WORKS_STARTED' },
      });
      expect(started.status, JSON.stringify(started.body)).to.equal(200);
      expect(started.body.status).to.equal('in_force');
    });
  });

  describe('reporting to the provincial platform', () => {
    let receiver: Server;
    let url = '';
    const received: Array<{ id: string | undefined; body: { number: string } }> = [];
    let failuresLeft = 0;
    before(async () => {
      receiver = createServer((req, res) => {
        let text = '';
        req.on('data', (chunk) => (text += chunk));
        req.on('end', () => {
          if (failuresLeft > 0) {
            failuresLeft--;
            res.writeHead(500).end();
            return;
          }
          received.push({ id: req.headers['x-zerotrip-message-id'] as string, body: JSON.parse(text) });
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/licences`;
    });
    after(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

    const unreported = async () =>
      sampleValue(
        parsePrometheusText((await svc.request('GET', '/metrics')).body),
        'zerotrip_licences_unreported_overdue',
      );
    const weeklyUnreported = async (at: string) =>
      (await svc.request('GET', `/api/v1/reports/weekly?at=${at}`, { token: who.auditor })).body.summary
        .licencesUnreported;

    it('should count a licence unreported past 5 working days, and no longer once the platform took it', async () => {
      const deliverOthers = async () => {};
      // Everything queued so far by earlier tests goes first, so that only this licence is counted below.
      const report = licenceReportDeliverer(url);
      await dispatchOutbox(svc.service.db, svc.clock, async (m) => {
        if (!(await report(m))) await deliverOthers();
      });
      received.length = 0;
      const { number } = await issuedPermitLicence({ svc, who });
      // Issued Monday 2 March 2026: the 5 working days end with Monday 9 March (no holiday in between).
      svc.clock.set('2026-03-09T20:00:00+08:00');
      expect(await unreported()).to.equal(0);
      svc.clock.set('2026-03-10T09:00:00+08:00');
      expect(await unreported()).to.equal(1);
      expect(await weeklyUnreported('2026-03-10')).to.equal(1);
      expect(await weeklyUnreported('2026-03-09')).to.equal(0);
      // Without LICENCE_REPORT_URL the report waits (it is not marked sent).
      const unset = licenceReportDeliverer(undefined);
      const kept = await dispatchOutbox(svc.service.db, svc.clock, async (m) => {
        if (!(await unset(m))) await deliverOthers();
      });
      expect(kept.retried).to.be.above(0);
      expect(await unreported()).to.equal(1);
      // The platform fails once, then takes it: one report, with the message id and the signed payload.
      failuresLeft = 1;
      for (let round = 0; round < 3; round++) {
        svc.clock.advance({ ms: 20 * 60_000 });
        await dispatchOutbox(svc.service.db, svc.clock, async (m) => {
          if (!(await report(m))) await deliverOthers();
        });
      }
      const ours = received.filter((r) => r.body.number === number);
      expect(ours).to.have.length(1);
      expect(ours[0]!.id).to.match(/^\d+$/);
      expect(ours[0]!.body).to.have.keys(['number', 'signedPayload', 'signature']);
      expect(await unreported()).to.equal(0);
    });
  });
});

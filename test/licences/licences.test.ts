import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fireDueTimers } from '../../src/engine/timers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { expectProblem, type TestService } from '../support/http.ts';
import { issuedPermitLicence, permitReadyToIssue } from '../support/licences.ts';
import { withService } from '../support/with-service.ts';

const licencePath = (number: string, rest = '') => `/api/v1/licences/${number}${rest}`;

/** A licence event as its caller sends it. */
function licenceEvent(svc: TestService, token: string | undefined, number: string, body: object) {
  return svc.request('POST', licencePath(number, '/events'), { ...(token ? { token } : {}), body });
}

describeEachDatabase('licences', (kind) => {
  const t = withService(kind);
  let work: string;
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'zt-licence-'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));
  beforeEach(() => t.svc.clock.set('2026-03-02T09:00:00+08:00'));

  describe('issue', () => {
    it('should issue a construction-permit licence with the permit, numbered by region, Shanghai date, serial and type', async () => {
      const { caseId, number } = await issuedPermitLicence(t);
      expect(number).to.match(/^36020020260302\d{4}01$/);
      const view = await t.svc.request('GET', licencePath(number));
      expect(view.status).to.equal(200);
      expect(view.body).to.include({
        number,
        type: 'construction-permit',
        status: 'valid',
        application: caseId,
      });
      // Issued on Monday 2 March 2026 (Shanghai): work must start by 2 June 2026.
      expect(view.body.startWorksBy).to.equal('2026-06-02');
      expect(view.body.holder).to.deep.equal({
        uscc: '91310115591693856A',
        name: '景德镇航空城构件有限公司',
      });
      expect(view.body.project).to.include({ code: '2026-360200-48-01-000173' });
      expect(view.body.covers).to.include({ floorAreaM2: 18500, useCategory: 'industrial' });
      expect(view.body.signature).to.include({ algorithm: 'SM2-SM3' });
      expect(JSON.parse(view.body.signedPayload)).to.include({ number, startWorksBy: '2026-06-02' });
    });

    it('should answer 404 for an unknown number, and for one in the wrong form', async () => {
      expectProblem(await t.svc.request('GET', licencePath('36020020260302999901')), 404, 'not-found');
      expectProblem(await t.svc.request('GET', licencePath('not-a-number')), 404, 'not-found');
    });

    it('should give 32 concurrent issues 32 different numbers', async function () {
      this.timeout(120_000);
      const ids: string[] = [];
      for (let batch = 0; batch < 4; batch++) {
        ids.push(...(await Promise.all(Array.from({ length: 8 }, () => permitReadyToIssue(t)))));
      }
      const answers = await Promise.all(
        ids.map((id) =>
          t.svc.request('POST', `/api/v1/applications/${id}/events`, {
            token: t.who.clerk('window'),
            body: { type: 'ISSUE' },
          }),
        ),
      );
      expect(answers.map((a) => a.status)).to.deep.equal(ids.map(() => 200));
      const rows = await t.svc.service.db.knex('licences').whereIn('application_id', ids).select('number');
      const numbers = rows.map((r: { number: string }) => r.number);
      expect(numbers).to.have.length(32);
      expect(new Set(numbers).size).to.equal(32);
      for (const n of numbers) expect(n).to.match(/^36020020260302\d{4}01$/);
    });
  });

  describe('signature', () => {
    it('should verify with the OpenSSL command line against the published key', async () => {
      const { number } = await issuedPermitLicence(t);
      const view = (await t.svc.request('GET', licencePath(number))).body;
      const keys = (await t.svc.request('GET', '/api/v1/licences/keys')).body.keys as Array<{
        keyId: string;
        pem: string;
      }>;
      const key = keys.find((k) => k.keyId === view.signature.keyId);
      expect(key, 'the signing key is published').to.not.equal(undefined);
      writeFileSync(join(work, 'key.pem'), key!.pem);
      writeFileSync(join(work, 'payload'), Buffer.from(view.signedPayload, 'utf8'));
      writeFileSync(join(work, 'sig'), Buffer.from(view.signature.value, 'base64'));
      const verify = (payload: string) =>
        execFileSync(
          'openssl',
          ['dgst', '-sm3', '-verify', join(work, 'key.pem'), '-sigopt', 'distid:1234567812345678'].concat([
            '-signature',
            join(work, 'sig'),
            payload,
          ]),
          { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
        );
      expect(verify(join(work, 'payload'))).to.contain('Verified OK');
      // One changed byte and OpenSSL refuses.
      writeFileSync(
        join(work, 'forged'),
        Buffer.from(view.signedPayload.replace(number, `${number}0`), 'utf8'),
      );
      expect(() => verify(join(work, 'forged'))).to.throw();
    });
  });

  describe('document', () => {
    it('should be an A4 PDF under 1 MB whose text has the number and the holder, and whose QR code is the URL', async function () {
      this.timeout(60_000);
      const { number } = await issuedPermitLicence(t);
      const response = await fetch(`${t.svc.baseUrl}${licencePath(number, '/pdf')}`);
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^application\/pdf/);
      const pdf = Buffer.from(await response.arrayBuffer());
      expect(pdf.length).to.be.below(1024 * 1024);
      const file = join(work, `${number}.pdf`);
      writeFileSync(file, pdf);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).to.match(/Page size:\s+595\.\d* x 841\.\d* pts \(A4\)/);
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      expect(text).to.contain(number);
      expect(text).to.contain('景德镇航空城构件有限公司');
      expect(text).to.contain('建筑工程施工许可证');
      execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', file, join(work, 'page')]);
      const page = execFileSync('sh', ['-c', `ls ${join(work, 'page')}*.png | head -1`], {
        encoding: 'utf8',
      }).trim();
      const decoded = execFileSync('zbarimg', ['--quiet', '--raw', page], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
      const view = (await t.svc.request('GET', licencePath(number))).body;
      expect(view.verificationUrl).to.equal(`http://localhost:3000/verify/${number}`);
      expect(decoded).to.equal(view.verificationUrl);
      rmSync(page);
    });
  });

  describe('lifecycle', () => {
    it('should lapse by its timer at the end of the start deadline', async () => {
      const { number } = await issuedPermitLicence(t);
      // The end of 2 June 2026 in Shanghai is 2 June 16:00 UTC: one moment before, nothing fires.
      t.svc.clock.set('2026-06-02T23:59:00+08:00');
      await fireDueTimers(t.svc.service.db, t.svc.service.engine);
      expect((await t.svc.request('GET', licencePath(number))).body.status).to.equal('valid');
      t.svc.clock.set('2026-06-03T00:00:01+08:00');
      await fireDueTimers(t.svc.service.db, t.svc.service.engine);
      expect((await t.svc.request('GET', licencePath(number))).body.status).to.equal('lapsed');
    });

    it('should extend on request, at most twice, moving the lapse, and stay in force once work starts', async () => {
      const { number } = await issuedPermitLicence(t);
      const ask = (months: number) =>
        licenceEvent(t.svc, t.who.applicant, number, {
          type: 'EXTENSION_REQUESTED',
          comment: '场地移交延误',
          data: { months },
        });
      const grant = () => licenceEvent(t.svc, t.who.clerk('window'), number, { type: 'EXTEND' });
      expect((await ask(2)).status).to.equal(200);
      const first = await grant();
      expect(first.status).to.equal(200);
      expect(first.body.startWorksBy).to.equal('2026-08-02');
      expect(first.body.extensions).to.have.length(1);
      expectProblem(await ask(4), 422, 'validation-failed');
      expect((await ask(3)).status).to.equal(200);
      expect((await grant()).body.startWorksBy).to.equal('2026-11-02');
      // A third extension is not the law's: refused by the state.
      expectProblem(await ask(1), 409, 'event-not-allowed');
      // The old deadline passes without a lapse; the new one holds the timer.
      t.svc.clock.set('2026-08-03T09:00:00+08:00');
      await fireDueTimers(t.svc.service.db, t.svc.service.engine);
      expect((await t.svc.request('GET', licencePath(number))).body.status).to.equal('valid');
      const started = await licenceEvent(t.svc, t.who.applicant, number, { type: 'WORKS_STARTED' });
      expect(started.body.status).to.equal('in_force');
      t.svc.clock.set('2026-11-03T09:00:00+08:00');
      await fireDueTimers(t.svc.service.db, t.svc.service.engine);
      expect((await t.svc.request('GET', licencePath(number))).body.status).to.equal('in_force');
    });

    it('should be revoked by the window with a reason the public view shows', async () => {
      const { number } = await issuedPermitLicence(t);
      expectProblem(
        await licenceEvent(t.svc, t.who.clerk('window'), number, { type: 'REVOKE' }),
        422,
        'validation-failed',
      );
      const revoked = await licenceEvent(t.svc, t.who.clerk('window'), number, {
        type: 'REVOKE',
        comment: '以伪造的土地证明骗取',
      });
      expect(revoked.status).to.equal(200);
      const view = (await t.svc.request('GET', licencePath(number))).body;
      expect(view).to.include({ status: 'revoked', revocationReason: '以伪造的土地证明骗取' });
      expect(view.revokedAt).to.be.a('string');
    });

    it('should be superseded by a corrected licence with a new number, its extension and start carried over', async () => {
      const { number } = await issuedPermitLicence(t);
      await licenceEvent(t.svc, t.who.applicant, number, {
        type: 'EXTENSION_REQUESTED',
        comment: '场地移交延误',
        data: { months: 2 },
      });
      expect((await licenceEvent(t.svc, t.who.clerk('window'), number, { type: 'EXTEND' })).status).to.equal(
        200,
      );
      const corrected = await licenceEvent(t.svc, t.svc.token({ sub: 'admin-1', role: 'admin' }), number, {
        type: 'CORRECT',
        comment: '持证单位名称有误',
        data: { holderName: '景德镇航空城构件股份有限公司' },
      });
      expect(corrected.body.status).to.equal('superseded');
      const row = await t.svc.service.db.knex('licences').where({ supersedes: number }).first('number');
      const view = (await t.svc.request('GET', licencePath(row.number))).body;
      expect(view).to.include({ status: 'valid', supersedes: number, startWorksBy: '2026-08-02' });
      expect(view.extensions).to.have.length(1);
      expect(view.holder.name).to.equal('景德镇航空城构件股份有限公司');
      // The corrected licence is the one that counts now: one more extension is all the law leaves.
      const started = await licenceEvent(t.svc, t.who.applicant, row.number, { type: 'WORKS_STARTED' });
      expect(started.body.status).to.equal('in_force');
      const again = await licenceEvent(t.svc, t.who.clerk('window'), row.number, {
        type: 'CORRECT',
        comment: '项目名称有误',
        data: { project: { name: '航空城构件厂 3 号楼' } },
      });
      expect(again.body.status).to.equal('superseded');
      const third = await t.svc.service.db.knex('licences').where({ supersedes: row.number }).first('number');
      const latest = (await t.svc.request('GET', licencePath(third.number))).body;
      expect(latest).to.include({ status: 'in_force', supersedes: row.number });
      expect(latest.project.name).to.equal('航空城构件厂 3 号楼');
    });
  });

  describe('refusals', () => {
    it('should refuse events to anyone but the holder and the window, and change nothing', async () => {
      const { number } = await issuedPermitLicence(t);
      const started = { type: 'WORKS_STARTED' };
      const revoke = { type: 'REVOKE', comment: 'x' };
      expectProblem(await licenceEvent(t.svc, undefined, number, started), 401, 'unauthorized');
      expectProblem(await licenceEvent(t.svc, t.who.otherApplicant, number, started), 403, 'forbidden');
      expectProblem(await licenceEvent(t.svc, t.who.clerk('planning'), number, revoke), 403, 'forbidden');
      expectProblem(await licenceEvent(t.svc, t.who.auditor, number, revoke), 403, 'forbidden');
      expectProblem(await licenceEvent(t.svc, t.who.auditor, number, started), 403, 'forbidden');
      expectProblem(await licenceEvent(t.svc, t.who.applicant, number, revoke), 403, 'forbidden');
      expectProblem(await licenceEvent(t.svc, t.who.clerk('window'), number, started), 403, 'forbidden');
      const agent = t.svc.token({ sub: 'agent-1', role: 'agent', org: 'service-team' });
      expectProblem(await licenceEvent(t.svc, agent, number, started), 403, 'forbidden');
      expectProblem(
        await licenceEvent(t.svc, t.who.applicant, '36020020260302999901', started),
        404,
        'not-found',
      );
      expectProblem(
        await licenceEvent(t.svc, t.who.applicant, number, { type: 'LAPSE' }),
        400,
        'malformed-request',
      );
      expect((await t.svc.request('GET', licencePath(number))).body.status).to.equal('valid');
    });
  });
});

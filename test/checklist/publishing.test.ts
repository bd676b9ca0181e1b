import { expect } from 'chai';
import { describeEachDatabase } from '../support/databases.ts';
import { completionCase, expectProblem, pointers } from '../support/http.ts';
import { schedule } from '../support/inspections.ts';
import { withService } from '../support/with-service.ts';

describeEachDatabase('checklist/publishing', (kind) => {
  describe('GET and PUT /checklist', () => {
    const t = withService(kind);
    const current = () => t.svc.request('GET', '/api/v1/checklist');
    /** What PUT takes (docs/api.md): the shape GET returns, without `version`. */
    async function publishable() {
      const { version: _v, ...body } = (await current()).body;
      return body;
    }

    it('should show the seeded checklist to anyone, without a token', async () => {
      const response = await current();
      expect(response.status).to.equal(200);
      expect(response.body.version).to.equal(1);
      const fee = (code: string) => response.body.fees.find((f: { code: string }) => f.code === code);
      expect(fee('real-estate-registration')).to.deep.include({ unit: 'case', rate: 550 });
      expect(fee('real-estate-registration').rateWhen).to.deep.equal([
        { when: { field: 'useCategory', op: 'eq', value: 'residential' }, rate: 80 },
      ]);
      expect(fee('extra-certificate')).to.deep.include({ unit: 'certificate', rate: 10 });
      expect(fee('infrastructure-supporting')).to.deep.include({ unit: 'm2-floor-area', rate: 115 });
      for (const f of response.body.fees) expect(f.basis, f.code).to.be.a('string').that.is.not.empty;
      expect(
        response.body.inspections.map(
          (i: { code: string; department: string }) => `${i.department} ${i.code}`,
        ),
      ).to.have.members([
        'planning planning-verification',
        'land land-verification',
        'fire fire-acceptance',
        'fire fire-filing-spot-check',
        'civil-defense civil-defense-acceptance',
        'archives archives-acceptance',
        'meteorology lightning-protection',
        'quality quality-supervision',
      ]);
      for (const i of response.body.inspections) {
        expect(i.basis, i.code).to.be.a('string').that.is.not.empty;
        expect(i.steps, i.code).to.deep.equal(['completion-acceptance']);
      }
    });

    it('should refuse PUT without a token (401) and from a clerk (403)', async () => {
      const body = await publishable();
      expectProblem(await t.svc.request('PUT', '/api/v1/checklist', { body }), 401, 'unauthorized');
      const clerk = await t.svc.request('PUT', '/api/v1/checklist', { token: t.who.clerk('window'), body });
      expectProblem(clerk, 403, 'forbidden');
      expect((await current()).body.version).to.equal(1);
    });

    it('should answer 400 to malformed JSON', async () => {
      const response = await t.svc.request('PUT', '/api/v1/checklist', {
        token: t.admin,
        rawBody: '{"fees": [',
      });
      expectProblem(response, 400, 'malformed-request');
    });

    it('should answer 422 with pointers to a duplicate code, a missing basis and an unknown department', async () => {
      const duplicate = await publishable();
      duplicate.fees[1].code = duplicate.fees[0].code;
      let response = await t.svc.request('PUT', '/api/v1/checklist', { token: t.admin, body: duplicate });
      expectProblem(response, 422, 'validation-failed');
      expect(pointers(response)).to.deep.equal(['/fees/1/code']);

      const crossList = await publishable();
      crossList.inspections[2].code = crossList.fees[0].code;
      response = await t.svc.request('PUT', '/api/v1/checklist', { token: t.admin, body: crossList });
      expectProblem(response, 422, 'validation-failed');
      expect(pointers(response)).to.deep.equal(['/inspections/2/code']);

      const noBasis = await publishable();
      delete noBasis.fees[0].basis;
      noBasis.inspections[1].basis = '  ';
      response = await t.svc.request('PUT', '/api/v1/checklist', { token: t.admin, body: noBasis });
      expectProblem(response, 422, 'validation-failed');
      expect(pointers(response)).to.have.members(['/fees/0/basis', '/inspections/1/basis']);

      for (const department of ['housing', 'window']) {
        const unknown = await publishable();
        unknown.inspections[0].department = department;
        response = await t.svc.request('PUT', '/api/v1/checklist', { token: t.admin, body: unknown });
        expectProblem(response, 422, 'validation-failed');
        expect(pointers(response), department).to.deep.equal(['/inspections/0/department']);
      }

      // Inspections belong to workflows that carry them out.
      for (const step of ['demolition', 'construction-permit']) {
        const unknownWorkflow = await publishable();
        unknownWorkflow.inspections[0].steps = ['completion-acceptance', step];
        response = await t.svc.request('PUT', '/api/v1/checklist', {
          token: t.admin,
          body: unknownWorkflow,
        });
        expectProblem(response, 422, 'validation-failed');
        expect(pointers(response), step).to.deep.equal(['/inspections/0/steps']);
      }

      const empty = { fees: [], inspections: [] };
      response = await t.svc.request('PUT', '/api/v1/checklist', { token: t.admin, body: empty });
      expectProblem(response, 422, 'validation-failed');
      expect(pointers(response)).to.have.members(['/fees', '/inspections']);

      const withVersion = { ...(await publishable()), version: 7 };
      response = await t.svc.request('PUT', '/api/v1/checklist', { token: t.admin, body: withVersion });
      expectProblem(response, 422, 'validation-failed');
      expect(pointers(response)).to.deep.equal(['/version']);

      expect((await current()).body.version).to.equal(1);
    });

    it('should publish version 2 for an admin (201) and show it from then on', async () => {
      const body = await publishable();
      body.fees.find((f: { code: string }) => f.code === 'extra-certificate').rate = 12.5;
      // The body carries v1's publishedAt, as GET gave it: the service sets its own.
      t.svc.clock.set('2026-03-03T10:00:00+08:00');
      const published = await t.svc.request('PUT', '/api/v1/checklist', { token: t.admin, body });
      expect(published.status).to.equal(201);
      expect(published.body).to.include({ version: 2, publishedAt: '2026-03-03T02:00:00.000Z' });
      const now = await current();
      expect(now.body.version).to.equal(2);
      expect(now.body.fees.find((f: { code: string }) => f.code === 'extra-certificate').rate).to.equal(12.5);
    });
  });

  describe('a checklist republished while a case runs', () => {
    const t = withService(kind);

    it('should keep licensing the running case’s inspections by the version fixed at its acceptance', async () => {
      const id = await completionCase(t);
      const {
        version: _v,
        publishedAt: _p,
        ...body
      } = (await t.svc.request('GET', '/api/v1/checklist')).body;
      // Version 2 no longer lists archives acceptance.
      body.inspections = body.inspections.filter((i: { code: string }) => i.code !== 'archives-acceptance');
      const published = await t.svc.request('PUT', '/api/v1/checklist', { token: t.admin, body });
      expect(published.status, JSON.stringify(published.body)).to.equal(201);

      const running = await schedule(t.svc, t.who.clerk('archives'), id, 'archives-acceptance');
      expect(running.status, JSON.stringify(running.body)).to.equal(201);
      expect(running.body.checklistVersion).to.equal(1);
      // A case accepted under version 2 does not need it, and may not have it (archives has no part in that
      // case, so a clerk who works on it tries).
      const later = await completionCase(t);
      const refused = await schedule(t.svc, t.who.clerk('planning'), later, 'archives-acceptance');
      expectProblem(refused, 422, 'not-on-checklist');
    });
  });
});

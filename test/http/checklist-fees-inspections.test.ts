import { expect } from 'chai';
import {
  completionAcceptanceApplication,
  exampleInspections,
  minimalCompletionForm,
} from '../fixtures/completion-acceptance.ts';
import { describeEachDatabase, type DatabaseKind } from '../support/databases.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import {
  acceptedCase,
  caseState,
  createDraft,
  people,
  sendEvent,
  sendOk,
  startTestService,
  type People,
  type TestResponse,
  type TestService,
  expectProblem,
} from '../support/http.ts';

/** The pointers of a 422's `errors`. */
const pointers = (response: TestResponse) =>
  (response.body.errors ?? []).map((e: { pointer: string }) => e.pointer);

/** A service of its own per block, so that checklist versions and clocks do not leak between blocks. */
function withService(kind: DatabaseKind) {
  const ctx = {} as { svc: TestService; who: People; admin: string };
  before(async () => {
    ctx.svc = await startTestService(kind);
    ctx.who = people(ctx.svc, ENTERPRISE, OTHER_ENTERPRISE);
    ctx.admin = ctx.svc.token({ sub: 'admin-1', role: 'admin' });
  });
  after(async () => {
    await ctx.svc?.close();
  });
  return ctx;
}

/** An accepted completion case of the example, with `form` merged over the example's form. */
function completionCase(t: { svc: TestService; who: People }, form: Record<string, unknown> = {}) {
  const body = completionAcceptanceApplication();
  body.form = { ...body.form, ...form };
  return acceptedCase(t.svc, t.who, body);
}

const casePath = (id: string, rest = '') => `/api/v1/applications/${id}${rest}`;

function assess(svc: TestService, token: string, id: string, body: Record<string, unknown>) {
  return svc.request('POST', casePath(id, '/fees'), { token, body });
}

async function assessOk(svc: TestService, token: string, id: string, body: Record<string, unknown>) {
  const response = await assess(svc, token, id, body);
  if (response.status !== 201)
    throw new Error(`fee answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

function pay(svc: TestService, token: string, id: string, feeId: number, paymentRef = 'NTR-2026-000451') {
  return svc.request('POST', casePath(id, `/fees/${feeId}/pay`), { token, body: { paymentRef } });
}

function schedule(svc: TestService, token: string, id: string, code: string) {
  return svc.request('POST', casePath(id, '/inspections'), {
    token,
    body: { code, scheduledAt: '2026-03-04T09:30:00+08:00' },
  });
}

function record(
  svc: TestService,
  token: string,
  id: string,
  inspectionId: number,
  body: { result: string; findings?: string },
) {
  return svc.request('POST', casePath(id, `/inspections/${inspectionId}/result`), { token, body });
}

/** Schedules an inspection as the department's clerk and records its result. */
async function inspect(
  t: { svc: TestService; who: People },
  id: string,
  item: { department: string; code: string },
  result: { result: string; findings?: string } = { result: 'pass' },
) {
  const token = t.who.clerk(item.department);
  const scheduled = await schedule(t.svc, token, id, item.code);
  expect(scheduled.status, JSON.stringify(scheduled.body)).to.equal(201);
  const recorded = await record(t.svc, token, id, scheduled.body.id, result);
  expect(recorded.status, JSON.stringify(recorded.body)).to.equal(200);
  return recorded.body;
}

describeEachDatabase('http/checklist-fees-inspections', (kind) => {
  describe('GET and PUT /checklist', () => {
    const t = withService(kind);
    const current = () => t.svc.request('GET', '/api/v1/checklist');
    /** What PUT takes (API.md): the shape GET returns, without `version`. */
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

  describe('fees', () => {
    const t = withService(kind);
    /** The example: industrial, 18 500 m². */
    let industrial = '';
    let residential = '';

    before(async () => {
      industrial = await completionCase(t);
      residential = await completionCase(t, { useCategory: 'residential' });
    });

    const feesOf = async (id: string) =>
      (await t.svc.request('GET', casePath(id), { token: t.who.applicant })).body.fees;

    it('should compute amounts from the checklist rate and the case facts, never from the request', async () => {
      const window = t.who.clerk('window');
      const infra = await assess(t.svc, window, industrial, { code: 'infrastructure-supporting' });
      expect(infra.status).to.equal(201);
      expect(infra.body).to.deep.include({
        code: 'infrastructure-supporting',
        amount: 2127500,
        rate: 115,
        quantity: 18500,
        unit: 'm2-floor-area',
        status: 'assessed',
        checklistVersion: 1,
      });
      expect(infra.body.id).to.be.a('number');
      expect(infra.headers.get('location')).to.equal(casePath(industrial, `/fees/${infra.body.id}`));

      expect(await assessOk(t.svc, window, industrial, { code: 'real-estate-registration' })).to.include({
        amount: 550,
        rate: 550,
      });
      expect(await assessOk(t.svc, window, residential, { code: 'real-estate-registration' })).to.include({
        amount: 80,
        rate: 80,
      });
      expect(
        await assessOk(t.svc, window, industrial, { code: 'extra-certificate', quantity: 3 }),
      ).to.include({ amount: 30, quantity: 3 });
      // A fee the checklist does not reserve to one department is the window's to assess.
      expectProblem(
        await assess(t.svc, t.who.clerk('planning'), residential, {
          code: 'extra-certificate',
          quantity: 1,
        }),
        403,
        'forbidden',
      );
    });

    it('should round a fractional floor area to the fen, half up', async () => {
      // 100.003 m² × ¥115 = ¥11 500.345 → ¥11 500.35; 1 234.567 m² × ¥115 = ¥141 975.205 → ¥141 975.21.
      const cases = [
        [100.003, 11500.35],
        [1234.567, 141975.21],
        [0.009, 1.04],
      ] as const;
      for (const [area, amount] of cases) {
        const id = await completionCase(t, { floorAreaM2: area });
        const fee = await assessOk(t.svc, t.who.clerk('window'), id, { code: 'infrastructure-supporting' });
        expect(fee.amount, String(area)).to.equal(amount);
      }
    });

    it('should refuse a quantity the fee does not take, or a missing one, with 422 and charge nothing', async () => {
      const window = t.who.clerk('window');
      const before = (await feesOf(residential)).length;
      const refusals: Array<[Record<string, unknown>, string]> = [
        [{ code: 'real-estate-registration', quantity: 2 }, '/quantity'],
        [{ code: 'infrastructure-supporting', quantity: 5 }, '/quantity'],
        [{ code: 'extra-certificate' }, '/quantity'],
      ];
      for (const [body, pointer] of refusals) {
        const response = await assess(t.svc, window, residential, body);
        expectProblem(response, 422, 'validation-failed');
        expect(pointers(response), JSON.stringify(body)).to.deep.equal([pointer]);
      }
      // A free amount is not even part of the request's shape.
      expectProblem(
        await assess(t.svc, window, residential, { code: 'real-estate-registration', amount: 1 }),
        400,
        'malformed-request',
      );
      expect(await feesOf(residential)).to.have.length(before);
    });

    it('should refuse with 422, not fail, an amount too large for a fee record', async () => {
      // 10^14 m² × ¥115 has more than the 14 integer digits of n..16,2.
      const id = await completionCase(t, { floorAreaM2: 1e14 });
      const response = await assess(t.svc, t.who.clerk('window'), id, {
        code: 'infrastructure-supporting',
      });
      expectProblem(response, 422, 'validation-failed');
      expect(pointers(response)).to.deep.equal(['/code']);
      expect(await feesOf(id)).to.deep.equal([]);
    });

    it('should refuse an off-list fee with 422 not-on-checklist, put the attempt on record and charge nothing', async () => {
      const before = await caseState(t.svc, t.who.auditor, residential);
      const fees = (await feesOf(residential)).length;
      t.svc.clock.set('2026-03-02T15:00:00+08:00');
      const response = await assess(t.svc, t.who.clerk('planning'), residential, {
        code: 'road-occupation',
        quantity: 2,
      });
      expectProblem(response, 422, 'not-on-checklist');
      expect(response.body.detail).to.match(/road-occupation/);
      expect(pointers(response)).to.deep.equal(['/code']);

      expect(await feesOf(residential)).to.have.length(fees);
      const after = await caseState(t.svc, t.who.auditor, residential);
      expect(after).to.deep.equal({ ...before, version: before.version + 1, history: before.history + 1 });
      const history = await t.svc.request('GET', casePath(residential, '/history'), {
        token: t.who.applicant,
      });
      const attempt = history.body.items.at(-1);
      expect(attempt).to.deep.include({
        type: 'FEE_REFUSED',
        at: '2026-03-02T07:00:00.000Z',
        actor: { sub: 'clerk-planning', role: 'clerk', org: 'planning' },
        onBehalfOf: null,
      });
      expect(attempt.data).to.deep.include({ code: 'road-occupation', quantity: 2, checklistVersion: 1 });
      expect(attempt.from).to.deep.equal(attempt.to);
      // The attempt is a link of the hash chain like any other record.
      const verified = await t.svc.request('GET', casePath(residential, '/verify'), {
        token: t.who.auditor,
      });
      expect(verified.body).to.include({ ok: true });
    });

    it('should answer 403 to an applicant or an auditor assessing a fee, and change nothing', async () => {
      const before = await caseState(t.svc, t.who.auditor, residential);
      for (const token of [t.who.applicant, t.who.auditor]) {
        expectProblem(
          await assess(t.svc, token, residential, { code: 'extra-certificate', quantity: 1 }),
          403,
          'forbidden',
        );
      }
      // 403 comes before the checklist: an applicant's off-list attempt is not an attempt to charge.
      expectProblem(
        await assess(t.svc, t.who.applicant, residential, { code: 'road-occupation' }),
        403,
        'forbidden',
      );
      expect(await caseState(t.svc, t.who.auditor, residential)).to.deep.equal(before);
    });

    it('should let the enterprise pay once, keep the reference, and answer 409 to a second payment', async () => {
      const fee = await assessOk(t.svc, t.who.clerk('window'), residential, {
        code: 'extra-certificate',
        quantity: 2,
      });
      t.svc.clock.set('2026-03-03T09:15:00+08:00');
      const paid = await pay(t.svc, t.who.applicant, residential, fee.id, ' NTR-2026-000451 ');
      expect(paid.status, JSON.stringify(paid.body)).to.equal(200);
      expect(paid.body).to.deep.include({
        id: fee.id,
        status: 'paid',
        paymentRef: 'NTR-2026-000451',
        paidAt: '2026-03-03T01:15:00.000Z',
        amount: 20,
      });
      const before = await caseState(t.svc, t.who.auditor, residential);
      const again = await pay(t.svc, t.who.applicant, residential, fee.id, 'NTR-2026-000452');
      expectProblem(again, 409, 'event-not-allowed');
      expect(await caseState(t.svc, t.who.auditor, residential)).to.deep.equal(before);
      const shown = (await feesOf(residential)).find((f: { id: number }) => f.id === fee.id);
      expect(shown).to.include({ status: 'paid', paymentRef: 'NTR-2026-000451' });
      // Nor can a paid fee be waived.
      const waive = await t.svc.request('POST', casePath(residential, `/fees/${fee.id}/waive`), {
        token: t.who.clerk('window'),
        body: { reason: 'policy' },
      });
      expectProblem(waive, 409, 'event-not-allowed');
    });

    it('should let a clerk waive a fee with a reason, and answer 422 to a waiver without one', async () => {
      const fee = await assessOk(t.svc, t.who.clerk('window'), residential, {
        code: 'real-estate-registration',
      });
      const path = casePath(residential, `/fees/${fee.id}/waive`);
      const before = await caseState(t.svc, t.who.auditor, residential);
      for (const reason of ['', '   ']) {
        const blank = await t.svc.request('POST', path, { token: t.who.clerk('window'), body: { reason } });
        expectProblem(blank, 422, 'validation-failed');
        expect(pointers(blank)).to.deep.equal(['/reason']);
      }
      expectProblem(
        await t.svc.request('POST', path, { token: t.who.applicant, body: { reason: 'we are poor' } }),
        403,
        'forbidden',
      );
      expect(await caseState(t.svc, t.who.auditor, residential)).to.deep.equal(before);

      const waived = await t.svc.request('POST', path, {
        token: t.who.clerk('window'),
        body: { reason: 'Affordable housing: registration fee exempted (Cai Shui [2016] No. 79)' },
      });
      expect(waived.status, JSON.stringify(waived.body)).to.equal(200);
      expect(waived.body).to.deep.include({
        status: 'waived',
        waiveReason: 'Affordable housing: registration fee exempted (Cai Shui [2016] No. 79)',
        paymentRef: null,
      });
      const settled = (
        await t.svc.request('GET', casePath(residential, '/history'), { token: t.who.auditor })
      ).body.items.at(-1);
      expect(settled).to.deep.include({
        type: 'FEE_SETTLED',
        actor: { sub: 'clerk-window', role: 'clerk', org: 'window' },
      });
      expect(settled.data).to.deep.include({ feeId: fee.id, outcome: 'waived' });
    });

    it('should answer 403 to an auditor paying, 404 to another enterprise, and 404 to an unknown fee', async () => {
      const fee = await assessOk(t.svc, t.who.clerk('window'), industrial, {
        code: 'extra-certificate',
        quantity: 1,
      });
      const before = await caseState(t.svc, t.who.auditor, industrial);
      expectProblem(await pay(t.svc, t.who.auditor, industrial, fee.id), 403, 'forbidden');
      expectProblem(await pay(t.svc, t.who.clerk('window'), industrial, fee.id), 403, 'forbidden');
      expectProblem(await pay(t.svc, t.who.otherApplicant, industrial, fee.id), 404, 'not-found');
      expectProblem(await pay(t.svc, t.who.applicant, industrial, 999999), 404, 'not-found');
      // A fee of one case cannot be paid through another.
      expectProblem(await pay(t.svc, t.who.applicant, residential, fee.id), 404, 'not-found');
      expect(await caseState(t.svc, t.who.auditor, industrial)).to.deep.equal(before);
      const shown = (await feesOf(industrial)).find((f: { id: number }) => f.id === fee.id);
      expect(shown.status).to.equal('assessed');
    });

    it('should keep earlier assessments when the checklist changes, and assess new fees at the new rate', async () => {
      const earlier = (await feesOf(industrial)).find(
        (f: { code: string }) => f.code === 'infrastructure-supporting',
      );
      expect(earlier).to.include({ amount: 2127500, checklistVersion: 1 });

      const body = (await t.svc.request('GET', '/api/v1/checklist')).body;
      delete body.version;
      body.fees.find((f: { code: string }) => f.code === 'infrastructure-supporting').rate = 120.5;
      const published = await t.svc.request('PUT', '/api/v1/checklist', { token: t.admin, body });
      expect(published.status).to.equal(201);
      expect(published.body.version).to.equal(2);

      const fees = await feesOf(industrial);
      expect(fees.find((f: { id: number }) => f.id === earlier.id)).to.deep.equal(earlier);
      const fresh = await assessOk(t.svc, t.who.clerk('window'), industrial, {
        code: 'infrastructure-supporting',
      });
      expect(fresh).to.include({ amount: 2229250, rate: 120.5, checklistVersion: 2 });
    });
  });

  describe('inspections', () => {
    const t = withService(kind);
    let id = '';
    const view = async (token = t.who.applicant) =>
      (await t.svc.request('GET', casePath(id), { token })).body;

    before(async () => {
      id = await completionCase(t);
    });

    it('should show the enterprise the required inspections, all pending, and nothing to do', async () => {
      const page = await view();
      expect(page.requiredInspections).to.deep.equal(
        exampleInspections.map((i) => ({ ...i, status: 'pending' })),
      );
      expect(page.inspections).to.deep.equal([]);
      expect(page.fees).to.deep.equal([]);
      expect(page.nextAction.action).to.equal('nothing');
    });

    it('should refuse an off-list inspection with 422 not-on-checklist and put the attempt on record', async () => {
      const before = await caseState(t.svc, t.who.auditor, id);
      const response = await schedule(t.svc, t.who.clerk('fire'), id, 'fire-drill');
      expectProblem(response, 422, 'not-on-checklist');
      expect(pointers(response)).to.deep.equal(['/code']);
      const after = await caseState(t.svc, t.who.auditor, id);
      expect(after).to.deep.equal({ ...before, version: before.version + 1, history: before.history + 1 });
      const history = await t.svc.request('GET', casePath(id, '/history'), { token: t.who.applicant });
      const attempt = history.body.items.at(-1);
      expect(attempt).to.deep.include({
        type: 'INSPECTION_REFUSED',
        actor: { sub: 'clerk-fire', role: 'clerk', org: 'fire' },
      });
      expect(attempt.data).to.deep.include({ code: 'fire-drill', checklistVersion: 1 });
      expect((await view()).inspections).to.deep.equal([]);
    });

    it('should answer 403 to a clerk of another department scheduling a fire inspection, and change nothing', async () => {
      const before = await caseState(t.svc, t.who.auditor, id);
      expectProblem(await schedule(t.svc, t.who.clerk('planning'), id, 'fire-acceptance'), 403, 'forbidden');
      expectProblem(await schedule(t.svc, t.who.clerk('window'), id, 'fire-acceptance'), 403, 'forbidden');
      expectProblem(await schedule(t.svc, t.who.applicant, id, 'fire-acceptance'), 403, 'forbidden');
      // A department with no part in the case does not see it at all.
      expectProblem(await schedule(t.svc, t.who.clerk('housing'), id, 'fire-acceptance'), 404, 'not-found');
      expect(await caseState(t.svc, t.who.auditor, id)).to.deep.equal(before);
      expect((await view()).inspections).to.deep.equal([]);
    });

    it('should answer 409 to an inspection on the checklist that this project does not need', async () => {
      const before = await caseState(t.svc, t.who.auditor, id);
      expectProblem(
        await schedule(t.svc, t.who.clerk('fire'), id, 'fire-filing-spot-check'),
        409,
        'event-not-allowed',
      );
      expect(await caseState(t.svc, t.who.auditor, id)).to.deep.equal(before);
      expect((await view()).inspections).to.deep.equal([]);
    });

    it('should schedule a fire inspection for the fire clerk and refuse its result from another department', async () => {
      const scheduled = await schedule(t.svc, t.who.clerk('fire'), id, 'fire-acceptance');
      expect(scheduled.status, JSON.stringify(scheduled.body)).to.equal(201);
      expect(scheduled.body).to.deep.include({
        code: 'fire-acceptance',
        department: 'fire',
        status: 'scheduled',
        scheduledAt: '2026-03-04T01:30:00.000Z',
        checklistVersion: 1,
        result: null,
      });
      expect(scheduled.headers.get('location')).to.equal(casePath(id, `/inspections/${scheduled.body.id}`));
      expectProblem(
        await schedule(t.svc, t.who.clerk('fire'), id, 'fire-acceptance'),
        409,
        'event-not-allowed',
      );

      const before = await caseState(t.svc, t.who.auditor, id);
      const wrong = await record(t.svc, t.who.clerk('planning'), id, scheduled.body.id, { result: 'pass' });
      expectProblem(wrong, 403, 'forbidden');
      expectProblem(
        await record(t.svc, t.who.applicant, id, scheduled.body.id, { result: 'pass' }),
        403,
        'forbidden',
      );
      expectProblem(
        await record(t.svc, t.who.clerk('fire'), id, 999999, { result: 'pass' }),
        404,
        'not-found',
      );
      expect(await caseState(t.svc, t.who.auditor, id)).to.deep.equal(before);
      const page = await view();
      expect(page.inspections).to.have.length(1);
      expect(page.inspections[0]).to.include({ status: 'scheduled', result: null });
      expect(
        page.requiredInspections.find((r: { code: string }) => r.code === 'fire-acceptance').status,
      ).to.equal('scheduled');
    });

    it('should answer 422 to a failed result without findings', async () => {
      const [inspection] = (await view()).inspections;
      const before = await caseState(t.svc, t.who.auditor, id);
      for (const body of [{ result: 'fail' }, { result: 'fail', findings: '  ' }]) {
        const response = await record(t.svc, t.who.clerk('fire'), id, inspection.id, body);
        expectProblem(response, 422, 'validation-failed');
        expect(pointers(response)).to.deep.equal(['/findings']);
      }
      expect(await caseState(t.svc, t.who.auditor, id)).to.deep.equal(before);
    });

    it('should send the enterprise to pay, then to rectify, then back to nothing to do', async () => {
      const fee = await assessOk(t.svc, t.who.clerk('window'), id, { code: 'real-estate-registration' });
      let page = await view();
      expect(page.nextAction.action).to.equal('pay');
      expect(page.nextAction.detail).to.match(/550\.00/);
      expect(page.fees).to.have.length(1);
      expect(page.fees[0]).to.include({
        id: fee.id,
        code: 'real-estate-registration',
        amount: 550,
        status: 'assessed',
      });

      const [inspection] = page.inspections;
      t.svc.clock.set('2026-03-04T11:00:00+08:00');
      const failed = await record(t.svc, t.who.clerk('fire'), id, inspection.id, {
        result: 'fail',
        findings: 'Fire doors on level 2 do not close by themselves',
      });
      expect(failed.status, JSON.stringify(failed.body)).to.equal(200);
      expect(failed.body).to.include({
        status: 'failed',
        result: 'fail',
        findings: 'Fire doors on level 2 do not close by themselves',
        recordedAt: '2026-03-04T03:00:00.000Z',
      });
      page = await view();
      expect(page.status).to.equal('in_review');
      // Rectification comes first: the clock is stopped until it is done.
      expect(page.nextAction.action).to.equal('rectify');
      expect(page.allowedEvents).to.have.members(['RECTIFIED', 'WITHDRAW']);
      expect(
        page.requiredInspections.find((r: { code: string }) => r.code === 'fire-acceptance').status,
      ).to.equal('failed');
      const fireTask = page.tasks.find((task: { department: string }) => task.department === 'fire');
      expect(fireTask).to.include({ status: 'open', clockStopped: true });
      expectProblem(
        await schedule(t.svc, t.who.clerk('fire'), id, 'fire-acceptance'),
        409,
        'event-not-allowed',
      );

      t.svc.clock.set('2026-03-06T10:00:00+08:00');
      await sendOk(t.svc, t.who.applicant, id, { type: 'RECTIFIED' });
      page = await view();
      expect(page.nextAction.action).to.equal('pay');
      expect(page.timing.stoppedWorkingDays).to.equal(2);

      const paid = await pay(t.svc, t.who.applicant, id, fee.id);
      expect(paid.status).to.equal(200);
      page = await view();
      expect(page.nextAction.action).to.equal('nothing');

      const again = await inspect(t, id, { department: 'fire', code: 'fire-acceptance' });
      expect(again.status).to.equal('passed');
      page = await view();
      expect(page.inspections.map((i: { status: string }) => i.status)).to.deep.equal(['failed', 'passed']);
      expect(page.inspections[0].findings).to.equal('Fire doors on level 2 do not close by themselves');
      expect(
        page.requiredInspections.find((r: { code: string }) => r.code === 'fire-acceptance').status,
      ).to.equal('passed');
      // The other enterprise learns nothing about the case.
      expectProblem(
        await t.svc.request('GET', casePath(id), { token: t.who.otherApplicant }),
        404,
        'not-found',
      );
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

  describe('the whole completion case through the routes', () => {
    const t = withService(kind);
    let id = '';
    const view = async (token = t.who.applicant) =>
      (await t.svc.request('GET', casePath(id), { token })).body;

    it('should take the example from submission to one joint certificate', async () => {
      id = await createDraft(t.svc, t.who.applicant, completionAcceptanceApplication());
      t.svc.clock.set('2026-03-02T10:00:00+08:00');
      const submitted = await sendOk(t.svc, t.who.applicant, id, { type: 'SUBMIT' });
      expect(submitted.body).to.include({ status: 'submitted', workflow: 'completion-acceptance' });
      expect(submitted.body.requiredInspections).to.deep.equal([]);

      t.svc.clock.set('2026-03-02T14:00:00+08:00');
      const accepted = await sendOk(t.svc, t.who.clerk('window'), id, { type: 'ACCEPT' });
      expect(accepted.body.status).to.equal('in_review');
      expect(accepted.body.timing.limitWorkingDays).to.equal(7);
      const open = accepted.body.tasks.filter((task: { status: string }) => task.status === 'open');
      expect(open.map((task: { department: string }) => task.department)).to.deep.equal(
        exampleInspections.map((i) => i.department),
      );

      const window = t.who.clerk('window');
      const registration = await assessOk(t.svc, window, id, { code: 'real-estate-registration' });
      const infra = await assessOk(t.svc, window, id, { code: 'infrastructure-supporting' });

      t.svc.clock.set('2026-03-03T09:00:00+08:00');
      for (const item of exampleInspections.slice(0, -1)) await inspect(t, id, item);
      // Before the last region has passed, ISSUE says what is outstanding.
      let refused = await sendEvent(t.svc, window, id, { type: 'ISSUE' });
      expectProblem(refused, 409, 'event-not-allowed');
      expect(refused.body.detail).to.match(/quality-supervision/);
      await inspect(t, id, exampleInspections.at(-1)!);

      let page = await view();
      expect(page.state).to.deep.equal({ accepted: 'issuing' });
      expect(page.requiredInspections.every((r: { status: string }) => r.status === 'passed')).to.equal(true);
      expect(page.inspections).to.have.length(7);
      expect(page.nextAction.action).to.equal('pay');
      expect((await view(window)).allowedEvents).not.to.include('ISSUE');

      const before = await caseState(t.svc, t.who.auditor, id);
      refused = await sendEvent(t.svc, window, id, { type: 'ISSUE' });
      expectProblem(refused, 409, 'event-not-allowed');
      expect(refused.body.detail).to.match(/2 assessed fee\(s\) not yet paid/);
      expect(await caseState(t.svc, t.who.auditor, id)).to.deep.equal(before);

      expect((await pay(t.svc, t.who.applicant, id, registration.id)).status).to.equal(200);
      refused = await sendEvent(t.svc, window, id, { type: 'ISSUE' });
      expectProblem(refused, 409, 'event-not-allowed');
      expect(refused.body.detail).to.match(/1 assessed fee\(s\) not yet paid/);
      expect((await pay(t.svc, t.who.applicant, id, infra.id, 'NTR-2026-000452')).status).to.equal(200);
      expect((await view(window)).allowedEvents).to.include('ISSUE');

      t.svc.clock.set('2026-03-05T10:00:00+08:00');
      const issued = await sendOk(t.svc, window, id, { type: 'ISSUE' });
      expect(issued.body).to.include({ status: 'concluded', concludedAt: '2026-03-05T02:00:00.000Z' });
      expect(issued.body.tasks.every((task: { status: string }) => task.status === 'closed')).to.equal(true);
      // Accepted Monday 2 March; 3, 4 and 5 March are working days.
      expect(issued.body.timing).to.include({ workingDays: 3, netWorkingDays: 3, onTime: true });

      page = await view();
      expect(page.nextAction.action).to.equal('nothing');
      expect(page.fees.map((f: { status: string }) => f.status)).to.deep.equal(['paid', 'paid']);
      expect(page.fees.map((f: { amount: number }) => f.amount)).to.deep.equal([550, 2127500]);
      const history = await t.svc.request('GET', casePath(id, '/history'), { token: t.who.applicant });
      const types = history.body.items.map((r: { type: string }) => r.type);
      expect(types.filter((type: string) => type === 'ISSUE')).to.have.length(1);
      expect(types.filter((type: string) => type === 'INSPECTION_RECORDED')).to.have.length(7);
      expect(types.filter((type: string) => type === 'FEE_SETTLED')).to.have.length(2);
      expect(history.body.items.at(-1)).to.deep.include({ type: 'ISSUE', to: 'concluded' });

      // A concluded case takes no more fees or inspections.
      expectProblem(
        await assess(t.svc, window, id, { code: 'extra-certificate', quantity: 1 }),
        409,
        'event-not-allowed',
      );
      expect((await view()).fees).to.have.length(2);
    });

    it('should need only six inspections for the minimal form', async () => {
      const body = completionAcceptanceApplication();
      body.form = structuredClone(minimalCompletionForm) as never;
      const minimal = await acceptedCase(t.svc, t.who, body);
      const page = (await t.svc.request('GET', casePath(minimal), { token: t.who.applicant })).body;
      expect(page.requiredInspections.map((r: { code: string }) => r.code)).to.deep.equal([
        'planning-verification',
        'land-verification',
        'fire-filing-spot-check',
        'archives-acceptance',
        'lightning-protection',
        'quality-supervision',
      ]);
      // Civil defence has no part in this case, so it does not even see it.
      expectProblem(
        await schedule(t.svc, t.who.clerk('civil-defense'), minimal, 'civil-defense-acceptance'),
        404,
        'not-found',
      );
    });
  });
});

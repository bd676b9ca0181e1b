import { expect } from 'chai';
import { describeEachDatabase } from '../support/databases.ts';
import { assess, assessOk, pay } from '../support/fees.ts';
import { casePath, caseState, completionCase, expectProblem, pointers } from '../support/http.ts';
import { withService } from '../support/with-service.ts';

describeEachDatabase('fees/routes', (kind) => {
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
    expect(await assessOk(t.svc, window, industrial, { code: 'extra-certificate', quantity: 3 })).to.include({
      amount: 30,
      quantity: 3,
    });
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

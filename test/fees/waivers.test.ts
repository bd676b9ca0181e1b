import { expect } from 'chai';
import { describeEachDatabase } from '../support/databases.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import {
  acceptedCase,
  caseState,
  expectProblem,
  people,
  startTestService,
  type People,
  type TestService,
} from '../support/http.ts';
import { licensedCompletionApplication } from '../support/licences.ts';

describeEachDatabase('http/fee-waivers', (kind) => {
  let svc: TestService;
  let who: People;
  let id = '';
  const fees = (rest = '') => `/api/v1/applications/${id}/fees${rest}`;

  before(async () => {
    svc = await startTestService(kind);
    who = people(svc, ENTERPRISE, OTHER_ENTERPRISE);
    const admin = svc.token({ sub: 'admin-1', role: 'admin' });
    // Version 2 reserves the extra certificate to the fire department; the others name no department.
    const { version: _v, publishedAt: _p, ...body } = (await svc.request('GET', '/api/v1/checklist')).body;
    body.fees.find((f: { code: string }) => f.code === 'extra-certificate').department = 'fire';
    const published = await svc.request('PUT', '/api/v1/checklist', { token: admin, body });
    expect(published.status, JSON.stringify(published.body)).to.equal(201);
    id = await acceptedCase(svc, who, await licensedCompletionApplication(svc, who));
  });

  after(async () => {
    await svc?.close();
  });

  async function assessed(token: string, body: Record<string, unknown>): Promise<number> {
    const response = await svc.request('POST', fees(), { token, body });
    expect(response.status, JSON.stringify(response.body)).to.equal(201);
    return response.body.id;
  }

  it("should refuse with 403 a clerk waiving another department's fee, and change nothing", async () => {
    const feeId = await assessed(who.clerk('fire'), { code: 'extra-certificate', quantity: 1 });
    const before = await caseState(svc, who.auditor, id);
    for (const department of ['planning', 'window']) {
      const response = await svc.request('POST', fees(`/${feeId}/waive`), {
        token: who.clerk(department),
        body: { reason: 'not ours to waive' },
      });
      expectProblem(response, 403, 'forbidden');
      expect(response.body.detail).to.match(/fire/);
    }
    expect(await caseState(svc, who.auditor, id)).to.deep.equal(before);
    const waived = await svc.request('POST', fees(`/${feeId}/waive`), {
      token: who.clerk('fire'),
      body: { reason: 'Certificate reissued after our own error' },
    });
    expect(waived.status, JSON.stringify(waived.body)).to.equal(200);
    expect(waived.body).to.include({ status: 'waived' });
  });

  it('should leave a fee that names no department to the window, for assessment and waiver alike', async () => {
    const before = await caseState(svc, who.auditor, id);
    expectProblem(
      await svc.request('POST', fees(), {
        token: who.clerk('planning'),
        body: { code: 'real-estate-registration' },
      }),
      403,
      'forbidden',
    );
    const feeId = await assessed(who.clerk('window'), { code: 'real-estate-registration' });
    const afterAssessment = await caseState(svc, who.auditor, id);
    expect(afterAssessment.history).to.equal(before.history + 1);
    const refused = await svc.request('POST', fees(`/${feeId}/waive`), {
      token: who.clerk('planning'),
      body: { reason: 'waived by planning' },
    });
    expectProblem(refused, 403, 'forbidden');
    expect(refused.body.detail).to.match(/window/);
    expect(await caseState(svc, who.auditor, id)).to.deep.equal(afterAssessment);
    const waived = await svc.request('POST', fees(`/${feeId}/waive`), {
      token: who.clerk('window'),
      body: { reason: 'Affordable housing exemption' },
    });
    expect(waived.status, JSON.stringify(waived.body)).to.equal(200);
  });
});

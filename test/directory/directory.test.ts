import { expect } from 'chai';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import { createDraft, expectProblem, sendOk } from '../support/http.ts';
import { withService } from '../support/with-service.ts';

const THIRD = '91360200MA35F7QX2K';

describeEachDatabase('directory', (kind) => {
  const t = withService(kind);
  const entry = async (uscc: string, token = t.admin) => {
    const response = await t.svc.request('GET', `/api/v1/enterprises/${uscc}`, { token });
    expect(response.status, JSON.stringify(response.body)).to.equal(200);
    return response.body as {
      name: string | null;
      nameSource: string | null;
      legalRepresentative: string | null;
    };
  };
  const keep = (uscc: string, token: string, body: object) =>
    t.svc.request('PUT', `/api/v1/enterprises/${uscc}`, { token, body });

  it("should name an enterprise from its own submitted form, never from another's", async () => {
    // The other enterprise files a permit naming ENTERPRISE as its contractor, under a made-up name.
    const body = constructionPermitApplication();
    body.form.constructionUnit = { uscc: ENTERPRISE, name: '冒名施工公司' };
    const id = await createDraft(t.svc, t.who.otherApplicant, body);
    await sendOk(t.svc, t.who.otherApplicant, id, { type: 'SUBMIT' });
    expect(await entry(ENTERPRISE)).to.include({ name: null, nameSource: null });
    // Its own design unit is itself: that names it.
    expect(await entry(OTHER_ENTERPRISE)).to.include({
      name: 'Jiangnan Architectural Design Institute',
      nameSource: 'form',
    });
    // A draft is not read; the submitted form is.
    const own = await createDraft(t.svc, t.who.applicant, constructionPermitApplication());
    expect((await entry(ENTERPRISE)).name).to.equal(null);
    await sendOk(t.svc, t.who.applicant, own, { type: 'SUBMIT' });
    expect(await entry(ENTERPRISE)).to.include({
      name: 'Changjiang Construction Engineering Co.',
      nameSource: 'form',
    });
  });

  it("should prefer the token's org_name to a form, and the enterprise's own entry to both", async () => {
    const signedIn = t.svc.token({
      sub: 'ent-user',
      role: 'applicant',
      org: ENTERPRISE,
      org_name: '长江建设工程有限公司',
    });
    await t.svc.request('GET', '/api/v1/applications', { token: signedIn });
    expect(await entry(ENTERPRISE)).to.include({ name: '长江建设工程有限公司', nameSource: 'token' });
    const kept = await keep(ENTERPRISE, t.who.applicant, {
      name: '长江建设工程集团有限公司',
      legalRepresentative: '张三',
      contactPhone: '0798-8888888',
    });
    expect(kept.status, JSON.stringify(kept.body)).to.equal(200);
    expect(kept.body).to.include({ nameSource: 'enterprise', legalRepresentative: '张三' });
    // A later token with an older name does not undo what the enterprise keeps itself.
    const older = t.svc.token({ sub: 'ent-user-2', role: 'applicant', org: ENTERPRISE, org_name: '旧名称' });
    await t.svc.request('GET', '/api/v1/applications', { token: older });
    expect(await entry(ENTERPRISE)).to.include({
      name: '长江建设工程集团有限公司',
      nameSource: 'enterprise',
    });
    // Nor does a form submitted afterwards.
    const id = await createDraft(t.svc, t.who.applicant, constructionPermitApplication());
    await sendOk(t.svc, t.who.applicant, id, { type: 'SUBMIT' });
    expect((await entry(ENTERPRISE)).name).to.equal('长江建设工程集团有限公司');
  });

  it('should let only the enterprise itself or an administrator keep its entry', async () => {
    expectProblem(await keep(ENTERPRISE, t.who.otherApplicant, { name: '冒名' }), 403, 'forbidden');
    expectProblem(await keep(ENTERPRISE, t.who.clerk('window'), { name: '冒名' }), 403, 'forbidden');
    expectProblem(await keep(ENTERPRISE, t.who.auditor, { name: '冒名' }), 403, 'forbidden');
    expectProblem(await keep(ENTERPRISE, t.who.applicant, { name: ' ' }), 400, 'malformed-request');
    expectProblem(
      await keep(ENTERPRISE, t.who.applicant, { name: 'x', contactPhone: 'call me' }),
      400,
      'malformed-request',
    );
    expectProblem(await keep('not-a-code', t.admin, { name: 'x' }), 400, 'malformed-request');
    expect((await entry(ENTERPRISE)).name).to.equal('长江建设工程集团有限公司');
    const byAdmin = await keep(THIRD, t.admin, { name: '景德镇陶瓷材料有限公司' });
    expect(byAdmin.status).to.equal(200);
    expect(await entry(THIRD)).to.include({ name: '景德镇陶瓷材料有限公司', nameSource: 'enterprise' });
  });

  it('should show an entry to its enterprise, clerks, auditors and administrators only', async () => {
    expect((await entry(ENTERPRISE, t.who.applicant)).legalRepresentative).to.equal('张三');
    expect((await entry(ENTERPRISE, t.who.clerk('fire'))).legalRepresentative).to.equal('张三');
    expect((await entry(ENTERPRISE, t.who.auditor)).legalRepresentative).to.equal('张三');
    const hidden = await t.svc.request('GET', `/api/v1/enterprises/${ENTERPRISE}`, {
      token: t.who.otherApplicant,
    });
    expectProblem(hidden, 404, 'not-found');
  });

  it("should record people by the name they sign in with, and list a department's clerks", async () => {
    const zhao = t.svc.token({ sub: 'clerk-fire-zhao', role: 'clerk', org: 'fire', name: '赵六' });
    await t.svc.request('GET', '/api/v1/tasks', { token: zhao });
    const renamed = t.svc.token({ sub: 'clerk-fire-zhao', role: 'clerk', org: 'fire', name: '赵六六' });
    await t.svc.request('GET', '/api/v1/tasks', { token: renamed });
    const clerks = await t.svc.request('GET', '/api/v1/people', { token: t.who.clerk('fire') });
    expect(clerks.status).to.equal(200);
    expect(clerks.body.items).to.deep.include({
      sub: 'clerk-fire-zhao',
      name: '赵六六',
      role: 'clerk',
      org: 'fire',
      lead: false,
    });
    for (const item of clerks.body.items) expect(item.org).to.equal('fire');
    const other = await t.svc.request('GET', '/api/v1/people?department=planning', { token: zhao });
    expectProblem(other, 403, 'forbidden');
    expectProblem(await t.svc.request('GET', '/api/v1/people', { token: t.who.applicant }), 403, 'forbidden');
    expectProblem(
      await t.svc.request('GET', '/api/v1/people', { token: t.who.auditor }),
      400,
      'malformed-request',
    );
    const byAuditor = await t.svc.request('GET', '/api/v1/people?department=fire', { token: t.who.auditor });
    expect(byAuditor.body.items.map((p: { sub: string }) => p.sub)).to.include('clerk-fire-zhao');
  });
});

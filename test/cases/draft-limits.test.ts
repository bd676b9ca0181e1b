import { expect } from 'chai';
import { completionAcceptanceApplication } from '../fixtures/completion-acceptance.ts';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import {
  caseState,
  createDraft,
  expectProblem,
  people,
  pointers,
  startTestService,
  type People,
  type TestService,
} from '../support/http.ts';

describeEachDatabase('http/draft-limits', (kind) => {
  let svc: TestService;
  let who: People;
  let draft = '';
  const create = (body: unknown) =>
    svc.request('POST', '/api/v1/applications', { token: who.applicant, body });
  const patch = (body: unknown) =>
    svc.request('PATCH', `/api/v1/applications/${draft}`, { token: who.applicant, body });
  const count = async () => Number((await svc.service.db.knex('applications').count({ n: '*' }).first())?.n);

  before(async () => {
    svc = await startTestService(kind);
    who = people(svc, ENTERPRISE, OTHER_ENTERPRISE);
    draft = await createDraft(svc, who.applicant, constructionPermitApplication());
  });

  after(async () => {
    await svc?.close();
  });

  it('should still take an incomplete draft: required fields wait for SUBMIT', async () => {
    const response = await create({ workflow: 'construction-permit', project: {}, form: { landUse: 'x' } });
    expect(response.status, JSON.stringify(response.body)).to.equal(201);
  });

  it('should refuse a 900 KB project name on create with 422 and a pointer, storing nothing', async () => {
    const before = await count();
    const body = constructionPermitApplication();
    body.project.name = 'N'.repeat(900 * 1024);
    const response = await create(body);
    expectProblem(response, 422, 'validation-failed');
    expect(pointers(response)).to.include('/project/name');
    expect(await count()).to.equal(before);
  });

  it('should refuse form strings longer than the form schema allows on create, for each workflow', async () => {
    const before = await count();
    const permit = constructionPermitApplication();
    permit.form.landParcel = 'L'.repeat(101);
    let response = await create(permit);
    expectProblem(response, 422, 'validation-failed');
    expect(pointers(response)).to.deep.equal(['/form/landParcel']);
    const completion = completionAcceptanceApplication();
    (completion.project as Record<string, unknown>).location = 'x'.repeat(501);
    response = await create(completion);
    expectProblem(response, 422, 'validation-failed');
    expect(pointers(response)).to.deep.equal(['/project/location']);
    expect(await count()).to.equal(before);
  });

  it('should refuse a project or form larger than the limit even in members the schema does not know', async () => {
    const before = await count();
    const body = constructionPermitApplication();
    body.project.notes = 'p'.repeat(20 * 1024);
    let response = await create(body);
    expectProblem(response, 422, 'validation-failed');
    expect(pointers(response)).to.deep.equal(['/project']);
    const big = constructionPermitApplication();
    big.form.attachments = Array.from({ length: 300 }, () => 'f'.repeat(1000));
    response = await create(big);
    expectProblem(response, 422, 'validation-failed');
    expect(pointers(response)).to.deep.equal(['/form']);
    expect(await count()).to.equal(before);
  });

  it('should refuse on PATCH what it refuses on create, and change nothing', async () => {
    const before = await caseState(svc, who.auditor, draft);
    let response = await patch({ form: { landUse: 'u'.repeat(101) }, project: { name: 'n'.repeat(201) } });
    expectProblem(response, 422, 'validation-failed');
    expect(pointers(response)).to.have.members(['/form/landUse', '/project/name']);
    // Patches under the limit one by one, over it once merged.
    response = await patch({ form: { a: 'x'.repeat(200 * 1024) } });
    expect(response.status, JSON.stringify(response.body).slice(0, 300)).to.equal(200);
    const afterFirst = await caseState(svc, who.auditor, draft);
    response = await patch({ form: { b: 'x'.repeat(200 * 1024) } });
    expectProblem(response, 422, 'validation-failed');
    expect(pointers(response)).to.deep.equal(['/form']);
    expect(await caseState(svc, who.auditor, draft)).to.deep.equal(afterFirst);
    expect(afterFirst.version).to.equal(before.version + 1);
    // Removing the member (merge patch null) is always allowed.
    response = await patch({ form: { a: null } });
    expect(response.status).to.equal(200);
  });
});

import { expect } from 'chai';
import { databaseKinds } from '../support/databases.ts';
import { ENTERPRISE } from '../support/harness.ts';
import { expectProblem, startTestService, type TestService } from '../support/http.ts';

const DRAFT = { workflow: 'construction-permit', project: { name: 'Plant 3' }, form: {} };

for (const kind of databaseKinds()) {
  describe(`http/authentication (${kind})`, () => {
    let svc: TestService;
    before(async () => {
      svc = await startTestService(kind);
    });
    after(async () => {
      await svc?.close();
    });

    it('should refuse a sub longer than its columns with 401, and store nothing', async () => {
      const auditor = svc.token({ sub: 'auditor-1', role: 'auditor' });
      const long = svc.token({ sub: 'u'.repeat(201), role: 'applicant', org: ENTERPRISE });
      const response = await svc.request('POST', '/api/v1/applications', { token: long, body: DRAFT });
      expectProblem(response, 401, 'unauthorized');
      expect(response.body.detail).to.equal('token sub claim is too long: 201 characters, at most 200');
      const list = await svc.request('GET', '/api/v1/applications', { token: auditor });
      expect(list.body.items).to.deep.equal([]);

      const longest = svc.token({ sub: 'u'.repeat(200), role: 'applicant', org: ENTERPRISE });
      const created = await svc.request('POST', '/api/v1/applications', { token: longest, body: DRAFT });
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
    });
  });
}

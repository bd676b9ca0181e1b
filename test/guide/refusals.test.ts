import { expect } from 'chai';
import { describeEachDatabase } from '../support/databases.ts';
import { expectProblem, pointers, startTestService, type TestService } from '../support/http.ts';
import { withService } from '../support/with-service.ts';

const GUIDE = '/api/v1/guide';

// What the guide refuses, and how often one address may ask it.
describeEachDatabase('guide/routes', (kind) => {
  const t = withService(kind);
  const guide = (body: unknown) => t.svc.request('POST', GUIDE, { body });

  describe('refusals', () => {
    it('should refuse a body of the wrong shape (400) and unknown workflows or invalid facts (422)', async () => {
      expectProblem(await t.svc.request('POST', GUIDE, { rawBody: '[]' }), 400, 'malformed-request');
      expectProblem(await guide({}), 400, 'malformed-request');
      expectProblem(await guide({ workflow: 'construction-permit', extra: 1 }), 400, 'malformed-request');
      expectProblem(await guide({ workflow: 'construction-permit', form: [] }), 400, 'malformed-request');
      for (const workflow of ['no-such-workflow', 'delegation']) {
        const unknown = await guide({ workflow });
        expectProblem(unknown, 422, 'validation-failed');
        expect(pointers(unknown)).to.deep.equal(['/workflow']);
      }
      const invalid = await guide({
        workflow: 'construction-permit',
        form: { undergroundAreaM2: -1, useCategory: 'castle', misspelt: true },
        project: { code: 'not-a-code' },
      });
      expectProblem(invalid, 422, 'validation-failed');
      expect(pointers(invalid)).to.include.members([
        '/form/undergroundAreaM2',
        '/form/useCategory',
        '/project/code',
      ]);
    });
  });

  describe('rate limit', () => {
    let svc: TestService;
    before(async () => {
      svc = await startTestService(kind, undefined, { env: { RATE_LIMIT_PUBLIC: '2' } });
    });
    after(async () => svc?.close());

    it('should count the guide per client address and answer 429 with Retry-After past the limit', async () => {
      const body = { workflow: 'completion-acceptance' };
      expect((await svc.request('POST', GUIDE, { body })).status).to.equal(200);
      expect((await svc.request('POST', GUIDE, { body })).status).to.equal(200);
      const third = await svc.request('POST', GUIDE, { body });
      expectProblem(third, 429, 'too-many-requests');
      expect(Number(third.headers.get('retry-after'))).to.be.greaterThan(0);
    });
  });
});

import { expect } from 'chai';
import { describeEachDatabase } from '../support/databases.ts';
import { expectProblem, pointers } from '../support/http.ts';
import { withService } from '../support/with-service.ts';

describeEachDatabase('materials/catalog-routes', (kind) => {
  const t = withService(kind);
  const path = (workflow: string) => `/api/v1/workflows/${workflow}/materials`;
  const current = (workflow = 'construction-permit') => t.svc.request('GET', path(workflow));

  it('should show the seeded catalog of each workflow to anyone, without a token', async () => {
    for (const workflow of ['construction-permit', 'completion-acceptance']) {
      const response = await current(workflow);
      expect(response.status).to.equal(200);
      expect(response.body).to.include({ workflow, version: 1 });
      expect(response.body.publishedAt).to.be.a('string');
      expect(response.body.items.length).to.be.at.least(12);
    }
    const civil = (await current()).body.items.find(
      (i: { code: string }) => i.code === 'civil-defence-drawings',
    );
    expect(civil).to.deep.include({
      departments: ['civil-defense'],
      pledgeable: false,
      requiredWhen: {
        required: ['undergroundAreaM2'],
        properties: { undergroundAreaM2: { exclusiveMinimum: 0 } },
      },
    });
  });

  it('should answer 404 for an unknown workflow and for agreements', async () => {
    expectProblem(await current('no-such-workflow'), 404, 'not-found');
    expectProblem(await current('delegation'), 404, 'not-found');
  });

  it('should refuse PUT without a token (401) and from a clerk (403), changing nothing', async () => {
    const { body } = await current();
    expectProblem(await t.svc.request('PUT', path('construction-permit'), { body }), 401, 'unauthorized');
    const clerk = await t.svc.request('PUT', path('construction-permit'), {
      token: t.who.clerk('window'),
      body,
    });
    expectProblem(clerk, 403, 'forbidden');
    expect((await current()).body.version).to.equal(1);
  });

  it('should refuse a catalog with a duplicate code, a broken condition or a stranger department (422)', async () => {
    const { body } = await current();
    const items = structuredClone(body.items);
    items[1].code = items[0].code;
    items[2].requiredWhen = { type: 'nonsense' };
    items[3].departments = ['meteorology'];
    const response = await t.svc.request('PUT', path('construction-permit'), {
      token: t.admin,
      body: { ...body, items },
    });
    expectProblem(response, 422, 'validation-failed');
    expect(pointers(response)).to.have.members([
      '/items/1/code',
      '/items/2/requiredWhen',
      '/items/3/departments/0',
    ]);
    const missingBasis = structuredClone(body.items);
    delete missingBasis[0].basis;
    const schema = await t.svc.request('PUT', path('construction-permit'), {
      token: t.admin,
      body: { items: missingBasis },
    });
    expectProblem(schema, 422, 'validation-failed');
    expect((await current()).body.version).to.equal(1);
  });

  it('should publish a new version for one workflow only, as GET shows it', async () => {
    const { body } = await current();
    const items = body.items.slice(0, 12);
    const response = await t.svc.request('PUT', path('construction-permit'), {
      token: t.admin,
      body: { ...body, items },
    });
    expect(response.status, JSON.stringify(response.body)).to.equal(201);
    expect(response.body).to.include({ workflow: 'construction-permit', version: 2 });
    expect((await current()).body.items).to.deep.equal(items);
    expect((await current('completion-acceptance')).body.version).to.equal(1);
  });
});

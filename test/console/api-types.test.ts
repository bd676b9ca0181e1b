import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { generateApiTypes, typeName } from '../../src/cli/console-types.ts';
import { API_ROUTES } from '../../src/app.ts';
import { buildOpenApi } from '../../src/openapi/index.ts';

describe('console API types', () => {
  it('should be the types generated from the current OpenAPI document (npm run console:types)', async function () {
    this.timeout(60_000);
    const generated = await generateApiTypes(buildOpenApi(API_ROUTES).document as never);
    const committed = readFileSync('src/console/api/types.gen.ts', 'utf8');
    expect(
      committed === generated,
      'src/console/api/types.gen.ts is stale: run npm run console:types',
    ).to.equal(true);
  });

  it('should name each type after its components.schemas key', () => {
    expect(typeName('application-summary')).to.equal('ApplicationSummary');
    expect(typeName('construction-permit.form')).to.equal('ConstructionPermitForm');
  });
});

import { expect } from 'chai';
import { requiredMaterials, seedMaterialCatalogs, type MaterialCatalog } from '../../src/materials/index.ts';
import { catalogProblems } from '../../src/materials/required-materials.ts';
import { minimalPermitForm, permitForm, reportBookPermitForm } from '../fixtures/construction-permit.ts';

const seeded = seedMaterialCatalogs();
const catalogOf = (workflow: string, version = 1): MaterialCatalog => ({
  workflow,
  version,
  publishedAt: '2026-03-02T01:00:00.000Z',
  ...seeded[workflow]!,
});
const codes = (items: Array<{ code: string }>) => items.map((i) => i.code);

describe('materials/required-materials', () => {
  it('should seed a dozen items or more per workflow, each with its legal basis', () => {
    for (const workflow of ['construction-permit', 'completion-acceptance']) {
      const { items } = seeded[workflow]!;
      expect(items.length, workflow).to.be.at.least(12);
      for (const item of items) {
        expect(item.basis, item.code).to.match(/\S/);
        expect(item.departments, item.code).to.not.be.empty;
      }
      expect(catalogProblems(items)).to.deep.equal([]);
    }
  });

  it('should require the fire, civil-defence and environmental papers only when the form calls for them', () => {
    const permit = catalogOf('construction-permit');
    const full = codes(requiredMaterials(permit, { ...permitForm }));
    expect(full).to.include.members([
      'fire-design-documents',
      'civil-defence-drawings',
      'environmental-report-table',
    ]);
    expect(full).to.not.include('environmental-report-book');
    const minimal = codes(requiredMaterials(permit, { ...minimalPermitForm }));
    expect(minimal).to.not.include.members(['fire-design-documents']);
    expect(minimal).to.not.include('civil-defence-drawings');
    expect(minimal).to.not.include('environmental-report-table');
    expect(codes(requiredMaterials(permit, { ...reportBookPermitForm }))).to.include(
      'environmental-report-book',
    );
    // No basement means no civil-defence drawings, whether the fact is 0 or absent.
    expect(codes(requiredMaterials(permit, { ...permitForm, undergroundAreaM2: 0 }))).to.not.include(
      'civil-defence-drawings',
    );
  });

  it('should mark pledgeable items and keep catalog order', () => {
    const permit = catalogOf('construction-permit');
    const required = requiredMaterials(permit, { ...minimalPermitForm });
    expect(required.find((i) => i.code === 'land-survey-report')?.pledgeable).to.equal(true);
    expect(required.find((i) => i.code === 'permit-application-form')?.pledgeable).to.equal(false);
    const order = permit.items.map((i) => i.code);
    expect(codes(required)).to.deep.equal(order.filter((c) => codes(required).includes(c)));
  });

  it('should branch the completion papers on fire works and residential use', () => {
    const completion = catalogOf('completion-acceptance');
    const plain = codes(requiredMaterials(completion, { useCategory: 'industrial' }));
    expect(plain).to.include('fire-filing-documents').and.not.include('fire-acceptance-documents');
    expect(plain).to.not.include('residential-quality-certificate');
    const special = codes(
      requiredMaterials(completion, { useCategory: 'residential', specialFireWorks: true }),
    );
    expect(special).to.include.members(['fire-acceptance-documents', 'residential-quality-certificate']);
    expect(special).to.not.include('fire-filing-documents');
  });

  it('should refuse duplicate codes and conditions that are not usable schemas', () => {
    const item = seeded['construction-permit']!.items[0]!;
    const problems = catalogProblems([
      item,
      { ...item, requiredWhen: { type: 'no-such-type' } },
      { ...item, code: 'other', requiredWhen: { $id: 'https://example/x' } },
    ]);
    expect(problems.map((p) => p.pointer)).to.deep.equal([
      '/items/1/code',
      '/items/1/requiredWhen',
      '/items/2/requiredWhen',
    ]);
  });
});

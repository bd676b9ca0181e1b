import { expect } from 'chai';
import { fromDraft, mergePatch, resolve, toDraft, type Components } from '../../src/console/lib/schema.ts';
import { loadSchema } from '../../src/validation/index.ts';

const components: Components = {
  unit: loadSchema('unit') as never,
  'construction-permit.form': loadSchema('construction-permit.form') as never,
};
const form = components['construction-permit.form']!;

describe('console form schema', () => {
  it('should resolve $refs to files of schemas/ through the contract components', () => {
    const unit = resolve(form.properties!.constructionUnit!, components);
    expect(unit.required).to.deep.equal(['uscc', 'name']);
    expect(unit.description).to.contain('Construction unit');
    const completion = loadSchema('completion-acceptance.form') as never as {
      properties: Record<string, object>;
    };
    expect(resolve(completion.properties.useCategory!, components).enum).to.include('industrial');
  });

  it('should turn typed text into JSON, leaving out empty fields and keeping what is not a number', () => {
    const draft = {
      landParcel: 'GX-1',
      floorAreaM2: '18500',
      storeys: 'four',
      undergroundAreaM2: '',
      specialFireWorks: false,
      pledges: 'a\n\n b ',
      constructionUnit: { uscc: '', name: '' },
    };
    expect(fromDraft(form, draft, components)).to.deep.equal({
      landParcel: 'GX-1',
      floorAreaM2: 18500,
      storeys: 'four',
      specialFireWorks: false,
      pledges: ['a', 'b'],
    });
  });

  it('should give back the inputs of a saved form', () => {
    const saved = { floorAreaM2: 18500, pledges: ['a', 'b'], constructionUnit: { uscc: 'X', name: 'Y' } };
    const draft = toDraft(form, saved, components) as Record<string, unknown>;
    expect(draft.floorAreaM2).to.equal('18500');
    expect(draft.pledges).to.equal('a\nb');
    expect(fromDraft(form, draft, components)).to.deep.equal(saved);
  });

  it('should patch a draft with RFC 7396: changed keys, removed keys as null', () => {
    const before = { a: 1, b: 2, unit: { uscc: 'X', name: 'Y' } };
    const after = { a: 1, c: 3, unit: { uscc: 'X' } };
    expect(mergePatch(before, after)).to.deep.equal({ b: null, c: 3, unit: { name: null } });
  });
});

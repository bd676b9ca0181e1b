import { expect } from 'chai';
import { diffItems, fieldChanges } from '../../src/console/lib/version-diff.ts';

describe('console/lib/version-diff', () => {
  const fee = { code: 'real-estate-registration', name: '不动产登记费', rate: 550, unit: 'case' };

  it('should say nothing changes when only the order of keys differs', () => {
    const reordered = { unit: 'case', rate: 550, name: '不动产登记费', code: 'real-estate-registration' };
    expect(diffItems([fee], [reordered])).to.deep.equal([]);
    expect(
      fieldChanges({ when: { op: 'eq', field: 'a' } }, { when: { field: 'a', op: 'eq' } }),
    ).to.deep.equal([]);
  });

  it('should list removed and changed items in the old order, then the added ones, matched by code', () => {
    const survey = { code: 'survey', name: '测绘费', rate: 1200, unit: 'case' };
    const extra = { code: 'extra-certificate', name: '工本费', rate: 10, unit: 'certificate' };
    const changes = diffItems([extra, fee], [survey, { ...fee, rate: 600 }]);
    expect(changes).to.deep.equal([
      { kind: 'removed', code: 'extra-certificate', item: extra },
      {
        kind: 'changed',
        code: 'real-estate-registration',
        item: { ...fee, rate: 600 },
        fields: [{ field: 'rate', before: 550, after: 600 }],
      },
      { kind: 'added', code: 'survey', item: survey },
    ]);
  });

  it('should count a field that appears or disappears as a change', () => {
    const conditional = { ...fee, rateWhen: [{ when: { field: 'useCategory', op: 'eq' }, rate: 80 }] };
    expect(fieldChanges(fee, conditional)).to.deep.equal([
      { field: 'rateWhen', before: undefined, after: conditional.rateWhen },
    ]);
    expect(fieldChanges(conditional, fee).map((c) => c.field)).to.deep.equal(['rateWhen']);
  });
});

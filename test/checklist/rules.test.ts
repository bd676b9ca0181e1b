import { expect } from 'chai';
import { assessFee, type FeeItem } from '../../src/checklist/index.ts';

const registration: FeeItem = {
  code: 'real-estate-registration',
  name: 'Real estate registration fee',
  basis: 'test basis',
  unit: 'case',
  rate: 550,
  rateWhen: [{ when: { field: 'useCategory', op: 'eq', value: 'residential' }, rate: 80 }],
};
const certificate: FeeItem = {
  code: 'extra-certificate',
  name: 'Extra certificate',
  basis: 'test basis',
  unit: 'certificate',
  rate: 12.5,
};
const supporting: FeeItem = {
  code: 'infrastructure-supporting',
  name: 'Infrastructure supporting fee',
  basis: 'test basis',
  unit: 'm2-floor-area',
  rate: 115,
};

describe('checklist/rules assessFee', () => {
  it('should charge a per-case fee once, at the first rate whose condition the facts meet', () => {
    expect(assessFee(registration, { useCategory: 'office' }, undefined)).to.deep.equal({
      ok: true,
      rate: 550,
      quantity: 1,
      amount: 550,
    });
    expect(assessFee(registration, { useCategory: 'residential' }, 1)).to.deep.equal({
      ok: true,
      rate: 80,
      quantity: 1,
      amount: 80,
    });
  });

  it('should charge per extra certificate asked for', () => {
    // 7 × ¥12.50 = ¥87.50.
    expect(assessFee(certificate, {}, 7)).to.deep.equal({ ok: true, rate: 12.5, quantity: 7, amount: 87.5 });
  });

  it("should charge per m² of the form's floor area, rounded half up to the fen", () => {
    // 18 500 × 115 = 2 127 500; 0.009 × 115 = 1.035 → 1.04; 1 234.567 × 115 = 141 975.205 → 141 975.21.
    expect(assessFee(supporting, { floorAreaM2: 18500 }, undefined)).to.deep.include({ amount: 2127500 });
    expect(assessFee(supporting, { floorAreaM2: 0.009 }, undefined)).to.deep.equal({
      ok: true,
      rate: 115,
      quantity: 0.009,
      amount: 1.04,
    });
    expect(assessFee(supporting, { floorAreaM2: 1234.567 }, undefined)).to.deep.include({
      amount: 141975.21,
    });
  });

  it('should refuse a quantity the unit does not take, or a missing or partial one', () => {
    expect(assessFee(registration, {}, 2)).to.deep.include({
      ok: false,
      pointer: '/quantity',
      detail: 'real-estate-registration is charged once per case; omit quantity',
    });
    expect(assessFee(supporting, { floorAreaM2: 100 }, 5)).to.deep.include({
      ok: false,
      pointer: '/quantity',
      detail: "infrastructure-supporting is computed from the form's floor area; omit quantity",
    });
    for (const quantity of [undefined, 0, 1.5]) {
      expect(assessFee(certificate, {}, quantity), String(quantity)).to.deep.include({
        ok: false,
        pointer: '/quantity',
        detail: 'give the number of extra certificates, a whole number from 1',
      });
    }
  });

  it('should refuse a floor-area fee on a case without a floor area', () => {
    for (const facts of [{}, { floorAreaM2: 0 }, { floorAreaM2: 'large' }]) {
      expect(assessFee(supporting, facts, undefined), JSON.stringify(facts)).to.deep.include({
        ok: false,
        pointer: '/code',
        detail: "infrastructure-supporting needs the form's floorAreaM2, which this case lacks",
      });
    }
  });

  it('should refuse an amount past what a fee record holds', () => {
    // 10^14 m² × ¥115 = ¥11.5 quadrillion, past 2^53 fen.
    expect(assessFee(supporting, { floorAreaM2: 1e14 }, undefined)).to.deep.include({
      ok: false,
      pointer: '/code',
      detail:
        "infrastructure-supporting comes to more than a fee can hold (16 digits with 2 decimals, GB/T 39046); check the case's facts",
    });
  });
});

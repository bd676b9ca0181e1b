import { expect } from 'chai';
import { formatYuan, sumYuan, yuanTimes } from '../../src/money/index.ts';

describe('money/yuan', () => {
  describe('yuanTimes', () => {
    it('should multiply a rate by a whole quantity exactly', () => {
      expect(yuanTimes(550, 1)).to.equal(550);
      expect(yuanTimes(10, 3)).to.equal(30);
      expect(yuanTimes(12.5, 7)).to.equal(87.5);
      // 0.1 × 3 is 0.30000000000000004 in binary floating point.
      expect(yuanTimes(0.1, 3)).to.equal(0.3);
      expect(yuanTimes(115, 18500)).to.equal(2127500);
      expect(yuanTimes(120.5, 18500)).to.equal(2229250);
    });

    it('should multiply a rate by a fractional floor area and round to the fen', () => {
      // 100.003 × 115 = 11 500.345; 1 234.567 × 115 = 141 975.205; 0.33 × 0.07 = 0.0231.
      expect(yuanTimes(115, 100.003)).to.equal(11500.35);
      expect(yuanTimes(115, 1234.567)).to.equal(141975.21);
      expect(yuanTimes(0.07, 0.33)).to.equal(0.02);
    });

    it('should round half a fen up, where binary floating point would round it down', () => {
      // 115 × 0.009 = 1.035 exactly, which floating point computes as 1.0349999999999999.
      expect(yuanTimes(115, 0.009)).to.equal(1.04);
      // 1.005 is 1.00499999999999989… as a double; as written it is half a fen above ¥1.00.
      expect(yuanTimes(1.005, 1)).to.equal(1.01);
      expect(yuanTimes(0.5, 0.01)).to.equal(0.01);
      expect(yuanTimes(0.5, 0.03)).to.equal(0.02);
    });

    it('should round just under half a fen down and just over it up', () => {
      expect(yuanTimes(1.0049, 1)).to.equal(1);
      expect(yuanTimes(1.0051, 1)).to.equal(1.01);
      expect(yuanTimes(0.01, 0.49)).to.equal(0);
      expect(yuanTimes(0.01, 0.5)).to.equal(0.01);
    });

    it('should read numbers that print with an exponent as their decimal value', () => {
      // String(1e-7) is "1e-7": ¥0.0000001 rounds to nothing; 2e21 fen is far past the limit.
      expect(yuanTimes(1e-7, 1)).to.equal(0);
      expect(yuanTimes(1, 2e21)).to.equal(null);
    });

    it('should answer null past the largest amount whose fen are a safe integer', () => {
      // 9 007 199 254 740 991 fen (2^53 − 1) is the last amount a JSON number holds to the fen.
      expect(yuanTimes(9007199254740991, 0.01)).to.equal(90071992547409.91);
      expect(yuanTimes(9007199254740992, 0.01)).to.equal(null);
      expect(yuanTimes(115, 1e14)).to.equal(null);
    });

    it('should refuse a negative or non-finite operand rather than compute a fee from it', () => {
      expect(() => yuanTimes(-1, 1)).to.throw(RangeError);
      expect(() => yuanTimes(1, Number.NaN)).to.throw(RangeError);
      expect(() => yuanTimes(Number.POSITIVE_INFINITY, 1)).to.throw(RangeError);
    });

    it('should answer zero, not minus zero, for a rate of minus zero', () => {
      expect(Object.is(yuanTimes(-0, 3), 0)).to.equal(true);
    });
  });

  describe('sumYuan', () => {
    it('should add amounts to the fen without floating-point drift', () => {
      // 0.1 + 0.2 is 0.30000000000000004 in floating point.
      expect(sumYuan([0.1, 0.2])).to.equal(0.3);
      expect(sumYuan([550, 2127500, 1.04])).to.equal(2128051.04);
      expect(sumYuan([19.99, 0.01, 80])).to.equal(100);
    });

    it('should answer zero for no amounts and take any iterable', () => {
      expect(sumYuan([])).to.equal(0);
      expect(sumYuan(new Set([30, 12.5]))).to.equal(42.5);
    });
  });

  describe('formatYuan', () => {
    it('should write exactly two decimals', () => {
      expect(formatYuan(550)).to.equal('550.00');
      expect(formatYuan(1234.5)).to.equal('1234.50');
      expect(formatYuan(0.3)).to.equal('0.30');
      expect(formatYuan(0)).to.equal('0.00');
      expect(formatYuan(2128051.04)).to.equal('2128051.04');
    });

    it('should write the largest amounts to the fen, without an exponent', () => {
      // Past 2^46 yuan one number stands for several fen; the one written is the fen the number is nearest to.
      expect(formatYuan(90071992547409.91)).to.equal('90071992547409.91');
      expect(formatYuan(12345678901234.56)).to.equal('12345678901234.56');
    });

    it('should refuse a negative or non-finite amount', () => {
      expect(() => formatYuan(-0.01)).to.throw(RangeError);
      expect(() => formatYuan(Number.NaN)).to.throw(RangeError);
    });
  });
});

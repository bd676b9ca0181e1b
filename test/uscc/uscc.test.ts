import { expect } from 'chai';
import { hasValidUsccCheck, isWellFormedUscc, usccCheckCharacter } from '../../src/uscc/index.ts';

describe('uscc', () => {
  it('should accept codes whose check character computes', () => {
    for (const code of ['91310110666007217T', '91310115591693856A']) {
      expect(isWellFormedUscc(code), code).to.equal(true);
      expect(hasValidUsccCheck(code), code).to.equal(true);
    }
  });

  it('should compute the check character from the first 17 characters', () => {
    expect(usccCheckCharacter('91310110666007217')).to.equal('T');
    expect(usccCheckCharacter('91310115591693856')).to.equal('A');
    expect(usccCheckCharacter('91350100M0001TGQX')).to.equal('1');
  });

  it('should treat a code with a wrong check character as well-formed but failing the check', () => {
    expect(isWellFormedUscc('91350100M0001TGQXM')).to.equal(true);
    expect(hasValidUsccCheck('91350100M0001TGQXM')).to.equal(false);
  });

  it('should reject codes of the wrong length', () => {
    for (const code of ['', '91310110666007217', '91310110666007217TT']) {
      expect(isWellFormedUscc(code), code).to.equal(false);
      expect(hasValidUsccCheck(code), code).to.equal(false);
    }
  });

  it('should reject the letters I, O, S, V, Z, lowercase and punctuation', () => {
    for (const bad of ['I', 'O', 'S', 'V', 'Z', 't', '-']) {
      const code = `9131011066600721${bad}T`;
      expect(isWellFormedUscc(code), code).to.equal(false);
      expect(hasValidUsccCheck(code), code).to.equal(false);
    }
  });

  it('should refuse to compute a check character for a malformed prefix', () => {
    expect(() => usccCheckCharacter('9131011066600721')).to.throw(RangeError);
    expect(() => usccCheckCharacter('9131011066600721O')).to.throw(RangeError);
  });
});

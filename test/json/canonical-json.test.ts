import { expect } from 'chai';
import { CanonicalJsonError, canonicalJson } from '../../src/json/canonical-json.ts';

describe('canonical-json', () => {
  it('should not depend on the order of object keys, at any depth', () => {
    const a = { b: 1, a: { d: [{ y: 1, x: 'é' }], c: null }, e: 'text' };
    const b = { e: 'text', a: { c: null, d: [{ x: 'é', y: 1 }] }, b: 1 };
    expect(canonicalJson(a)).to.equal(canonicalJson(b));
    expect(canonicalJson(a)).to.equal('{"a":{"c":null,"d":[{"x":"é","y":1}]},"b":1,"e":"text"}');
  });

  it('should keep array order and tell different values apart', () => {
    expect(canonicalJson([1, 2])).to.not.equal(canonicalJson([2, 1]));
    expect(canonicalJson({ a: '1' })).to.not.equal(canonicalJson({ a: 1 }));
    expect(canonicalJson({ a: null })).to.not.equal(canonicalJson({}));
  });

  it('should leave out undefined members, as a database round trip does', () => {
    expect(canonicalJson({ a: 1, b: undefined })).to.equal(canonicalJson({ a: 1 }));
    expect(canonicalJson([undefined])).to.equal('[null]');
  });

  it('should order members by UTF-16 code units, as RFC 8785 §3.2.3 shows', () => {
    // The example of RFC 8785 §3.2.3: the emoji (a surrogate pair, 0xD83D…) sorts before U+FB33.
    const input = JSON.parse(
      '{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One",' +
        '"\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}',
    );
    expect(canonicalJson(input)).to.equal(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis",' +
        '"€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('should write numbers as ECMAScript does (RFC 8785 appendix B)', () => {
    const cases: Array<[number, string]> = [
      [0, '0'],
      [-0, '0'],
      [1e30, '1e+30'],
      [4.5, '4.5'],
      [0.002, '0.002'],
      [0.000001, '0.000001'],
      [1e-7, '1e-7'],
      [333333333.3333333, '333333333.3333333'],
      [9007199254740992, '9007199254740992'],
      [1e21, '1e+21'],
      [5e-324, '5e-324'],
      [-1.7976931348623157e308, '-1.7976931348623157e+308'],
    ];
    for (const [n, text] of cases) expect(canonicalJson(n), String(n)).to.equal(text);
  });

  it('should escape only what JSON must, as RFC 8785 §3.2.2.2 says', () => {
    expect(canonicalJson('\u0000\b\t\n\f\r"\\/\u001f\u007f€')).to.equal(
      '"\\u0000\\b\\t\\n\\f\\r\\"\\\\/\\u001f\u007f€"',
    );
  });

  it('should refuse what JSON cannot carry', () => {
    for (const bad of [NaN, Infinity, '\ud800', { a: '\udc00x' }, undefined, () => 1, new Date(0), 1n]) {
      expect(() => canonicalJson(bad), String(bad)).to.throw(CanonicalJsonError);
    }
  });
});

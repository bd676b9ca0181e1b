import { expect } from 'chai';
import { mergePatch } from '../../src/engine/merge-patch.ts';

/** RFC 7396 Appendix A, "Example Test Cases": original document, patch, result, as published. */
const RFC_7396_APPENDIX_A: ReadonlyArray<[original: string, patch: string, result: string]> = [
  ['{"a":"b"}', '{"a":"c"}', '{"a":"c"}'],
  ['{"a":"b"}', '{"b":"c"}', '{"a":"b","b":"c"}'],
  ['{"a":"b"}', '{"a":null}', '{}'],
  ['{"a":"b","b":"c"}', '{"a":null}', '{"b":"c"}'],
  ['{"a":["b"]}', '{"a":"c"}', '{"a":"c"}'],
  ['{"a":"c"}', '{"a":["b"]}', '{"a":["b"]}'],
  ['{"a":{"b":"c"}}', '{"a":{"b":"d","c":null}}', '{"a":{"b":"d"}}'],
  ['{"a":[{"b":"c"}]}', '{"a":[1]}', '{"a":[1]}'],
  ['["a","b"]', '["c","d"]', '["c","d"]'],
  ['{"a":"b"}', '["c"]', '["c"]'],
  ['{"a":"foo"}', 'null', 'null'],
  ['{"a":"foo"}', '"bar"', '"bar"'],
  ['{"e":null}', '{"a":1}', '{"e":null,"a":1}'],
  ['[1,2]', '{"a":"b","c":null}', '{"a":"b"}'],
  ['{}', '{"a":{"bb":{"ccc":null}}}', '{"a":{"bb":{}}}'],
];

describe('engine/merge-patch', () => {
  for (const [original, patch, result] of RFC_7396_APPENDIX_A) {
    it(`should turn ${original} patched with ${patch} into ${result} (RFC 7396 Appendix A)`, () => {
      expect(mergePatch(JSON.parse(original), JSON.parse(patch))).to.deep.equal(JSON.parse(result));
    });
  }

  it('should leave the original document and the patch as they were', () => {
    const original = { project: { name: 'Depot', code: 'P-1' }, floors: [1, 2] };
    const patch = { project: { code: null, phase: 2 }, floors: [3] };
    const merged = mergePatch(original, patch);
    expect(merged).to.deep.equal({ project: { name: 'Depot', phase: 2 }, floors: [3] });
    expect(original).to.deep.equal({ project: { name: 'Depot', code: 'P-1' }, floors: [1, 2] });
    expect(patch).to.deep.equal({ project: { code: null, phase: 2 }, floors: [3] });
  });

  it('should keep the members of an empty patch', () => {
    expect(mergePatch({ a: 1, b: { c: 2 } }, {})).to.deep.equal({ a: 1, b: { c: 2 } });
  });

  it('should treat a member named __proto__ as any other member', () => {
    const merged = mergePatch({ a: 1 }, JSON.parse('{"__proto__":{"x":1}}')) as Record<string, unknown>;
    expect(Object.keys(merged)).to.deep.equal(['a', '__proto__']);
    expect(JSON.stringify(merged)).to.equal('{"a":1,"__proto__":{"x":1}}');
    expect(Object.getPrototypeOf(merged)).to.equal(Object.prototype);
  });
});

import { expect } from 'chai';
import { MAX_JSON_DEPTH, jsonHazard, textHazard } from '../../src/validation/index.ts';

/** An object nested `levels` deep, the root counting as level 1. */
function nestedObject(levels: number): unknown {
  let value: unknown = {};
  for (let i = 1; i < levels; i++) value = { a: value };
  return value;
}

describe('validation/json-hazards', () => {
  it('should take nesting up to the limit and refuse one level more, pointing at it', () => {
    expect(jsonHazard(nestedObject(MAX_JSON_DEPTH))).to.equal(null);
    const hazard = jsonHazard(nestedObject(MAX_JSON_DEPTH + 1));
    expect(hazard?.pointer).to.equal(`/a`.repeat(MAX_JSON_DEPTH));
    expect(hazard?.detail).to.match(/deeper than 32 levels/);
  });

  it('should walk a hostile depth without exhausting the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(jsonHazard(deep)?.detail).to.match(/deeper than/);
  });

  it('should refuse lone surrogates and NUL in strings and member names, with escaped pointers', () => {
    expect(textHazard('日本 😀 ok')).to.equal(null);
    expect(textHazard('a\ud800')).to.equal('lone-surrogate');
    expect(textHazard('\udc00a')).to.equal('lone-surrogate');
    expect(textHazard('\udbff\udfff')).to.equal(null);
    expect(textHazard('a\u0000b')).to.equal('nul-character');
    expect(jsonHazard({ form: { list: ['ok', 'x\u0000'] } })).to.deep.include({ pointer: '/form/list/1' });
    expect(jsonHazard({ 'a/b': { ['k\ud800']: 1 } })?.pointer).to.equal('/a~1b/k\ud800');
    expect(jsonHazard({ a: 'x' }, '/line')).to.equal(null);
  });
});

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { DEFAULT_CLAIMS_MAP, mapClaims, parseClaimsMap } from '../../src/auth/claims-map.ts';

const EXAMPLE = parseClaimsMap(JSON.parse(readFileSync('test/fixtures/oidc-claims-map.json', 'utf8')));

describe('auth/claims-map', () => {
  it('should map an enterprise by its USCC claim and a clerk by the department, translated', () => {
    expect(
      mapClaims(EXAMPLE, { sub: 'u1', user_type: 'legal_person', uscc: '91310115591693856A', name: 'A' }),
    ).to.deep.equal({ sub: 'u1', role: 'applicant', org: '91310115591693856A', name: 'A' });
    expect(mapClaims(EXAMPLE, { sub: 'u2', user_type: 'staff', department: 'GXQ-XF' })).to.deep.include({
      role: 'clerk',
      org: 'fire',
    });
  });

  it('should take the first rule that matches: a group before the department, a list claim by membership', () => {
    const claims = { sub: 'u3', user_type: 'staff', department: 'GXQ-XF', groups: ['x', 'zerotrip-auditor'] };
    expect(mapClaims(EXAMPLE, claims)).to.deep.include({ role: 'auditor', org: null });
  });

  it('should map nobody whose claims fit no rule: a citizen, an unknown department, a staff member without one', () => {
    expect(mapClaims(EXAMPLE, { sub: 'c', user_type: 'natural_person' })).to.equal(null);
    expect(mapClaims(EXAMPLE, { sub: 'c', user_type: 'staff', department: 'GXQ-UNKNOWN' })).to.equal(null);
    expect(mapClaims(EXAMPLE, { sub: 'c', user_type: 'staff' })).to.equal(null);
    expect(mapClaims(EXAMPLE, { sub: 'c', user_type: 'legal_person', uscc: '' })).to.equal(null);
  });

  it('should read dotted paths into object claims', () => {
    const map = parseClaimsMap({
      rules: [{ role: 'applicant', org: 'ext.corp.uscc', when: { 'ext.kind': 'corp' } }],
    });
    expect(mapClaims(map, { sub: 's', ext: { kind: 'corp', corp: { uscc: 'X' } } })).to.deep.include({
      org: 'X',
    });
  });

  it("should, without a configured map, read ZeroTrip's own role and org claims", () => {
    expect(mapClaims(DEFAULT_CLAIMS_MAP, { sub: 's', role: 'clerk', org: 'fire' })).to.deep.include({
      role: 'clerk',
      org: 'fire',
    });
    expect(mapClaims(DEFAULT_CLAIMS_MAP, { sub: 's', role: 'admin' })).to.deep.include({
      role: 'admin',
      org: null,
    });
    expect(mapClaims(DEFAULT_CLAIMS_MAP, { sub: 's', role: 'clerk' })).to.equal(null);
    expect(mapClaims(DEFAULT_CLAIMS_MAP, { sub: 's', role: 'mayor' })).to.equal(null);
  });

  it('should refuse a map that is wrong, saying where', () => {
    const cases: Array<[unknown, RegExp]> = [
      [[], /must be a JSON object/],
      [{ rules: [] }, /at least one rule/],
      [{ rules: [{ role: 'mayor', when: { a: 'b' } }] }, /rules\[0\]\.role must be one of/],
      [{ rules: [{ role: 'clerk', when: { a: 'b' } }] }, /role clerk needs "org"/],
      [{ rules: [{ role: 'admin' }] }, /would match everybody/],
      [{ rules: [{ role: 'admin', when: { g: 1 } }] }, /when\.g must be a non-empty text/],
      [{ rules: [{ role: 'admin', when: { g: 'a' }, extra: 1 }] }, /unknown field "extra"/],
      [{ rules: [{ role: 'auditor', when: { g: 'a' } }], sub: 'x' }, /unknown field "sub"/],
    ];
    for (const [value, message] of cases)
      expect(() => parseClaimsMap(value), String(message)).to.throw(message);
  });
});

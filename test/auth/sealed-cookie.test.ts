import { expect } from 'chai';
import { createCookieSealer } from '../../src/auth/sealed-cookie.ts';

describe('auth/sealed-cookie', () => {
  const secret = 'a-cookie-secret-of-at-least-32-characters';

  it('should open what it sealed, for the same purpose only, until it expires', () => {
    let clock = Date.parse('2026-03-02T01:00:00Z');
    const sealer = createCookieSealer(secret, () => clock);
    const sealed = sealer.seal('session', { sub: 'u1', role: 'clerk' }, 60);
    expect(sealed).to.match(/^[A-Za-z0-9_-]+$/);
    // Encrypted, not merely encoded: the claims are nowhere in its bytes. (Looking for 'u1' in the base64 text
    // itself failed about one run in forty, when the random bytes happened to spell it.)
    const bytes = Buffer.from(sealed, 'base64url').toString('latin1');
    expect(bytes).to.not.contain('"sub":"u1"');
    expect(bytes).to.not.contain('clerk');
    expect(sealer.open('session', sealed)).to.deep.include({ sub: 'u1', role: 'clerk' });
    expect(sealer.open('sign-in', sealed)).to.equal(null);
    clock += 61_000;
    expect(sealer.open('session', sealed)).to.equal(null);
  });

  it('should refuse a changed byte, another key, and text that is not a sealed value', () => {
    const sealer = createCookieSealer(secret);
    const sealed = sealer.seal('session', { sub: 'u1' }, 60);
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[20]! ^= 1;
    expect(sealer.open('session', bytes.toString('base64url'))).to.equal(null);
    expect(createCookieSealer(`${secret}-other`).open('session', sealed)).to.equal(null);
    for (const text of [undefined, '', 'abc', 'not base64!', 'A'.repeat(9000)]) {
      expect(sealer.open('session', text)).to.equal(null);
    }
  });
});

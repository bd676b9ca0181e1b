import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { CLOCK_TOLERANCE_SECONDS, createTokenVerifier } from '../../src/auth/tokens.ts';
import { b64url, hsKeys, now, refusal, SECRET, USCC, verifierOf } from '../support/tokens.ts';

describe('auth/tokens', () => {
  describe('HS256', () => {
    const keys = hsKeys();
    const verify = verifierOf(keys);
    const sign = (payload: object, options: jwt.SignOptions = { expiresIn: 60 }) =>
      `Bearer ${jwt.sign(payload, SECRET, { algorithm: 'HS256', ...options })}`;

    it('should turn a valid token into a Principal', () => {
      expect(verify(sign({ sub: 'alice', role: 'clerk', org: 'fire', name: 'Alice' }))).to.deep.equal({
        sub: 'alice',
        role: 'clerk',
        org: 'fire',
        name: 'Alice',
      });
      expect(verify(sign({ sub: 'bob', role: 'applicant', org: USCC }))).to.deep.equal({
        sub: 'bob',
        role: 'applicant',
        org: USCC,
      });
    });

    it('should give auditors and admins without an org a null org', () => {
      expect(verify(sign({ sub: 'carol', role: 'auditor' }))).to.deep.equal({
        sub: 'carol',
        role: 'auditor',
        org: null,
      });
      expect(verify(sign({ sub: 'dave', role: 'admin', org: '' })).org).to.equal(null);
    });

    it('should accept the scheme in any case', () => {
      expect(verify(sign({ sub: 'alice', role: 'admin' }).replace('Bearer', 'bearer')).sub).to.equal('alice');
    });

    it('should refuse a request without an Authorization header', () => {
      expect(refusal(verify, undefined)).to.match(/missing Authorization header/);
      expect(refusal(verify, '  ')).to.match(/missing Authorization header/);
    });

    it('should refuse a scheme other than Bearer', () => {
      expect(refusal(verify, 'Basic YWxpY2U6c2VjcmV0')).to.match(/Bearer scheme \(got Basic\)/);
    });

    it('should not echo a token sent without the Bearer scheme', () => {
      const token = jwt.sign({ sub: 'alice', role: 'admin' }, SECRET, { expiresIn: 60 });
      const detail = refusal(verify, token);
      expect(detail).to.match(/Bearer scheme/);
      expect(detail).not.to.include(token);
    });

    it('should refuse Bearer without a token', () => {
      expect(refusal(verify, 'Bearer')).to.match(/no token after "Bearer"/);
    });

    it('should refuse a malformed token', () => {
      expect(refusal(verify, 'Bearer not-a-jwt')).to.match(/^malformed token/);
      expect(refusal(verify, 'Bearer a.b.c')).to.match(/^malformed token/);
      expect(refusal(verify, 'Bearer a.b c')).to.match(/^malformed token/);
    });

    it('should refuse an expired token and say it expired', () => {
      const detail = refusal(verify, sign({ sub: 'alice', role: 'admin', exp: now() - 60 }, {}));
      expect(detail).to.match(/^token expired at \d{4}-\d\d-\d\dT/);
    });

    it('should allow a few seconds of clock skew', () => {
      expect(verify(sign({ sub: 'alice', role: 'admin', exp: now() - 2 }, {})).sub).to.equal('alice');
    });

    it('should refuse a token without exp', () => {
      expect(refusal(verify, sign({ sub: 'alice', role: 'admin' }, {}))).to.match(/no exp claim/);
    });

    it('should refuse an unsigned token (alg none)', () => {
      const payload = { sub: 'mallory', role: 'admin', exp: now() + 60 };
      const token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(payload)}.`;
      expect(refusal(verify, `Bearer ${token}`)).to.equal(
        'token uses algorithm "none"; this service accepts HS256 only',
      );
    });

    it('should refuse an HS256 token without a signature', () => {
      const token = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: 'm', role: 'admin', exp: now() + 60 })}.`;
      expect(refusal(verify, `Bearer ${token}`)).to.equal('token has no signature');
    });

    it('should refuse a token signed with another secret', () => {
      const token = `Bearer ${jwt.sign({ sub: 'alice', role: 'admin' }, 'another-secret', { expiresIn: 60 })}`;
      expect(refusal(verify, token)).to.match(/signature does not verify with the key from JWT_SECRET/);
    });

    it('should refuse a token with a tampered payload', () => {
      const [header, , signature] = jwt
        .sign({ sub: 'alice', role: 'clerk', org: 'fire' }, SECRET, { expiresIn: 60 })
        .split('.');
      const forged = `${header}.${b64url({ sub: 'alice', role: 'admin', exp: now() + 60 })}.${signature}`;
      expect(refusal(verify, `Bearer ${forged}`)).to.match(/signature does not verify/);
    });

    it('should refuse a missing or unknown role', () => {
      expect(refusal(verify, sign({ sub: 'alice' }))).to.match(
        /no role claim; expected one of applicant, agent/,
      );
      expect(refusal(verify, sign({ sub: 'alice', role: 'superuser' }))).to.equal(
        'token role "superuser" is not one of applicant, agent, clerk, auditor, admin, expert',
      );
      expect(refusal(verify, sign({ sub: 'alice', role: ['admin'] }))).to.match(/is not one of/);
    });

    it('should refuse a missing or empty sub', () => {
      expect(refusal(verify, sign({ role: 'admin' }))).to.match(/no sub claim/);
      expect(refusal(verify, sign({ sub: '', role: 'admin' }))).to.match(
        /sub claim must be a non-empty string/,
      );
    });

    it('should refuse applicants, clerks and agents without an org', () => {
      expect(refusal(verify, sign({ sub: 'a', role: 'applicant' }))).to.match(
        /role applicant has no org claim \(the enterprise's USCC\)/,
      );
      expect(refusal(verify, sign({ sub: 'c', role: 'clerk', org: '' }))).to.match(
        /role clerk has no org claim/,
      );
      expect(refusal(verify, sign({ sub: 'g', role: 'agent' }))).to.match(/role agent has no org claim/);
    });

    it('should refuse an applicant whose org is not a well-formed USCC', () => {
      for (const org of ['9131011066600721', '91310110666007217t', '9131011066600721OT']) {
        expect(refusal(verify, sign({ sub: 'a', role: 'applicant', org })), org).to.match(
          /is not a well-formed USCC/,
        );
      }
    });

    it('should refuse an org or name that is not a string', () => {
      expect(refusal(verify, sign({ sub: 'a', role: 'clerk', org: 7 }))).to.match(
        /org claim must be a string/,
      );
      expect(refusal(verify, sign({ sub: 'a', role: 'admin', name: {} }))).to.match(
        /name claim must be a string/,
      );
    });

    it('should refuse a token living longer than 24 hours, counted from iat', () => {
      const day = 24 * 3600;
      expect(verify(sign({ sub: 'a', role: 'admin', iat: now(), exp: now() + day }, {})).sub).to.equal('a');
      expect(
        refusal(verify, sign({ sub: 'a', role: 'admin', iat: now(), exp: now() + day + 1 }, {})),
      ).to.equal(
        'token lifetime (exp − iat) is 86401 seconds; this service accepts at most 86400 (24 hours)',
      );
      // An old iat does not make a long-lived token acceptable: what counts is the lifetime it was given.
      const old = now() - 3600;
      expect(refusal(verify, sign({ sub: 'a', role: 'admin', iat: old, exp: old + 2 * day }, {}))).to.match(
        /lifetime \(exp − iat\) is 172800 seconds/,
      );
    });

    it('should refuse a token without iat that expires more than 24 hours from now', () => {
      const noIat = { noTimestamp: true };
      expect(verify(sign({ sub: 'a', role: 'admin', exp: now() + 3600 }, noIat)).sub).to.equal('a');
      expect(refusal(verify, sign({ sub: 'a', role: 'admin', exp: now() + 25 * 3600 }, noIat))).to.match(
        /^token expires in \d+ seconds and has no iat; this service accepts at most 86400 \(24 hours\)$/,
      );
    });

    it('should refuse a token issued more than 60 seconds in the future', () => {
      expect(verify(sign({ sub: 'a', role: 'admin', iat: now() + 30, exp: now() + 600 }, {})).sub).to.equal(
        'a',
      );
      expect(
        refusal(verify, sign({ sub: 'a', role: 'admin', iat: now() + 120, exp: now() + 600 }, {})),
      ).to.match(
        /^token iat lies \d+ seconds in the future \(more than 60\); check the identity provider's clock$/,
      );
    });

    it('should refuse an iat that is not a number', () => {
      // jsonwebtoken will not sign this, so the token is built by hand.
      const input = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: 'a', role: 'admin', iat: 'yesterday', exp: now() + 60 })}`;
      const signature = createHmac('sha256', SECRET).update(input).digest('base64url');
      expect(refusal(verify, `Bearer ${input}.${signature}`)).to.equal(
        'token iat claim must be a number (seconds since 1970)',
      );
    });

    it('should refuse a sub longer than the 200 characters a user id is stored in', () => {
      expect(verify(sign({ sub: 'u'.repeat(200), role: 'admin' })).sub).to.have.length(200);
      // Characters, not UTF-16 units: PostgreSQL's varchar(200) counts characters.
      expect(verify(sign({ sub: '😀'.repeat(200), role: 'admin' })).sub).to.have.length(400);
      expect(refusal(verify, sign({ sub: 'u'.repeat(201), role: 'admin' }))).to.equal(
        'token sub claim is too long: 201 characters, at most 200',
      );
    });

    it('should refuse an org longer than the 64 characters it is recorded in', () => {
      expect(verify(sign({ sub: 'g', role: 'agent', org: 't'.repeat(64) })).org).to.have.length(64);
      expect(refusal(verify, sign({ sub: 'g', role: 'agent', org: 't'.repeat(65) }))).to.equal(
        'token org claim is too long: 65 characters, at most 64',
      );
    });

    it('should refuse a token that is not yet valid', () => {
      expect(refusal(verify, sign({ sub: 'a', role: 'admin' }, { expiresIn: 600, notBefore: 300 }))).to.match(
        /not valid before/,
      );
    });
  });

  describe('tokens accepted before', () => {
    // A fixed clock: the verifier reads the expiry against it, on a kept token as on a new one.
    const T = 1_773_000_000;
    let clock = T;
    const verify = createTokenVerifier(hsKeys(), { nowSeconds: () => clock, kept: 3 });
    const sign = (payload: object) => `Bearer ${jwt.sign(payload, SECRET, { algorithm: 'HS256' })}`;
    beforeEach(() => {
      clock = T;
    });

    it('should refuse a token it accepted once as soon as it expires, past the clock tolerance', () => {
      const token = sign({ sub: 'alice', role: 'admin', iat: T, exp: T + 60 });
      expect(verify(token)).to.deep.include({ ok: true });
      clock = T + 60 + CLOCK_TOLERANCE_SECONDS - 1;
      expect(verify(token)).to.deep.include({ ok: true });
      clock = T + 60 + CLOCK_TOLERANCE_SECONDS;
      expect(verify(token)).to.include({ ok: false, code: 'token-refused', why: 'expired' });
    });

    it('should answer each request with a principal of its own', () => {
      const token = sign({ sub: 'alice', role: 'clerk', org: 'fire', iat: T, exp: T + 60 });
      // Both the answer that verified the token and one that came from what was kept.
      for (let i = 0; i < 2; i++) {
        const verdict = verify(token);
        if (!verdict.ok) expect.fail(verdict.reason);
        verdict.principal.name = 'changed by a handler';
      }
      const last = verify(token);
      if (!last.ok) expect.fail(last.reason);
      expect(last.principal).to.deep.equal({ sub: 'alice', role: 'clerk', org: 'fire' });
    });

    it('should keep no refusal: a token signed with another key is refused every time', () => {
      const forged = `Bearer ${jwt.sign({ sub: 'mallory', role: 'admin', iat: T, exp: T + 60 }, 'another-secret-of-at-least-thirty-two-bytes', { algorithm: 'HS256' })}`;
      for (let i = 0; i < 2; i++) expect(verify(forged)).to.include({ ok: false, why: 'signature' });
    });

    it('should still verify every token when more are in use than it keeps', () => {
      const tokens = Array.from({ length: 4 }, (_, i) =>
        sign({ sub: `user-${i}`, role: 'admin', iat: T, exp: T + 60 }),
      );
      for (const token of tokens) expect(verify(token).ok).to.equal(true);
      // The first was let go to make room; it is verified again, and still accepted.
      const again = verify(tokens[0]);
      if (!again.ok) expect.fail(again.reason);
      expect(again.principal.sub).to.equal('user-0');
    });
  });
});

import { expect } from 'chai';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { resolveJwtKeys } from '../../src/auth/jwt-keys.ts';
import { signDevelopmentToken } from '../../src/auth/tokens.ts';
import { loadConfig } from '../../src/config.ts';
import { b64url, hsKeys, now, refusal, SECRET, verifierOf } from '../support/tokens.ts';

describe('auth/tokens', () => {
  describe('JWT_AUDIENCE and JWT_ISSUER', () => {
    const keys = resolveJwtKeys(
      loadConfig({
        JWT_SECRET: SECRET,
        JWT_AUDIENCE: 'zerotrip',
        JWT_ISSUER: 'https://idp.example.gov.cn',
        DATABASE_URL: 'sqlite::memory:',
      }),
    );
    const verify = verifierOf(keys);
    const sign = (payload: object) =>
      `Bearer ${jwt.sign(payload, SECRET, { algorithm: 'HS256', expiresIn: 60 })}`;
    const claims = { sub: 'a', role: 'admin' };
    const issuer = 'https://idp.example.gov.cn';

    it('should accept a token for this audience from this issuer', () => {
      expect(verify(sign({ ...claims, aud: 'zerotrip', iss: issuer })).sub).to.equal('a');
      expect(verify(sign({ ...claims, aud: ['other', 'zerotrip'], iss: issuer })).sub).to.equal('a');
    });

    it('should refuse a token for another audience or without one', () => {
      expect(refusal(verify, sign({ ...claims, aud: 'payments', iss: issuer }))).to.equal(
        'token audience (aud) is not "zerotrip", the audience this service is configured for',
      );
      expect(refusal(verify, sign({ ...claims, iss: issuer }))).to.match(
        /audience \(aud\) is not "zerotrip"/,
      );
    });

    it('should refuse a token from another issuer or without one', () => {
      expect(refusal(verify, sign({ ...claims, aud: 'zerotrip', iss: 'https://evil.example' }))).to.equal(
        'token issuer (iss) is not "https://idp.example.gov.cn", the issuer this service is configured for',
      );
      expect(refusal(verify, sign({ ...claims, aud: 'zerotrip' }))).to.match(/issuer \(iss\) is not/);
    });

    it('should sign development tokens that carry them, so that they verify', () => {
      const payload = jwt.decode(signDevelopmentToken(keys, claims as never)) as jwt.JwtPayload;
      expect(payload).to.include({ aud: 'zerotrip', iss: issuer });
      expect(verify(`Bearer ${signDevelopmentToken(keys, { sub: 'a', role: 'admin' })}`).sub).to.equal('a');
    });

    it('should not check them when unset', () => {
      const open = verifierOf(hsKeys());
      expect(open(sign({ ...claims, aud: 'anything', iss: 'anyone' })).sub).to.equal('a');
    });
  });

  describe('RS256', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const keys = resolveJwtKeys(
      loadConfig({ JWT_ALGORITHM: 'RS256', JWT_PUBLIC_KEY: publicPem, DATABASE_URL: 'sqlite::memory:' }),
    );
    const verify = verifierOf(keys);

    it('should accept a token signed with the private key', () => {
      const token = jwt.sign({ sub: 'alice', role: 'clerk', org: 'planning' }, privateKey, {
        algorithm: 'RS256',
        expiresIn: 60,
      });
      expect(verify(`Bearer ${token}`)).to.deep.equal({ sub: 'alice', role: 'clerk', org: 'planning' });
    });

    it('should refuse an HS256 token signed with the public key as HMAC secret', () => {
      // The classic confusion attack: a verifier that lets the token pick the algorithm would check this
      // HMAC with the (public) PEM text as the secret, and accept it.
      const signingInput = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: 'mallory', role: 'admin', exp: now() + 60 })}`;
      const signature = createHmac('sha256', publicPem).update(signingInput).digest('base64url');
      expect(refusal(verify, `Bearer ${signingInput}.${signature}`)).to.equal(
        'token uses algorithm "HS256"; this service accepts RS256 only',
      );
    });

    it('should refuse a token signed with another private key', () => {
      const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      const token = jwt.sign({ sub: 'alice', role: 'admin' }, other, { algorithm: 'RS256', expiresIn: 60 });
      expect(refusal(verify, `Bearer ${token}`)).to.match(
        /signature does not verify with the key from JWT_PUBLIC_KEY/,
      );
    });

    it('should refuse to sign development tokens', () => {
      expect(() => signDevelopmentToken(keys, { sub: 'a', role: 'admin' })).to.throw(
        /only HS256 tokens can be signed/,
      );
    });
  });

  describe('ES256', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const keys = resolveJwtKeys(
      loadConfig({
        JWT_ALGORITHM: 'ES256',
        JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        DATABASE_URL: 'sqlite::memory:',
      }),
    );
    const verify = verifierOf(keys);

    it('should accept a token signed with the private key', () => {
      const token = jwt.sign({ sub: 'eve', role: 'agent', org: 'team-7' }, privateKey, {
        algorithm: 'ES256',
        expiresIn: 60,
      });
      expect(verify(`Bearer ${token}`)).to.deep.equal({ sub: 'eve', role: 'agent', org: 'team-7' });
    });

    it('should refuse an RS256 token', () => {
      const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      const token = jwt.sign({ sub: 'eve', role: 'admin' }, rsa, { algorithm: 'RS256', expiresIn: 60 });
      expect(refusal(verify, `Bearer ${token}`)).to.match(
        /algorithm "RS256"; this service accepts ES256 only/,
      );
    });
  });
});

import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { loadOrCreateDevSecret } from '../../src/auth/dev-secret.ts';
import { resolveJwtKeys, type JwtKeys } from '../../src/auth/jwt-keys.ts';
import { createTokenVerifier } from '../../src/auth/tokens.ts';
import { loadConfig } from '../../src/config.ts';
import type { Config } from '../../src/config.ts';
import { principalOf } from '../../src/http/authenticate.ts';

/** The verifier as the service applies it: the caller, or the 401 `HttpError` its refusal is answered with. */
const verifierOf = (keys: JwtKeys) => (authorization: string | undefined) =>
  principalOf(createTokenVerifier(keys)(authorization));

function config(jwtSettings: Config['jwt'], dataDir = os.tmpdir(), production = false): Config {
  return { ...loadConfig({ DATABASE_URL: 'sqlite::memory:' }), dataDir, production, jwt: jwtSettings };
}

describe('auth/jwt-keys', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('loadOrCreateDevSecret', () => {
    it('should create the secret once, private to the owner, and reuse it', () => {
      const dataDir = path.join(dir, 'nested', 'data');
      const first = loadOrCreateDevSecret(dataDir);
      expect(first.created).to.equal(true);
      expect(first.path).to.equal(path.join(dataDir, 'dev-jwt-secret'));
      expect(first.secret).to.match(/^[0-9a-f]{64}$/);
      expect(fs.statSync(first.path).mode & 0o777).to.equal(0o600);
      expect(fs.readdirSync(dataDir)).to.deep.equal(['dev-jwt-secret']);

      const second = loadOrCreateDevSecret(dataDir);
      expect(second).to.deep.equal({ secret: first.secret, path: first.path, created: false });
    });

    it('should refuse an empty secret file rather than replace it', () => {
      fs.writeFileSync(path.join(dir, 'dev-jwt-secret'), '\n');
      expect(() => loadOrCreateDevSecret(dir)).to.throw(/is empty; delete it/);
    });
  });

  describe('resolveJwtKeys', () => {
    it('should use JWT_SECRET as a secret KeyObject for HS256', () => {
      const keys = resolveJwtKeys(config({ algorithm: 'HS256', secret: 's3cret' }, dir));
      expect(keys).to.include({ algorithm: 'HS256', source: 'JWT_SECRET' });
      expect(keys.verifyKey.type).to.equal('secret');
      expect(keys.verifyKey.export().toString()).to.equal('s3cret');
      expect(keys.signKey).to.equal(keys.verifyKey);
      expect(fs.readdirSync(dir)).to.deep.equal([]);
    });

    it('should fall back to the development secret when no key is configured', () => {
      const first = resolveJwtKeys(config({ algorithm: 'HS256' }, dir));
      expect(first).to.include({
        source: 'development secret',
        devSecretPath: path.join(dir, 'dev-jwt-secret'),
        devSecretCreated: true,
      });
      const second = resolveJwtKeys(config({ algorithm: 'HS256' }, dir));
      expect(second.devSecretCreated).to.equal(false);
      expect(second.verifyKey.equals(first.verifyKey)).to.equal(true);
      // The file's text is the secret, so it can be copied into JWT_SECRET unchanged.
      const copied = resolveJwtKeys(
        config({ algorithm: 'HS256', secret: fs.readFileSync(second.devSecretPath!, 'utf8').trim() }),
      );
      expect(copied.verifyKey.equals(first.verifyKey)).to.equal(true);
    });

    it('should never use a development secret in production', () => {
      expect(() => resolveJwtKeys(config({ algorithm: 'HS256' }, dir, true))).to.throw(/NODE_ENV=production/);
      expect(fs.readdirSync(dir)).to.deep.equal([]);
    });

    it('should read a PEM public key with literal \\n escapes', () => {
      const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const oneLine = pem.trim().replace(/\n/g, '\\n');
      expect(oneLine).not.to.include('\n');

      const keys = resolveJwtKeys(
        loadConfig({ JWT_ALGORITHM: 'RS256', JWT_PUBLIC_KEY: oneLine, DATA_DIR: dir }),
      );
      expect(keys).to.include({ algorithm: 'RS256', source: 'JWT_PUBLIC_KEY' });
      expect(keys.signKey).to.equal(undefined);
      expect(keys.verifyKey.equals(publicKey)).to.equal(true);

      const token = jwt.sign({ sub: 'a', role: 'admin' }, privateKey, { algorithm: 'RS256', expiresIn: 60 });
      expect(verifierOf(keys)(`Bearer ${token}`).sub).to.equal('a');
    });

    it('should throw a clear error for an unreadable PEM', () => {
      expect(() => resolveJwtKeys(config({ algorithm: 'RS256', publicKey: 'not a pem' }))).to.throw(
        /JWT_PUBLIC_KEY is not a readable PEM public key/,
      );
    });

    it('should refuse a private key in JWT_PUBLIC_KEY', () => {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      expect(() => resolveJwtKeys(config({ algorithm: 'ES256', publicKey: pem }))).to.throw(
        /holds a private key/,
      );
    });

    it('should refuse a public key that does not suit the algorithm', () => {
      const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
        type: 'spki',
        format: 'pem',
      });
      const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({
        type: 'spki',
        format: 'pem',
      });
      const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
        type: 'spki',
        format: 'pem',
      });
      expect(() => resolveJwtKeys(config({ algorithm: 'RS256', publicKey: ec.toString() }))).to.throw(
        /RS256 needs an RSA public key; JWT_PUBLIC_KEY has key type ec/,
      );
      expect(() => resolveJwtKeys(config({ algorithm: 'ES256', publicKey: p384.toString() }))).to.throw(
        /ES256 needs an EC P-256 .* curve secp384r1/,
      );
      expect(() => resolveJwtKeys(config({ algorithm: 'ES256', publicKey: rsa.toString() }))).to.throw(
        /key type rsa/,
      );
      expect(
        resolveJwtKeys(config({ algorithm: 'ES256', publicKey: ec.toString() })).verifyKey.asymmetricKeyType,
      ).to.equal('ec');
    });

    it('should throw when the algorithm has no matching key', () => {
      expect(() => resolveJwtKeys(config({ algorithm: 'RS256', secret: 'x' }))).to.throw(
        /RS256 needs JWT_PUBLIC_KEY/,
      );
    });
  });
});

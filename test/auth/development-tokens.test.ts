import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { resolveJwtKeys } from '../../src/auth/jwt-keys.ts';
import { signDevelopmentToken } from '../../src/auth/tokens.ts';
import { loadConfig } from '../../src/config.ts';
import { hsKeys, ROOT, verifierOf } from '../support/tokens.ts';

describe('auth/tokens', () => {
  describe('signDevelopmentToken', () => {
    const keys = hsKeys();
    const verify = verifierOf(keys);

    it('should sign a token the verifier accepts, expiring after the given lifetime', () => {
      const token = signDevelopmentToken(
        keys,
        { sub: 'alice', role: 'clerk', org: 'fire', name: 'Alice' },
        3600,
      );
      expect(verify(`Bearer ${token}`)).to.deep.equal({
        sub: 'alice',
        role: 'clerk',
        org: 'fire',
        name: 'Alice',
      });
      const payload = jwt.decode(token) as jwt.JwtPayload;
      expect(payload.exp! - payload.iat!).to.equal(3600);
      expect(jwt.decode(token, { complete: true })!.header.alg).to.equal('HS256');
    });

    it('should default to an eight-hour lifetime', () => {
      const payload = jwt.decode(signDevelopmentToken(keys, { sub: 'a', role: 'admin' })) as jwt.JwtPayload;
      expect(payload.exp! - payload.iat!).to.equal(8 * 3600);
      expect(payload).not.to.have.property('org');
    });

    it('should refuse a lifetime the verifier would refuse (over 24 hours)', () => {
      expect(signDevelopmentToken(keys, { sub: 'a', role: 'admin' }, 24 * 3600)).to.be.a('string');
      expect(() => signDevelopmentToken(keys, { sub: 'a', role: 'admin' }, 24 * 3600 + 1)).to.throw(
        /at most 86400 seconds \(24 hours\)/,
      );
    });

    it('should refuse claims the verifier would refuse', () => {
      expect(() => signDevelopmentToken(keys, { sub: 'a', role: 'applicant', org: 'acme' })).to.throw(
        /well-formed USCC/,
      );
      expect(() => signDevelopmentToken(keys, { sub: 'a', role: 'clerk' })).to.throw(/no org claim/);
      expect(() => signDevelopmentToken(keys, { sub: 'a', role: 'admin' }, 0)).to.throw(
        /positive whole number/,
      );
    });
  });

  describe('npm run token', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-'));
    });
    afterEach(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
      // The developer's own JWT settings must not leak into the test.
      const { JWT_SECRET, JWT_PUBLIC_KEY, JWT_ALGORITHM, NODE_ENV, ...rest } = process.env;
      return { ...rest, DATA_DIR: dir, DATABASE_URL: `sqlite:${dir}/z.db`, ...extra };
    }

    function run(args: string[], extra?: Record<string, string>) {
      return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/token.ts', ...args], {
        cwd: ROOT,
        env: env(extra),
        encoding: 'utf8',
      });
    }

    it('should print only a token that verifies with keys resolved from the same config', () => {
      const result = run(['--role', 'clerk', '--org', 'fire']);
      expect(result.status, result.stderr).to.equal(0);
      expect(result.stdout).to.match(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
      expect(result.stderr).to.include('dev-jwt-secret');

      const keys = resolveJwtKeys(loadConfig(env()));
      expect(keys.source).to.equal('development secret');
      expect(keys.devSecretCreated).to.equal(false);
      const principal = verifierOf(keys)(`Bearer ${result.stdout.trim()}`);
      expect(principal).to.deep.equal({ sub: 'clerk-fire', role: 'clerk', org: 'fire' });
    });

    it('should take sub, name and ttl from the command line', () => {
      const result = run(['--role', 'admin', '--sub', 'root', '--name', 'Root User', '--ttl', '120']);
      expect(result.status, result.stderr).to.equal(0);
      const payload = jwt.decode(result.stdout.trim()) as jwt.JwtPayload;
      expect(payload).to.include({ sub: 'root', role: 'admin', name: 'Root User' });
      expect(payload.exp! - payload.iat!).to.equal(120);
    });

    it('should fail with exit code 2, usage on stderr and nothing on stdout for a bad role', () => {
      const result = run(['--role', 'superuser']);
      expect(result.status).to.equal(2);
      expect(result.stdout).to.equal('');
      expect(result.stderr)
        .to.match(/--role must be one of/)
        .and.to.match(/usage:/);
    });

    it('should refuse a --ttl over 24 hours, which the service would refuse', () => {
      const result = run(['--role', 'admin', '--ttl', '86401']);
      expect(result.status).to.equal(2);
      expect(result.stdout).to.equal('');
      expect(result.stderr).to.match(/--ttl must be at most 86400 seconds \(24 hours\)/);
      expect(run(['--role', 'admin', '--ttl', '86400']).status).to.equal(0);
    });

    it('should refuse to sign when the algorithm is not HS256', () => {
      const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const result = run(['--role', 'admin'], {
        JWT_ALGORITHM: 'ES256',
        JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      });
      expect(result.status).to.equal(2);
      expect(result.stdout).to.equal('');
      expect(result.stderr).to.match(/JWT_ALGORITHM is ES256.*HS256 tokens only/);
    });
  });
});

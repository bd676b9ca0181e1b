import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jwt from 'jsonwebtoken';
import { resolveJwtKeys } from '../../src/auth/jwt-keys.ts';
import type { JwtKeys } from '../../src/auth/jwt-keys.ts';
import { createTokenVerifier, signDevelopmentToken } from '../../src/auth/tokens.ts';
import { loadConfig } from '../../src/config.ts';
import { HttpError } from '../../src/http/problem.ts';
import { principalOf } from '../../src/http/authenticate.ts';

/** The verifier as the service applies it: the caller, or the 401 `HttpError` its refusal is answered with. */
const verifierOf = (keys: JwtKeys) => (authorization: string | undefined) =>
  principalOf(createTokenVerifier(keys)(authorization));

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECRET = 'a-test-secret-of-at-least-thirty-two-bytes';
const USCC = '91310110666007217T';

function hsKeys(secret = SECRET): JwtKeys {
  return resolveJwtKeys(loadConfig({ JWT_SECRET: secret, DATABASE_URL: 'sqlite::memory:' }));
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

const now = () => Math.floor(Date.now() / 1000);

/** The 401 detail `verify` throws for `token`; fails the test when it does not throw a 401. */
function refusal(
  verify: (authorization: string | undefined) => unknown,
  authorization: string | undefined,
): string {
  try {
    verify(authorization);
  } catch (error) {
    expect(error).to.be.instanceOf(HttpError);
    expect(error).to.include({ status: 401, type: 'unauthorized' });
    return (error as HttpError).detail;
  }
  expect.fail(`expected a 401 for ${authorization}`);
}

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
        'token role "superuser" is not one of applicant, agent, clerk, auditor, admin',
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

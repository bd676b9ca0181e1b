import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { resolveJwtKeys, type JwtKeys } from '../../src/auth/jwt-keys.ts';
import { createTokenVerifier } from '../../src/auth/tokens.ts';
import { loadConfig } from '../../src/config.ts';
import { HttpError } from '../../src/http/problem.ts';
import { principalOf } from '../../src/http/authenticate.ts';

/** The verifier as the service applies it: the caller, or the 401 `HttpError` its refusal is answered with. */
export const verifierOf = (keys: JwtKeys) => (authorization: string | undefined) =>
  principalOf(createTokenVerifier(keys)(authorization));

/** The repository's root, where `npm run token` runs. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The service's HS256 secret in these tests. */
export const SECRET = 'a-test-secret-of-at-least-thirty-two-bytes';
/** An enterprise's unified social credit code, as a token's `org`. */
export const USCC = '91310110666007217T';

/** The service's keys for HS256 with `secret`. */
export function hsKeys(secret = SECRET): JwtKeys {
  return resolveJwtKeys(loadConfig({ JWT_SECRET: secret, DATABASE_URL: 'sqlite::memory:' }));
}

/** A JSON value as a JWT segment. */
export function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Now in whole seconds, as JWT times are written. */
export const now = () => Math.floor(Date.now() / 1000);

/** The 401 detail `verify` throws for `token`; fails the test when it does not throw a 401. */
export function refusal(
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

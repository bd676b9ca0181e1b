import { createPublicKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { JwksClient, type SigningKey } from 'jwks-rsa';
import { mapClaims, type ClaimsMap } from './claims-map.ts';
import {
  bearerToken,
  CLOCK_TOLERANCE_SECONDS,
  JWS_COMPACT,
  lifetimeProblem,
  MALFORMED,
  readClaims,
  tokenFault,
  tokenHeader,
  type TokenFault,
  type TokenVerdict,
} from './tokens.ts';

/** The algorithms a provider's tokens may use: asymmetric ones only, never `none` nor HS* with a JWKS. */
export type ProviderAlgorithm = 'RS256' | 'ES256';
export const PROVIDER_ALGORITHMS: readonly ProviderAlgorithm[] = ['RS256', 'ES256'];

/** What the verifier of the provider's tokens needs: most of it from the provider's discovery document. */
export interface ProviderTokenSettings {
  issuer: string;
  /** The `aud` a token must carry (`OIDC_AUDIENCE`, the client id unless told). */
  audience: string;
  jwksUri: string;
  /** What the provider advertises, kept to {@link PROVIDER_ALGORITHMS}. */
  algorithms: readonly ProviderAlgorithm[];
  claimsMap: ClaimsMap;
  /** How long a fetched key is kept (ms); 10 minutes unless told. */
  cacheMaxAgeMs?: number;
  /** How often an unknown `kid` may send the service to the JWKS again; 10 a minute unless told. */
  jwksRequestsPerMinute?: number;
}

/** Maps claims the provider signed to a principal, or says why it cannot (no rule of the map matches). */
export function principalFromProviderClaims(
  map: ClaimsMap,
  claims: Readonly<Record<string, unknown>>,
): TokenVerdict {
  const mapped = mapClaims(map, claims);
  if (mapped === null) {
    return {
      ok: false,
      code: 'token-refused',
      reason: "the identity provider's claims map to no ZeroTrip role (OIDC_CLAIMS_MAP)",
    };
  }
  const result = readClaims({ ...mapped, iss: claims.iss });
  return typeof result === 'string'
    ? { ok: false, code: 'token-refused', reason: result }
    : { ok: true, principal: result };
}

/**
 * Verifies bearer tokens the identity provider issued: the signing key is looked up by the token's `kid` in the
 * provider's JWKS (jwks-rsa, cached; an unknown `kid` fetches the JWKS again, at most `jwksRequestsPerMinute`
 * times a minute, so a key rotation at the provider needs no restart), the algorithm is pinned to what the
 * provider advertises and what the key is, and `iss`, `aud` and `exp` are required. The claims are mapped to
 * the principal by `claimsMap`.
 */
export function createProviderTokenVerifier(
  settings: ProviderTokenSettings,
): (authorization: string | undefined) => Promise<TokenVerdict> {
  const jwks = new JwksClient({
    jwksUri: settings.jwksUri,
    cache: true,
    cacheMaxAge: settings.cacheMaxAgeMs ?? 10 * 60_000,
    cacheMaxEntries: 16,
    rateLimit: true,
    jwksRequestsPerMinute: settings.jwksRequestsPerMinute ?? 10,
    timeout: 5_000,
  });
  // One KeyObject per fetched key: jsonwebtoken would parse a PEM string again on every request.
  const keyObjects = new WeakMap<SigningKey, KeyObject>();
  const refuse = (reason: string, why?: TokenFault): TokenVerdict => ({
    ok: false,
    code: 'token-refused',
    reason,
    ...(why ? { why } : {}),
  });
  const accepted = settings.algorithms.join(' or ');

  return async (authorization) => {
    const bearer = bearerToken(authorization);
    if (!bearer.ok) {
      // No credentials at all is a sign-in to ask for; anything else is a token to replace.
      return {
        ok: false,
        code: authorization ? 'token-refused' : 'not-authenticated',
        reason: bearer.reason,
      };
    }
    const { token } = bearer;
    if (!JWS_COMPACT.test(token)) return refuse(MALFORMED);
    const header = tokenHeader(token);
    if (header === undefined) return refuse('malformed token: the header is not a JSON object');
    const alg = header.alg;
    if (typeof alg !== 'string' || !(settings.algorithms as readonly string[]).includes(alg)) {
      const sent = typeof alg === 'string' ? `algorithm ${JSON.stringify(alg.slice(0, 20))}` : 'no algorithm';
      return refuse(`token uses ${sent}; this service accepts ${accepted} (the identity provider's)`);
    }
    const kid = header.kid;
    if (kid !== undefined && (typeof kid !== 'string' || kid.length > 200)) {
      return refuse('token kid (key id) must be a short text');
    }
    let signingKey: SigningKey;
    try {
      signingKey = await jwks.getSigningKey(kid);
    } catch (error) {
      return refuse(keyProblem(error, kid));
    }
    let key = keyObjects.get(signingKey);
    if (!key) {
      key = createPublicKey(signingKey.getPublicKey());
      keyObjects.set(signingKey, key);
    }
    const mismatch = keyMismatch(alg as ProviderAlgorithm, key, signingKey.alg);
    if (mismatch) return refuse(mismatch);
    let payload: string | jwt.JwtPayload;
    try {
      payload = jwt.verify(token, key, {
        algorithms: [alg as ProviderAlgorithm],
        issuer: settings.issuer,
        audience: settings.audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        complete: false,
      });
    } catch (error) {
      return refuse(verifyProblem(error, settings), tokenFault(error));
    }
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      return refuse('malformed token: the payload is not a JSON object');
    }
    if (payload.exp === undefined) return refuse('token has no exp claim; tokens must expire');
    const lifetime = lifetimeProblem(payload.exp, payload.iat);
    if (lifetime !== undefined) return refuse(lifetime);
    return principalFromProviderClaims(settings.claimsMap, payload);
  };
}

/** Why the key of `kid` cannot be had. */
function keyProblem(error: unknown, kid: unknown): string {
  const name = error instanceof Error ? error.name : '';
  const which = kid === undefined ? 'without a kid' : `with kid ${JSON.stringify(kid)}`;
  if (name === 'SigningKeyNotFoundError') {
    return `token ${which} names no key of the identity provider's JWKS (signed by another issuer?)`;
  }
  if (name === 'JwksRateLimitError') {
    return `token ${which} names an unknown key, and the provider's JWKS was fetched too often this minute; try again shortly`;
  }
  return `the identity provider's keys cannot be fetched (${error instanceof Error ? error.message : String(error)})`;
}

/** Why `key` cannot verify `alg`, or undefined: RS256 needs an RSA key, ES256 an EC P-256 key. */
function keyMismatch(alg: ProviderAlgorithm, key: KeyObject, jwkAlg: string | undefined): string | undefined {
  if (jwkAlg && jwkAlg !== alg) return `token uses ${alg} but its key is for ${jwkAlg}`;
  if (alg === 'RS256' && key.asymmetricKeyType !== 'rsa') return 'token uses RS256 but its key is not RSA';
  if (
    alg === 'ES256' &&
    (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
  ) {
    return 'token uses ES256 but its key is not EC P-256';
  }
  return undefined;
}

/** The 401 detail for an error thrown by jwt.verify. */
function verifyProblem(error: unknown, settings: ProviderTokenSettings): string {
  if (error instanceof jwt.TokenExpiredError) return `token expired at ${error.expiredAt.toISOString()}`;
  if (error instanceof jwt.NotBeforeError) return `token is not valid before ${error.date.toISOString()}`;
  const message = error instanceof Error ? error.message : String(error);
  if (message === 'invalid signature')
    return "token signature does not verify with the identity provider's key";
  if (message.startsWith('jwt audience invalid')) {
    return `token audience (aud) is not ${JSON.stringify(settings.audience)}, the audience this service is registered as`;
  }
  if (message.startsWith('jwt issuer invalid')) {
    return `token issuer (iss) is not ${JSON.stringify(settings.issuer)}, the identity provider this service trusts`;
  }
  if (message === 'jwt malformed' || message === 'invalid token') return MALFORMED;
  return `malformed token: ${message}`;
}

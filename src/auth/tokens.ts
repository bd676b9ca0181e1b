import jwt from 'jsonwebtoken';
import { USCC_ALPHABET, isWellFormedUscc } from '../uscc/index.ts';
import type { JwtKeys } from './jwt-keys.ts';
import { PRINCIPAL_ROLES, isPrincipalRole } from './principal.ts';
import type { Principal, PrincipalRole } from './principal.ts';

/** Seconds of clock skew allowed between the identity provider and this service for `exp` and `nbf`. */
export const CLOCK_TOLERANCE_SECONDS = 5;

/** The longest lifetime a token may have (`exp − iat`): a stolen token is good for a day at most. */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;

/** How far in the future `iat` may lie: more means the issuer's clock is wrong, or the token is forged. */
export const MAX_IAT_SKEW_SECONDS = 60;

/** The longest user id (`sub`) the service keeps: the audit, fee and idempotency columns are varchar(200). */
export const MAX_SUB_LENGTH = 200;

/** The longest `org` the service keeps: the audit record's actor_org column is varchar(64). */
export const MAX_ORG_LENGTH = 64;

/** The caller a token names, or the reason it is refused (src/http/authenticate.ts answers a refusal with 401). */
export type TokenVerdict =
  | { ok: true; principal: Principal }
  | { ok: false; code: 'not-authenticated' | 'token-refused'; reason: string; why?: TokenFault };

/**
 * What is wrong with a refused token, in a word a client can tell a person (the 401's `params.why`): a
 * signature that does not verify, or a token past its expiry. Other refusals carry none.
 */
export type TokenFault = 'signature' | 'expired';

/** The fault of an error thrown by jwt.verify, when it is one a person can act on. */
export function tokenFault(error: unknown): TokenFault | undefined {
  if (error instanceof jwt.TokenExpiredError) return 'expired';
  if (error instanceof jwt.JsonWebTokenError && error.message === 'invalid signature') return 'signature';
  return undefined;
}

/**
 * Reads the `Authorization` header of a request into the caller, or the reason it is refused: at once with a
 * configured key, after a look at the provider's keys (JWKS) with an identity provider.
 */
export type TokenVerifier = (authorization: string | undefined) => TokenVerdict | Promise<TokenVerdict>;

/** A {@link TokenVerifier} that answers at once (a configured key). */
export type ImmediateTokenVerifier = (authorization: string | undefined) => TokenVerdict;

/** The claims {@link signDevelopmentToken} puts in a token. */
export interface DevelopmentTokenClaims {
  sub: string;
  role: PrincipalRole;
  /** Required for applicant (USCC), clerk (department code) and agent (service team code). */
  org?: string | null;
  name?: string;
  /** A department lead (clerks only). */
  lead?: boolean;
  /** The enterprise's name (applicants only). */
  org_name?: string;
}

/** How many verified tokens a verifier keeps: a busy service's signed-in users, at a few hundred bytes each. */
const VERIFIED_TOKENS_KEPT = 10_000;

/** The time in whole seconds since 1970, the unit of `exp`, `iat` and `nbf`. */
const systemSeconds = () => Math.floor(Date.now() / 1000);

/**
 * Builds the verifier for `Authorization: Bearer <JWT>`. Only `keys.algorithm` is accepted, `exp` is
 * required, and every refusal carries a reason saying what exactly is wrong. `nowSeconds` is the clock the
 * expiry is read against and `kept` how many accepted tokens are remembered (tests set both).
 */
export function createTokenVerifier(
  keys: JwtKeys,
  {
    nowSeconds = systemSeconds,
    kept = VERIFIED_TOKENS_KEPT,
  }: { nowSeconds?: () => number; kept?: number } = {},
): ImmediateTokenVerifier {
  // Pinning the algorithm is what stops `alg: none` and the HS256-with-the-public-key confusion attack.
  const options: jwt.VerifyOptions & { complete: false } = {
    algorithms: [keys.algorithm],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    complete: false,
    ...(keys.audience ? { audience: keys.audience } : {}),
    ...(keys.issuer ? { issuer: keys.issuer } : {}),
  };
  const refuse = (reason: string, why?: TokenFault): TokenVerdict => ({
    ok: false,
    code: 'token-refused',
    reason,
    ...(why ? { why } : {}),
  });
  // A client sends the same token with every request, and checking its signature is most of the cost of
  // authenticating one. A token accepted once is accepted again on sight of the same string until it expires:
  // its expiry is the only check whose answer can change (a later clock only brings an early iat or nbf
  // closer). Refusals are not kept, so a flood of bad tokens fills nothing.
  const verified = new Map<string, { principal: Principal; exp: number }>();
  return (authorization) => {
    const bearer = bearerToken(authorization);
    // No credentials at all is a sign-in to ask for; anything else is a token to replace.
    if (!bearer.ok)
      return {
        ok: false,
        code: authorization ? 'token-refused' : 'not-authenticated',
        reason: bearer.reason,
      };
    const { token } = bearer;
    const now = nowSeconds();
    const known = verified.get(token);
    // Each request gets a principal of its own: a handler that adds to it must not change the next one's.
    if (known && now < known.exp + CLOCK_TOLERANCE_SECONDS)
      return { ok: true, principal: { ...known.principal } };
    if (known) verified.delete(token);
    // The compact form jsonwebtoken would refuse anyway, checked without building an error (floods are cheap).
    if (!JWS_COMPACT.test(token)) return refuse(MALFORMED);
    let payload: string | jwt.JwtPayload;
    try {
      payload = jwt.verify(token, keys.verifyKey, { ...options, clockTimestamp: now });
    } catch (error) {
      return refuse(verificationProblem(error, token, keys), tokenFault(error));
    }
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      return refuse('malformed token: the payload is not a JSON object');
    }
    // jsonwebtoken checks exp only when present; a token without one would be valid forever.
    if (payload.exp === undefined) return refuse('token has no exp claim; tokens must expire');
    const lifetime = lifetimeProblem(payload.exp, payload.iat, now);
    if (lifetime !== undefined) return refuse(lifetime);
    const result = readClaims(payload);
    if (typeof result === 'string') return refuse(result);
    // The oldest goes first when full: Map keeps insertion order.
    if (verified.size >= kept) verified.delete(verified.keys().next().value!);
    verified.set(token, { principal: result, exp: payload.exp });
    return { ok: true, principal: { ...result } };
  };
}

/** A JWS in compact serialisation: header, payload and (possibly empty) signature, base64url (RFC 7515, 7.1). */
export const JWS_COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
export const MALFORMED = 'malformed token: expected three base64url parts separated by dots';

/**
 * Signs an HS256 token with the configured (or development) secret, for `npm run token` and tests.
 * @throws Error when the keys cannot sign (RS256/ES256 deployments: tokens come from the identity
 *   provider), or the claims would be refused by the verifier.
 */
export function signDevelopmentToken(
  keys: JwtKeys,
  claims: DevelopmentTokenClaims,
  ttlSeconds: number = 8 * 3600,
): string {
  if (keys.algorithm !== 'HS256' || keys.signKey === undefined) {
    throw new Error(
      `cannot sign tokens: JWT_ALGORITHM is ${keys.algorithm} with ${keys.source}; ` +
        'tokens come from the identity provider, only HS256 tokens can be signed here',
    );
  }
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new Error(`the lifetime must be a positive whole number of seconds, got ${ttlSeconds}`);
  }
  if (ttlSeconds > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new Error(
      `the lifetime must be at most ${MAX_TOKEN_LIFETIME_SECONDS} seconds (24 hours), got ${ttlSeconds}`,
    );
  }
  const payload: Record<string, unknown> = { sub: claims.sub, role: claims.role };
  if (claims.org !== undefined && claims.org !== null) payload.org = claims.org;
  if (claims.name !== undefined) payload.name = claims.name;
  if (claims.lead !== undefined) payload.lead = claims.lead;
  if (claims.org_name !== undefined) payload.org_name = claims.org_name;
  // Same rules as the verifier, so a token that would only earn a 401 is never handed out.
  const result = readClaims(payload);
  if (typeof result === 'string') throw new Error(`cannot sign: ${result}`);
  return jwt.sign(payload, keys.signKey, {
    algorithm: 'HS256',
    expiresIn: ttlSeconds,
    ...(keys.audience ? { audience: keys.audience } : {}),
    ...(keys.issuer ? { issuer: keys.issuer } : {}),
  });
}

/** The token of a Bearer `Authorization` header, or why the header is refused. */
export function bearerToken(
  authorization: string | undefined,
): { ok: true; token: string } | { ok: false; reason: string } {
  if (authorization === undefined || authorization.trim() === '') {
    return { ok: false, reason: 'missing Authorization header; send "Authorization: Bearer <JWT>"' };
  }
  const [scheme = '', ...rest] = authorization.trim().split(/\s+/);
  // Auth schemes are case-insensitive (RFC 9110, 11.1).
  if (scheme.toLowerCase() !== 'bearer') {
    // The scheme is echoed only when it looks like one: a bare token sent without "Bearer " is a credential
    // and does not belong in a response or a log line.
    const named = /^[A-Za-z][A-Za-z0-9-]{0,19}$/.test(scheme) && rest.length > 0 ? ` (got ${scheme})` : '';
    return {
      ok: false,
      reason: `Authorization header must use the Bearer scheme${named}: "Authorization: Bearer <JWT>"`,
    };
  }
  if (rest.length === 0) return { ok: false, reason: 'Authorization header has no token after "Bearer"' };
  if (rest.length > 1) return { ok: false, reason: 'malformed token: the Bearer token contains whitespace' };
  return { ok: true, token: rest[0]! };
}

/** Why a verified token's lifetime is refused, or undefined when it is acceptable. */
export function lifetimeProblem(exp: unknown, iat: unknown, now = systemSeconds()): string | undefined {
  if (iat !== undefined && typeof iat !== 'number') {
    return 'token iat claim must be a number (seconds since 1970)';
  }
  const expiry = exp as number; // jsonwebtoken has checked that exp is a number
  const limit = `this service accepts at most ${MAX_TOKEN_LIFETIME_SECONDS} (24 hours)`;
  if (iat === undefined) {
    return expiry - now > MAX_TOKEN_LIFETIME_SECONDS
      ? `token expires in ${expiry - now} seconds and has no iat; ${limit}`
      : undefined;
  }
  if (iat - now > MAX_IAT_SKEW_SECONDS) {
    return `token iat lies ${iat - now} seconds in the future (more than ${MAX_IAT_SKEW_SECONDS}); check the identity provider's clock`;
  }
  if (expiry - iat > MAX_TOKEN_LIFETIME_SECONDS) {
    return `token lifetime (exp − iat) is ${expiry - iat} seconds; ${limit}`;
  }
  return undefined;
}

/** The 401 detail for an error thrown by jwt.verify. */
function verificationProblem(error: unknown, token: string, keys: JwtKeys): string {
  if (error instanceof jwt.TokenExpiredError) return `token expired at ${error.expiredAt.toISOString()}`;
  if (error instanceof jwt.NotBeforeError) return `token is not valid before ${error.date.toISOString()}`;
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof jwt.JsonWebTokenError)) return `malformed token: ${message}`;
  if (message === 'jwt malformed' || message === 'invalid token') return MALFORMED;
  // jsonwebtoken reports a foreign algorithm variously ("invalid algorithm", "jwt signature is required" for
  // `none`); the header says precisely what was sent.
  const alg = headerAlgorithm(token);
  if (alg !== keys.algorithm) {
    const sent = alg === undefined ? 'no algorithm' : `algorithm ${JSON.stringify(alg.slice(0, 20))}`;
    return `token uses ${sent}; this service accepts ${keys.algorithm} only`;
  }
  switch (message) {
    case 'invalid signature':
      return `token signature does not verify with the key from ${keys.source} (signed with another key?)`;
    case 'jwt signature is required':
      return 'token has no signature';
    case 'invalid exp value':
      return 'token exp claim must be a number (seconds since 1970)';
    case 'invalid nbf value':
      return 'token nbf claim must be a number (seconds since 1970)';
  }
  if (message.startsWith('jwt audience invalid')) {
    return `token audience (aud) is not ${JSON.stringify(keys.audience)}, the audience this service is configured for`;
  }
  if (message.startsWith('jwt issuer invalid')) {
    return `token issuer (iss) is not ${JSON.stringify(keys.issuer)}, the issuer this service is configured for`;
  }
  return `malformed token: ${message}`;
}

function headerAlgorithm(token: string): string | undefined {
  const alg = tokenHeader(token)?.alg;
  return typeof alg === 'string' ? alg : undefined;
}

/** The JOSE header of a compact token, or undefined when it is not a JSON object. */
export function tokenHeader(token: string): Record<string, unknown> | undefined {
  try {
    const header: unknown = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null && !Array.isArray(header)
      ? (header as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const ORG_MEANING: Partial<Record<PrincipalRole, string>> = {
  applicant: "the enterprise's USCC",
  clerk: 'the department code',
  agent: "the service team's code",
};

/** The principal the claims describe (`sub`, `role`, `org`, `name`, `iss`), or the reason they are refused. */
export function readClaims(claims: Record<string, unknown>): Principal | string {
  const { sub, role, org, name } = claims;
  if (sub === undefined) return 'token has no sub claim (the user id)';
  if (typeof sub !== 'string' || sub.trim() === '') return 'token sub claim must be a non-empty string';
  // Counted in characters, as PostgreSQL's varchar counts them; a longer sub could not be stored (a 500).
  const subLength = [...sub].length;
  if (subLength > MAX_SUB_LENGTH) {
    return `token sub claim is too long: ${subLength} characters, at most ${MAX_SUB_LENGTH}`;
  }
  if (role === undefined) return `token has no role claim; expected one of ${PRINCIPAL_ROLES.join(', ')}`;
  if (!isPrincipalRole(role)) {
    return `token role ${JSON.stringify(role)} is not one of ${PRINCIPAL_ROLES.join(', ')}`;
  }
  if (org !== undefined && org !== null && typeof org !== 'string') return 'token org claim must be a string';
  // Identity providers often emit an unset attribute as "", so an empty org counts as absent.
  const orgValue = org ? org : null;
  const orgLength = orgValue === null ? 0 : [...orgValue].length;
  if (orgLength > MAX_ORG_LENGTH) {
    return `token org claim is too long: ${orgLength} characters, at most ${MAX_ORG_LENGTH}`;
  }
  const meaning = ORG_MEANING[role];
  if (meaning !== undefined && orgValue === null)
    return `token for role ${role} has no org claim (${meaning})`;
  if (role === 'applicant' && !isWellFormedUscc(orgValue!)) {
    return `token org ${JSON.stringify(orgValue)} is not a well-formed USCC (18 characters of ${USCC_ALPHABET})`;
  }
  if (name !== undefined && name !== null && typeof name !== 'string')
    return 'token name claim must be a string';
  const { lead, org_name: orgName } = claims;
  if (lead !== undefined && lead !== null && typeof lead !== 'boolean')
    return 'token lead claim must be true or false';
  if (orgName !== undefined && orgName !== null && typeof orgName !== 'string')
    return 'token org_name claim must be a string';
  const principal: Principal = { sub, role, org: orgValue };
  if (name) principal.name = name;
  // Only a clerk leads a department; only an enterprise's own token names the enterprise.
  if (lead === true && role === 'clerk') principal.lead = true;
  if (orgName && role === 'applicant') principal.orgName = orgName;
  if (typeof claims.iss === 'string' && claims.iss) principal.iss = claims.iss;
  return principal;
}

/**
 * `OIDC_*`: the identity provider (docs/sign-in.md), read and checked for loadConfig (config.ts), which stops
 * the start with the ConfigError's message.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_CLAIMS_MAP, parseClaimsMap, type ClaimsMap } from './auth/claims-map.ts';
import { ConfigError } from './config-error.ts';

/** `OIDC_*`: the identity provider the console signs in with and whose tokens the API accepts. */
export interface OidcConfig {
  /** `OIDC_ISSUER`: its discovery document is at `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  /** `OIDC_CLIENT_SECRET`, for a confidential client; without it the client is public (PKCE only). */
  clientSecret?: string;
  /** `OIDC_REDIRECT_URI`; without it, `/auth/callback` on the origin the browser used. */
  redirectUri?: string;
  /** `OIDC_AUDIENCE`: the `aud` a bearer token must carry; the client id unless told. */
  audience: string;
  /** `OIDC_SCOPE`: what the sign-in asks for; `openid profile` unless told. */
  scope: string;
  claimsMap: ClaimsMap;
  /**
   * `OIDC_COOKIE_SECRET`: the key the session cookies are sealed with (every instance needs the same); without
   * it (development only) a key of this process, so sessions end when it stops.
   */
  cookieSecret?: string;
}

const OIDC_NAMES = [
  'OIDC_CLIENT_ID',
  'OIDC_CLIENT_SECRET',
  'OIDC_REDIRECT_URI',
  'OIDC_AUDIENCE',
  'OIDC_SCOPE',
  'OIDC_CLAIMS_MAP',
  'OIDC_COOKIE_SECRET',
];

/** The shortest `OIDC_COOKIE_SECRET`: 32 characters, as many bytes as the AES-256 key it is stretched into. */
export const MIN_COOKIE_SECRET_LENGTH = 32;

/** `OIDC_*`, or undefined without `OIDC_ISSUER` (then no other `OIDC_` variable may be set). */
export function readOidc(
  read: (name: string) => string | undefined,
  production: boolean,
): OidcConfig | undefined {
  const issuer = read('OIDC_ISSUER');
  if (issuer === undefined) {
    const stray = OIDC_NAMES.find((name) => read(name) !== undefined);
    if (stray)
      throw new ConfigError(`${stray} is set but OIDC_ISSUER is not; set OIDC_ISSUER or unset ${stray}`);
    return undefined;
  }
  readUrl(issuer, 'OIDC_ISSUER');
  const clientId = read('OIDC_CLIENT_ID');
  if (!clientId) {
    throw new ConfigError('OIDC_ISSUER needs OIDC_CLIENT_ID, the client id ZeroTrip is registered under');
  }
  const redirectUri = read('OIDC_REDIRECT_URI');
  if (redirectUri !== undefined) {
    const url = readUrl(redirectUri, 'OIDC_REDIRECT_URI');
    if (!url.pathname.endsWith('/auth/callback') || url.search || url.hash) {
      throw new ConfigError(
        `OIDC_REDIRECT_URI must end with /auth/callback (no query), e.g. https://zerotrip.example.gov.cn/auth/callback; got ${redirectUri}`,
      );
    }
  }
  const cookieSecret = read('OIDC_COOKIE_SECRET');
  if (cookieSecret !== undefined && cookieSecret.length < MIN_COOKIE_SECRET_LENGTH) {
    throw new ConfigError(
      `OIDC_COOKIE_SECRET must be at least ${MIN_COOKIE_SECRET_LENGTH} characters, got ${cookieSecret.length}; ` +
        'e.g. openssl rand -hex 32',
    );
  }
  if (production && cookieSecret === undefined) {
    throw new ConfigError(
      'NODE_ENV=production with OIDC_ISSUER needs OIDC_COOKIE_SECRET (at least 32 characters, the same on every ' +
        'instance), the key the session cookies are sealed with; e.g. openssl rand -hex 32',
    );
  }
  const scope = read('OIDC_SCOPE') ?? 'openid profile';
  if (!scope.split(/\s+/).includes('openid')) {
    throw new ConfigError(`OIDC_SCOPE must include openid, got "${scope}"`);
  }
  const clientSecret = read('OIDC_CLIENT_SECRET');
  return {
    issuer,
    clientId,
    ...(clientSecret ? { clientSecret } : {}),
    ...(redirectUri ? { redirectUri } : {}),
    audience: read('OIDC_AUDIENCE') ?? clientId,
    scope,
    claimsMap: readClaimsMap(read('OIDC_CLAIMS_MAP')),
    ...(cookieSecret ? { cookieSecret } : {}),
  };
}

/**
 * An https URL, or http on this machine only (a provider in the tests or on a developer's laptop): anywhere
 * else plain http would carry codes and cookies in the clear.
 */
function readUrl(text: string, name: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`${name} must be an absolute URL such as https://id.example.gov.cn, got ${text}`);
  }
  const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigError(`${name} must use https (http only for localhost), got ${text}`);
  }
  return url;
}

/** `OIDC_CLAIMS_MAP`: inline JSON (starting with `{`) or the path of a JSON file; the default map without it. */
function readClaimsMap(text: string | undefined): ClaimsMap {
  if (text === undefined) return DEFAULT_CLAIMS_MAP;
  let json = text;
  if (!text.startsWith('{')) {
    try {
      json = readFileSync(text, 'utf8');
    } catch (error) {
      throw new ConfigError(
        `OIDC_CLAIMS_MAP: cannot read the file ${text} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give a JSON file path or inline JSON starting with {`,
      );
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new ConfigError(`OIDC_CLAIMS_MAP is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return parseClaimsMap(value);
  } catch (error) {
    throw new ConfigError(`OIDC_CLAIMS_MAP: ${(error as Error).message} (docs/sign-in.md, "Claim mapping")`);
  }
}

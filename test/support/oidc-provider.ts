/**
 * A real OpenID provider (oidc-provider) on a random port of this machine, for the sign-in tests: test users
 * (an enterprise with its USCC, clerks with the province's department ids, an auditor by group, a citizen
 * with no role here), its built-in login page, JWT access tokens for ZeroTrip's API, and keys that can be
 * rotated while it runs.
 */
import { createHash, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import Provider, { type ProviderContext } from 'oidc-provider';

/** ZeroTrip's registration at the provider. */
export const CLIENT_ID = 'zerotrip-console';
/** The API as a resource of the provider: the `aud` of its access tokens (`OIDC_AUDIENCE`). */
export const API_AUDIENCE = 'urn:zerotrip:api';
/** What ZeroTrip asks for at sign-in. */
export const SCOPE = 'openid profile zerotrip';

/** The province's people, by login name. Claim names as the provincial platform might spell them. */
export const USERS: Record<string, Record<string, unknown>> = {
  'changjiang-legal': { name: '长江建工（法人）', user_type: 'legal_person', uscc: '91310115591693856A' },
  'other-legal': { name: '赣江置业（法人）', user_type: 'legal_person', uscc: '91310110666007217T' },
  'clerk-window': { name: '综合窗口 周敏', user_type: 'staff', department: 'GXQ-ZHCK' },
  'clerk-fire': { name: '消防审查 王强', user_type: 'staff', department: 'GXQ-XF' },
  'auditor-1': { name: '督查室 陈静', user_type: 'staff', groups: ['zerotrip-auditor'] },
  'citizen-li': { name: '李四', user_type: 'natural_person' },
};

/** The claim mapping the tests configure (test/fixtures/oidc-claims-map.json, the example of docs/sign-in.md). */
export const CLAIMS_MAP_FILE = new URL('../fixtures/oidc-claims-map.json', import.meta.url).pathname;
export const CLAIMS_MAP = readFileSync(CLAIMS_MAP_FILE, 'utf8');

/** The service's OIDC_COOKIE_SECRET in these tests (a test that forges a sealed cookie needs it). */
export const COOKIE_SECRET = 'a-cookie-secret-for-the-sign-in-tests-0123456789';

/** The service as deployed with this provider: the variables of docs/sign-in.md. */
export function oidcEnv(provider: TestProvider): Record<string, string> {
  return {
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_AUDIENCE: API_AUDIENCE,
    OIDC_SCOPE: SCOPE,
    OIDC_CLAIMS_MAP: CLAIMS_MAP_FILE,
    OIDC_COOKIE_SECRET: COOKIE_SECRET,
    // The refusal tests send many bad tokens from one address; the failure limit has tests of its own.
    RATE_LIMIT_AUTH_FAILURES: '100000',
  };
}

/** One signing key of the provider: its private half (to forge tokens in tests) and its kid. */
export interface ProviderKey {
  kid: string;
  privateKey: KeyObject;
  jwk: Record<string, unknown>;
}

/** Makes an RSA signing key with a fresh kid. */
export function newKey(): ProviderKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `k-${randomBytes(6).toString('hex')}`;
  return { kid, privateKey, jwk: { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' } };
}

/** The running provider. */
export interface TestProvider {
  issuer: string;
  /** Signing keys, the signing one first. */
  keys: ProviderKey[];
  /** How many times the JWKS was fetched. */
  jwksFetches(): number;
  /** Registers ZeroTrip's redirect URIs once its port is known (the provider is built again, keys kept). */
  register(appOrigin: string): void;
  /** A new signing key; the old ones stay published (`retire` drops them), as a provider rotates. */
  rotate(): ProviderKey;
  /** Publishes only the signing key. */
  retire(): void;
  close(): Promise<void>;
}

/**
 * Starts the provider on 127.0.0.1, with the issuer named `localhost` so that its cookies and ZeroTrip's
 * (on 127.0.0.1) are of different sites, as in production.
 */
export async function startTestProvider(): Promise<TestProvider> {
  let current: Provider | undefined;
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/jwks')) fetches += 1;
    if (!current) {
      res.statusCode = 503;
      res.end();
      return;
    }
    current.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://localhost:${port}`;
  const keys = [newKey()];
  let appOrigin = 'http://127.0.0.1';
  const cookieKeys = [randomBytes(16).toString('hex')];
  const build = () => {
    current = quietly(() => new Provider(issuer, configuration(keys, appOrigin, cookieKeys)));
  };
  build();
  return {
    issuer,
    keys,
    jwksFetches: () => fetches,
    register(origin) {
      appOrigin = origin;
      build();
    },
    rotate() {
      const key = newKey();
      keys.unshift(key);
      build();
      return key;
    },
    retire() {
      keys.splice(1);
      build();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function configuration(
  keys: ProviderKey[],
  appOrigin: string,
  cookieKeys: string[],
): Record<string, unknown> {
  return {
    clients: [
      {
        client_id: CLIENT_ID,
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [`${appOrigin}/auth/callback`],
        post_logout_redirect_uris: [`${appOrigin}/sign-in`],
      },
    ],
    jwks: { keys: keys.map((key) => key.jwk) },
    cookies: { keys: cookieKeys },
    claims: {
      openid: ['sub'],
      profile: ['name'],
      zerotrip: ['user_type', 'uscc', 'department', 'groups'],
    },
    scopes: ['openid', 'profile', 'zerotrip', 'api'],
    // The mapped claims go into the ID token, which is what ZeroTrip reads at sign-in.
    conformIdTokenClaims: false,
    findAccount: (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: () => ({ sub: id, ...(USERS[id] ?? {}) }),
    }),
    // A first-party application: no consent page, as at the provincial platform.
    loadExistingGrant: async (ctx: ProviderContext) => {
      const { client, session, provider } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grant = new provider.Grant({ accountId: session.accountId, clientId: client.clientId });
      grant.addOIDCScope(SCOPE);
      grant.addResourceScope(API_AUDIENCE, 'api');
      await grant.save();
      return grant;
    },
    extraTokenClaims: async (_ctx: unknown, token: { kind: string; accountId?: string }) =>
      token.kind === 'AccessToken' && token.accountId ? (USERS[token.accountId] ?? {}) : undefined,
    pkce: { required: () => true },
    ttl: { Interaction: 600, Grant: 3600, Session: 3600, AccessToken: 3600, IdToken: 3600 },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // The provider's own logout question, in a form the tests (and the browser) confirm.
        logoutSource: async (ctx: { body: string }, form: string) => {
          ctx.body = `<!doctype html><html><body>${form}<button form="op.logoutForm" name="logout" value="yes">退出统一身份认证</button></body></html>`;
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'api',
          audience: API_AUDIENCE,
          accessTokenTTL: 3600,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
  };
}

/**
 * Builds the provider without its start-up warnings (development adapter and login page, Node version): they are
 * meant for someone deploying it, and these tests deploy nothing.
 */
function quietly<T>(build: () => T): T {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!(typeof args[0] === 'string' && args[0].startsWith('oidc-provider WARNING'))) warn(...args);
  };
  try {
    return build();
  } finally {
    console.warn = warn;
  }
}

/** A PKCE pair, for tests that play a client of the provider themselves. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

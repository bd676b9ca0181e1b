import { Router, type Request } from 'express';
import type { Logger } from 'pino';
import * as oidc from 'openid-client';
import { principalFromProviderClaims } from '../auth/provider-tokens.ts';
import type { CookieSealer } from '../auth/sealed-cookie.ts';
import type { OidcConfig } from '../config.ts';
import { readCookie, type Sessions } from '../http/sessions.ts';
import { noRolePage, signInFailedPage } from './pages.ts';
import type { IdentityProvider } from './provider.ts';

/** Everything the sign-in through the identity provider needs. */
export interface SignIn {
  config: OidcConfig;
  provider: IdentityProvider;
  sealer: CookieSealer;
  sessions: Sessions;
}

/** The sign-in under way, between `/auth/login` and `/auth/callback`: sealed in its own short cookie. */
const TRANSACTION_COOKIE = 'zt_signin';
const TRANSACTION_PURPOSE = 'sign-in';
/** Ten minutes to type a password at the provider. */
const TRANSACTION_SECONDS = 600;

/**
 * The console's sign-in through the identity provider, done by the service (a backend for the frontend):
 * - `GET /auth/login?next=/path` sends the browser to the provider (authorization code, PKCE S256, `state`,
 *   `nonce`), keeping the verifier, state and nonce in a sealed cookie of its own;
 * - `GET /auth/callback` checks the answer and exchanges the code (openid-client validates the ID token),
 *   maps the claims to a principal and starts the session (a sealed HttpOnly cookie): no token ever reaches
 *   the browser. A person with no ZeroTrip role gets a page that says so (403);
 * - `POST /auth/logout` ends the session, and the provider's (RP-initiated logout).
 * These are pages and redirects for the browser, not API operations: they are mounted only with an identity
 * provider and described in docs/sign-in.md (`GET /auth/session`, the console's question, is in the API).
 */
export function signInRouter(signIn: SignIn | undefined, logger: Logger): Router {
  const router = Router();
  if (!signIn) return router;
  const { config, provider, sealer, sessions } = signIn;
  const log = logger.child({ component: 'sign-in' });

  const transactionCookie = {
    httpOnly: true,
    secure: true,
    // Lax, not Strict: the provider's redirect back to /auth/callback is a cross-site navigation.
    sameSite: 'lax' as const,
    path: '/auth',
  };
  const redirectUri = (req: Request) =>
    config.redirectUri ?? `${req.protocol}://${req.get('host')}/auth/callback`;

  router.get('/auth/login', async (req, res, next) => {
    try {
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const redirect = redirectUri(req);
      // The cookies are Secure: over plain http (but on this machine) the browser would drop them, and the
      // sign-in would fail at the callback with a puzzling page. Say so now.
      if (!isSecureOrigin(new URL(redirect))) {
        log.warn(
          { redirect },
          'sign-in over plain http refused; serve ZeroTrip over https or set OIDC_REDIRECT_URI',
        );
        res
          .status(400)
          .type('html')
          .send(signInFailedPage('统一身份认证登录需要通过 HTTPS 访问本系统，请使用 https:// 开头的地址。'));
        return;
      }
      const transaction = {
        v: codeVerifier,
        s: state,
        n: nonce,
        r: redirect,
        next: localPath(req.query.next),
      };
      res.cookie(TRANSACTION_COOKIE, sealer.seal(TRANSACTION_PURPOSE, transaction, TRANSACTION_SECONDS), {
        ...transactionCookie,
        maxAge: TRANSACTION_SECONDS * 1000,
      });
      const url = oidc.buildAuthorizationUrl(provider.client, {
        redirect_uri: redirect,
        scope: config.scope,
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      res.set('Cache-Control', 'no-store').redirect(303, url.href);
    } catch (error) {
      next(error);
    }
  });

  router.get('/auth/callback', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const transaction = sealer.open(TRANSACTION_PURPOSE, readCookie(req, TRANSACTION_COOKIE));
    res.clearCookie(TRANSACTION_COOKIE, transactionCookie);
    const fail = (status: number, reason: string, detail: string) => {
      // The reason in English for the operator; never the code or a token.
      log.warn({ reason: detail }, 'sign-in refused');
      res.status(status).type('html').send(signInFailedPage(reason));
    };
    if (!transaction) {
      return fail(
        400,
        '登录请求已过期或不是从本系统发起的，请重新登录。',
        'no sign-in under way (cookie missing or expired)',
      );
    }
    const providerError = req.query.error;
    if (typeof providerError === 'string') {
      return fail(
        400,
        '统一身份认证平台未完成登录，请重新登录。',
        `the provider answered ${providerError.slice(0, 100)}`,
      );
    }
    // The answer's parameters exactly as sent (a repeated one stays repeated, and openid-client refuses it).
    const current = new URL(String(transaction.r));
    current.search = new URL(req.originalUrl, current).search;
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(provider.client, current, {
        pkceCodeVerifier: String(transaction.v),
        expectedState: String(transaction.s),
        expectedNonce: String(transaction.n),
        idTokenExpected: true,
      });
      claims = { ...tokens.claims() };
    } catch (error) {
      return fail(
        400,
        '登录回应未通过校验（可能已过期、重复使用或被篡改），请重新登录。',
        describeFailure(error),
      );
    }
    const mapped = principalFromProviderClaims(config.claimsMap, claims);
    if (!mapped.ok) {
      log.info(
        { sub: claims.sub, reason: mapped.reason },
        'signed in at the provider without a ZeroTrip role',
      );
      // The person is signed in at the provider: the page offers the sign-out there, to try another account.
      res
        .status(403)
        .type('html')
        .send(noRolePage(String(claims.name ?? claims.sub ?? '')));
      return;
    }
    sessions.start(res, mapped.principal);
    log.info(
      { sub: mapped.principal.sub, role: mapped.principal.role, org: mapped.principal.org },
      'signed in',
    );
    res.redirect(303, typeof transaction.next === 'string' ? transaction.next : '/');
  });

  router.post('/auth/logout', (req, res) => {
    res.set('Cache-Control', 'no-store');
    // A cross-site form must not sign people out (a nuisance, and a step of some phishing).
    if (!sessions.sameOrigin(req)) {
      res.status(403).type('html').send(signInFailedPage('退出请求不是从本系统发起的，已忽略。'));
      return;
    }
    sessions.end(res);
    const home = new URL('/sign-in', redirectUri(req)).href;
    if (!provider.endSessionEndpoint) return res.redirect(303, home);
    // client_id instead of id_token_hint: no token in the URL, and none kept after the sign-in.
    const url = oidc.buildEndSessionUrl(provider.client, {
      client_id: config.clientId,
      post_logout_redirect_uri: home,
    });
    res.redirect(303, url.href);
  });
  return router;
}

/**
 * The failure for the log: messages and the claim at fault, down the causes. Never the causes themselves, which
 * carry the response parameters (the code) and the tokens.
 */
function describeFailure(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const claim = (e as { claim?: unknown }).claim;
    parts.push(`${e.message}${typeof claim === 'string' ? ` (claim ${claim})` : ''}`);
  }
  return parts.length ? parts.join(': ') : String(error);
}

/** https, or http on this machine (which browsers treat as secure, Secure cookies included). */
function isSecureOrigin(url: URL): boolean {
  return url.protocol === 'https:' || /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname);
}

/** `next` when it is a path of this service (`/cases/…`), never another site (`//evil`, `https://…`). */
function localPath(value: unknown): string | undefined {
  if (
    typeof value !== 'string' ||
    !value.startsWith('/') ||
    value.startsWith('//') ||
    value.startsWith('/\\')
  ) {
    return undefined;
  }
  return value.length <= 2000 ? value : undefined;
}

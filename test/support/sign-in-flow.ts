/**
 * A browser's part in the code flow, played with fetch: cookies per host, redirects followed by hand, the
 * provider's login form submitted. So the HTTP tests go through the same pages and redirects a person does.
 */
import { CLIENT_ID, SCOPE, pkcePair, type TestProvider } from './oidc-provider.ts';

/** A JWT anywhere in a text: three base64url parts, the first a JSON header (`eyJ`). */
export const JWT_PATTERN = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/;

/** One Set-Cookie, with the attributes the tests look at. */
export interface SetCookie {
  name: string;
  value: string;
  attributes: string[];
}

/** Cookies by host (ports ignored, as browsers do), and every Set-Cookie seen. */
export class CookieJar {
  readonly jars = new Map<string, Map<string, string>>();
  readonly seen: SetCookie[] = [];

  header(url: URL): string | undefined {
    const jar = this.jars.get(url.hostname);
    if (!jar || jar.size === 0) return undefined;
    return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  take(url: URL, response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      this.seen.push({ name, value, attributes });
      let jar = this.jars.get(url.hostname);
      if (!jar) this.jars.set(url.hostname, (jar = new Map()));
      const expired =
        attributes.some((a) => /^max-age=0$/i.test(a)) ||
        attributes.some((a) => /^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.now());
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  }

  get(host: string, name: string): string | undefined {
    return this.jars.get(host)?.get(name);
  }

  set(host: string, name: string, value: string): void {
    let jar = this.jars.get(host);
    if (!jar) this.jars.set(host, (jar = new Map()));
    jar.set(name, value);
  }
}

/** One request with the jar's cookies, no redirect followed. */
export async function send(
  jar: CookieJar,
  url: string | URL,
  init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<Response> {
  const target = new URL(url);
  const headers: Record<string, string> = { ...init.headers };
  const cookie = jar.header(target);
  if (cookie) headers.cookie = cookie;
  let body: string | undefined;
  if (init.form) {
    body = new URLSearchParams(init.form).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  const response = await fetch(target, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
  jar.take(target, response);
  return response;
}

/** Every URL a flow went through, to check that none carries a token. */
export type Trail = string[];

/**
 * Follows redirects from `url`; at the provider's login page, signs in as `login`. Stops at the first answer
 * that is not a redirect, or before leaving for a URL `stopAt` accepts.
 */
export async function follow(
  jar: CookieJar,
  url: string,
  login: string,
  trail: Trail = [],
  stopAt: (url: URL) => boolean = () => false,
): Promise<{ response: Response; url: URL }> {
  let current = new URL(url);
  for (let hops = 0; hops < 20; hops++) {
    trail.push(current.href);
    let response = await send(jar, current);
    if (response.status === 200 && current.pathname.startsWith('/interaction/')) {
      // The provider's login page: its form posts back to the same path.
      const html = await response.text();
      if (!html.includes('name="login"'))
        throw new Error(`unexpected interaction page: ${html.slice(0, 300)}`);
      response = await send(jar, current, {
        method: 'POST',
        form: { prompt: 'login', login, password: 'any' },
      });
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return { response, url: current };
    const next = new URL(location, current);
    if (stopAt(next)) {
      trail.push(next.href);
      return { response, url: next };
    }
    current = next;
  }
  throw new Error('too many redirects');
}

/** Signs in to ZeroTrip through the provider as `login`: the last answer (303 to the console, or a page). */
export async function signInAs(
  appBase: string,
  login: string,
  options: { jar?: CookieJar; next?: string; trail?: Trail } = {},
): Promise<{ jar: CookieJar; response: Response; url: URL; trail: Trail }> {
  const jar = options.jar ?? new CookieJar();
  const trail = options.trail ?? [];
  const start = `${appBase}/auth/login${options.next ? `?next=${encodeURIComponent(options.next)}` : ''}`;
  const app = new URL(appBase);
  // Stop when the callback has answered: its redirect goes to the console (same origin, not /auth/…).
  const { response, url } = await follow(
    jar,
    start,
    login,
    trail,
    (next) => next.origin === app.origin && !next.pathname.startsWith('/auth/'),
  );
  return { jar, response, url, trail };
}

/**
 * Plays another client of the provider (a system that calls ZeroTrip's API) to get an access token for
 * `login`: the code flow with PKCE straight at the provider, the code taken before it reaches ZeroTrip.
 */
export async function providerTokens(
  provider: TestProvider,
  appBase: string,
  login: string,
): Promise<{ access_token: string; id_token: string }> {
  const jar = new CookieJar();
  const { verifier, challenge } = pkcePair();
  const redirect = `${appBase}/auth/callback`;
  const authorize = new URL(`${provider.issuer}/auth`);
  authorize.search = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: redirect,
    response_type: 'code',
    scope: SCOPE,
    state: 'test-state',
    nonce: 'test-nonce',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  const { url } = await follow(jar, authorize.href, login, [], (next) => next.href.startsWith(redirect));
  const code = url.searchParams.get('code');
  if (!code) throw new Error(`no code in ${url.href}`);
  const response = await fetch(`${provider.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirect,
      client_id: CLIENT_ID,
      code_verifier: verifier,
    }).toString(),
  });
  const body = (await response.json()) as { access_token: string; id_token: string };
  if (!response.ok) throw new Error(`token endpoint: ${JSON.stringify(body)}`);
  return body;
}

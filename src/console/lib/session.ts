import type { SignInSession } from '../api/types.gen.ts';
import { dropAllLocalDrafts } from './local-draft.ts';
import { createStore, useStore } from './store.ts';

/** The roles of docs/api.md's tokens. */
export type Role = 'applicant' | 'agent' | 'clerk' | 'auditor' | 'admin' | 'expert';
export const ROLES: readonly Role[] = ['applicant', 'agent', 'clerk', 'auditor', 'admin', 'expert'];

/** What the console reads from the token (the service verifies it; the console only shows who is signed in). */
export interface Claims {
  sub: string;
  role: Role;
  org: string | null;
  name?: string;
  /** A department lead (clerks): assigns the department's tasks. */
  lead?: boolean;
  exp?: number;
}

/**
 * A signed-in person: the claims, and the raw token sent as `Authorization: Bearer` — except after a sign-in
 * through the identity provider, where the service keeps the session in an HttpOnly cookie the console never
 * sees (no `token`).
 */
export interface Session {
  token?: string;
  claims: Claims;
}

/**
 * How this service signs people in: `provider` (OIDC_ISSUER: the service's own sign-in pages and a session
 * cookie; no token ever in the console), `token` (the development sign-in, or a pasted token, kept in
 * sessionStorage), or undefined until the service has said.
 */
export type SignInMode = 'provider' | 'token';
export const signInMode = createStore<SignInMode | undefined>(undefined);

/**
 * Token sign-in (development, or a pasted token): sessionStorage only, so the token is gone when the browser
 * session ends (never localStorage). With an identity provider nothing is kept here.
 */
const KEY = 'zerotrip.token';

/** The claims of a JWT, or null when the text is not one the console can use. */
export function decodeToken(token: string): Claims | null {
  const payload = token.trim().split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Claims>;
    if (typeof claims.sub !== 'string' || !ROLES.includes(claims.role as Role)) return null;
    if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now()) return null;
    return {
      sub: claims.sub,
      role: claims.role as Role,
      org: claims.org ?? null,
      name: claims.name,
      lead: claims.lead === true,
      exp: claims.exp,
    };
  } catch {
    return null;
  }
}

function restore(): Session | null {
  const token = window.sessionStorage.getItem(KEY);
  const claims = token ? decodeToken(token) : null;
  if (token && !claims) window.sessionStorage.removeItem(KEY);
  return token && claims ? { token, claims } : null;
}

export const session = createStore<Session | null>(restore());

/** Keeps `token` for this browser session; false when it is not a usable token. */
export function signIn(token: string): boolean {
  const claims = decodeToken(token);
  if (!claims) return false;
  window.sessionStorage.setItem(KEY, token.trim());
  window.sessionStorage.removeItem(REFUSED_KEY);
  session.set({ token: token.trim(), claims });
  return true;
}

/** Why the service last refused the session's token (`params.why` of its 401), for the sign-in page to say. */
export const REFUSED_KEY = 'zerotrip.refusedWhy';

/**
 * Signs out. The person's own sign-out drops the unsaved form input kept in this browser; a token the service
 * refused (expired, a bad signature) keeps it for when the same person signs in again, and leaves the reason.
 */
export function signOut(refused?: { why?: string }): void {
  window.sessionStorage.removeItem(KEY);
  if (refused) window.sessionStorage.setItem(REFUSED_KEY, refused.why ?? 'other');
  else dropAllLocalDrafts(window.localStorage);
  session.set(null);
}

/**
 * Asks the service how it signs people in (`GET /auth/session`) and, with an identity provider, who the
 * session cookie names. With a provider, tokens have no place in the browser: any in sessionStorage or the
 * URL fragment is dropped unread.
 */
export async function startSession(): Promise<void> {
  const answer = await fetch('/auth/session', { headers: { accept: 'application/json' } }).then(
    (response) => (response.ok ? (response.json() as Promise<SignInSession>) : null),
    // Unreachable: the token sign-in, as before.
    () => null,
  );
  if (answer?.provider) {
    signInMode.set('provider');
    window.sessionStorage.removeItem(KEY);
    if (window.location.hash) {
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
    }
    const p = answer.principal;
    session.set(p ? { claims: { sub: p.sub, role: p.role, org: p.org ?? null, name: p.name } } : null);
    return;
  }
  signInMode.set('token');
  const handedOver = takeTokenFromFragment();
  if (handedOver && !signIn(handedOver)) {
    // Not a usable token: the sign-in page says so.
    window.sessionStorage.setItem('zerotrip.refusedToken', '1');
  }
}

/**
 * A token handed over by the identity provider in the URL fragment (`#token=…`): taken, then removed from the
 * address bar and the history so it is not bookmarked or shared.
 */
export function takeTokenFromFragment(): string | null {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const token = fragment.get('token') ?? fragment.get('access_token');
  if (!token) return null;
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return token;
}

export function useSignInMode(): SignInMode | undefined {
  return useStore(signInMode);
}

export function useSession(): Session | null {
  return useStore(session);
}

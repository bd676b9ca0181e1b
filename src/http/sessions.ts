import type { Request, Response } from 'express';
import type { CookieSealer } from '../auth/sealed-cookie.ts';
import type { Principal } from '../auth/principal.ts';
import { isPrincipalRole } from '../auth/principal.ts';
import type { TokenVerdict } from '../auth/tokens.ts';

/** The session cookie: the principal, sealed (docs/sign-in.md, "Sessions"). */
export const SESSION_COOKIE = 'zt_session';
const PURPOSE = 'session';

/**
 * The console's sessions after a sign-in through the identity provider: the principal sealed in an HttpOnly,
 * Secure, SameSite=Strict cookie, so that no token ever reaches the browser's scripts, URLs or storage.
 */
export interface Sessions {
  /** The caller of the request's session cookie; undefined without one, a refusal when it is spoilt or over. */
  read(req: Request): TokenVerdict | undefined;
  /** Starts a session: sets the cookie. */
  start(res: Response, principal: Principal): void;
  /** Ends it: the cookie is cleared. */
  end(res: Response): void;
  /**
   * True when an unsafe request (POST, PATCH, …) comes from the console itself: the browser says it is
   * same-origin (`Sec-Fetch-Site`), and any `Origin` it names is the service's own. A cookie is sent by the
   * browser on its own, so this is what stops another site from acting with it (CSRF); SameSite=Strict is
   * the second wall.
   */
  sameOrigin(req: Request): boolean;
  /** The cookie's lifetime in seconds. */
  readonly ttlSeconds: number;
}

/** A session lasts a working day; then the person signs in again (at the provider, often without a prompt). */
export const SESSION_HOURS = 8;

/**
 * Sessions sealed with `sealer`. `publicOrigin` is the origin the browser uses (from `OIDC_REDIRECT_URI`);
 * without it, the origin of the request (`Host`, and the scheme as `TRUST_PROXY` lets Express read it).
 */
export function createSessions(sealer: CookieSealer, publicOrigin?: string): Sessions {
  const ttlSeconds = SESSION_HOURS * 3600;
  return {
    ttlSeconds,
    read(req) {
      const text = readCookie(req, SESSION_COOKIE);
      if (text === undefined) return undefined;
      const value = sealer.open(PURPOSE, text);
      const principal = value && principalOf(value);
      return principal
        ? { ok: true, principal }
        : {
            ok: false,
            code: 'token-refused',
            reason: 'the session has ended (signed out, expired or spoilt); sign in again',
          };
    },
    start(res, principal) {
      const { sub, role, org, name, iss } = principal;
      // A display name is shortened so that an odd provider's long one cannot push the cookie past 4 KB.
      const shortName = name === undefined ? undefined : [...name].slice(0, 100).join('');
      const sealed = sealer.seal(PURPOSE, { sub, role, org, name: shortName, iss }, ttlSeconds);
      res.cookie(SESSION_COOKIE, sealed, {
        httpOnly: true,
        secure: true,
        sameSite: 'strict',
        path: '/',
        maxAge: ttlSeconds * 1000,
      });
    },
    end(res) {
      res.clearCookie(SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: 'strict', path: '/' });
    },
    sameOrigin(req) {
      // Fetch metadata, set by the browser and beyond a page's reach; a page served with `Referrer-Policy:
      // no-referrer` (this service's) sends its form posts with `Origin: null`, so this is the check that counts.
      const site = req.get('sec-fetch-site');
      if (site !== undefined && site !== 'same-origin') return false;
      const origin = req.get('origin');
      const own = publicOrigin ?? `${req.protocol}://${req.get('host')}`;
      if (origin !== undefined && origin !== 'null' && origin !== own) return false;
      // A browser too old for fetch metadata must at least name the origin.
      return site === 'same-origin' || origin === own;
    },
  };
}

function principalOf(value: Record<string, unknown>): Principal | null {
  const { sub, role, org, name, iss } = value;
  if (typeof sub !== 'string' || !isPrincipalRole(role)) return null;
  if (org !== null && typeof org !== 'string') return null;
  const principal: Principal = { sub, role, org };
  if (typeof name === 'string' && name) principal.name = name;
  if (typeof iss === 'string' && iss) principal.iss = iss;
  return principal;
}

/** One cookie of the request (no cookie-parser: two cookies of our own is all the service reads). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

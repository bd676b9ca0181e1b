import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Seals small JSON values for cookies: AES-256-GCM, so the browser can neither read nor change them (a changed
 * byte fails the tag). Each purpose (the session, the sign-in under way) has its own key derived from the one
 * secret, so a value sealed for one cannot be passed off as the other.
 */
export interface CookieSealer {
  /** The value with an expiry (`exp`, seconds since 1970) sealed into base64url text. */
  seal(purpose: string, value: object, ttlSeconds: number): string;
  /** The value, or null when the text was not sealed by this key for `purpose`, or has expired. */
  open(purpose: string, text: string | undefined): Record<string, unknown> | null;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A sealer keyed by `secret` (`OIDC_COOKIE_SECRET`, or random bytes of this process). */
export function createCookieSealer(secret: string | Buffer, now: () => number = Date.now): CookieSealer {
  const keys = new Map<string, Buffer>();
  const keyFor = (purpose: string) => {
    let key = keys.get(purpose);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', secret, 'zerotrip cookies', purpose, 32));
      keys.set(purpose, key);
    }
    return key;
  };
  return {
    seal(purpose, value, ttlSeconds) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', keyFor(purpose), iv);
      const plain = Buffer.from(JSON.stringify({ ...value, exp: Math.floor(now() / 1000) + ttlSeconds }));
      const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
    },
    open(purpose, text) {
      if (!text || text.length > 8192 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
      const bytes = Buffer.from(text, 'base64url');
      if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', keyFor(purpose), bytes.subarray(0, IV_BYTES));
        decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
        const plain = Buffer.concat([
          decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
          decipher.final(),
        ]);
        const value: unknown = JSON.parse(plain.toString('utf8'));
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
        const { exp } = value as { exp?: unknown };
        if (typeof exp !== 'number' || exp * 1000 <= now()) return null;
        return value as Record<string, unknown>;
      } catch {
        return null;
      }
    },
  };
}

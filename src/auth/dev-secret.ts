import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Name of the development secret's file inside the data folder; `npm run token` reads the same file. */
export const DEV_SECRET_FILE = 'dev-jwt-secret';

/** The development JWT secret and where it is kept. */
export interface DevSecret {
  secret: string;
  path: string;
  /** True when this call generated the secret, so the caller can say so on start. */
  created: boolean;
}

/**
 * Reads `<dataDir>/dev-jwt-secret`, or generates it (32 random bytes as hex, mode 0600) when absent. Used only
 * in development, when neither `JWT_SECRET` nor `JWT_PUBLIC_KEY` is configured.
 * @throws Error when the file exists but is empty, or the folder cannot be written.
 */
export function loadOrCreateDevSecret(dataDir: string): DevSecret {
  const file = path.join(dataDir, DEV_SECRET_FILE);
  const existing = readSecret(file);
  if (existing !== undefined) return { secret: existing, path: file, created: false };

  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  const content = `${secret}\n`;
  // Written under a private name first and then hard-linked into place: link() fails when the target exists,
  // so a server and `npm run token` starting together settle on one secret, and neither can read a
  // half-written file.
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temp, content, { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(temp, file);
    return { secret, path: file, created: true };
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') {
      // Some file systems (FAT, some network shares) have no hard links; an exclusive create is nearly as good.
      try {
        fs.writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
        return { secret, path: file, created: true };
      } catch (fallbackError) {
        if (errorCode(fallbackError) !== 'EEXIST') throw fallbackError;
      }
    }
    // Another process created it first: use theirs.
    const winner = readSecret(file);
    if (winner === undefined) throw error;
    return { secret: winner, path: file, created: false };
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** The trimmed file content, or undefined when there is no file. */
function readSecret(file: string): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  const secret = text.trim();
  // Refuse rather than regenerate: silently replacing it would invalidate every token already handed out.
  if (!secret) throw new Error(`${file} is empty; delete it to have a new development secret generated`);
  return secret;
}

function errorCode(error: unknown): unknown {
  return (error as NodeJS.ErrnoException | null)?.code;
}

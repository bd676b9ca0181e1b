/**
 * The SM2 key that signs licences: read from `LICENCE_SIGNING_KEY` (PEM), or, in development, generated once
 * into the data folder like the JWT development secret. Node's crypto reads and writes SM2 PEM keys but cannot
 * sign with SM2 (its `sign('sm3', …)` computes ECDSA) nor export an SM2 key as JWK, so the key's numbers are
 * read off its DER here and handed to sm-crypto in the hex form it takes.
 */
import { createHash, createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config.ts';

/** Name of the development key's file inside the data folder. */
export const DEV_LICENCE_KEY_FILE = 'dev-licence-key.pem';

/** A signing key in the forms its users need. */
export interface SigningKey {
  /** `d`, 64 hex digits (sm-crypto's private key). */
  privateHex: string;
  /** `04 || x || y`, 130 hex digits (sm-crypto's public key). */
  publicHex: string;
  /** The public key as PEM SubjectPublicKeyInfo (id-ecPublicKey on the SM2 curve), for `GET /licences/keys`. */
  publicPem: string;
  /** `sm2-` and the first 16 hex digits of the SHA-256 of the public key's DER. */
  keyId: string;
  source: 'LICENCE_SIGNING_KEY' | 'development key';
}

// SubjectPublicKeyInfo up to the point: SEQ { SEQ { id-ecPublicKey, 1.2.156.10197.1.301 (SM2) }, BIT STRING 00 04… }.
const SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');
const SM2_CURVE_OID = Buffer.from('06082a811ccf5501822d', 'hex');

/** The configured key, or the development key (never in production: the configuration refuses that start). */
export function resolveSigningKey(pem: string | undefined, dataDir: string): SigningKey {
  if (pem) return { ...parseSigningKey(pem, 'LICENCE_SIGNING_KEY'), source: 'LICENCE_SIGNING_KEY' };
  return {
    ...parseSigningKey(loadOrCreateDevKey(dataDir), 'the development key'),
    source: 'development key',
  };
}

/** Reads an SM2 private key (PKCS#8 or SEC1 PEM). @throws ConfigError naming `where` when it is not one. */
export function parseSigningKey(pem: string, where: string): Omit<SigningKey, 'source'> {
  let der: Buffer;
  try {
    der = createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' });
  } catch (error) {
    throw new ConfigError(`${where} is not a private key in PEM: ${(error as Error).message}`);
  }
  if (!der.includes(SM2_CURVE_OID)) throw new ConfigError(`${where} is not a key on the SM2 curve`);
  const sec1 = sec1Of(der, where);
  const privateHex = sec1.d.toString('hex').padStart(64, '0');
  const publicHex = sec1.publicPoint?.toString('hex') ?? '';
  if (!/^04[0-9a-f]{128}$/.test(publicHex)) {
    throw new ConfigError(
      `${where} does not carry its public key; export it again with the public key included`,
    );
  }
  const spki = Buffer.concat([SPKI_PREFIX, Buffer.from(publicHex, 'hex')]);
  const body = spki.toString('base64').replace(/(.{64})/g, '$1\n');
  return {
    privateHex,
    publicHex,
    publicPem: `-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----\n`.replace('\n\n', '\n'),
    keyId: `sm2-${createHash('sha256').update(spki).digest('hex').slice(0, 16)}`,
  };
}

/** One DER element: its tag, the value's bytes, and where the next element starts. */
interface Tlv {
  tag: number;
  value: Buffer;
  end: number;
}

function tlv(der: Buffer, at: number): Tlv {
  const tag = der[at]!;
  let length = der[at + 1]!;
  let start = at + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + der[start + i]!;
    start += bytes;
  }
  if (start + length > der.length) throw new RangeError('truncated DER');
  return { tag, value: der.subarray(start, start + length), end: start + length };
}

function children(value: Buffer): Tlv[] {
  const out: Tlv[] = [];
  for (let at = 0; at < value.length;) {
    const child = tlv(value, at);
    out.push(child);
    at = child.end;
  }
  return out;
}

/** PKCS#8 → its ECPrivateKey (RFC 5915): the private scalar and, when present, the public point. */
function sec1Of(pkcs8: Buffer, where: string): { d: Buffer; publicPoint?: Buffer } {
  try {
    const [, , octets] = children(tlv(pkcs8, 0).value);
    const parts = children(tlv(octets!.value, 0).value);
    const d = parts[1]!.value;
    // [1] holds a BIT STRING whose first byte counts the unused bits (0).
    const tagged = parts.find((p) => p.tag === 0xa1);
    const publicPoint = tagged ? tlv(tagged.value, 0).value.subarray(1) : undefined;
    return { d, ...(publicPoint ? { publicPoint } : {}) };
  } catch {
    throw new ConfigError(`${where} is not an EC private key in PKCS#8`);
  }
}

/**
 * Reads `<dataDir>/dev-licence-key.pem`, or generates it (mode 0600) when absent. Created under a private name
 * and linked into place, so that two processes starting together settle on one key.
 */
function loadOrCreateDevKey(dataDir: string): string {
  const file = path.join(dataDir, DEV_LICENCE_KEY_FILE);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  fs.mkdirSync(dataDir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temp, pem, { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
  return fs.readFileSync(file, 'utf8');
}

/**
 * The licence signature: SM2 (GB/T 32918) with SM3, the default user ID 1234567812345678, DER-encoded
 * (r, s), over the exact UTF-8 bytes of the payload's RFC 8785 canonical JSON. node:crypto's `sign` cannot
 * make it (with an SM2-curve key its `sign('sm3', …)` is ECDSA, without SM2's Z value): sm2-sign.ts computes it
 * on OpenSSL's primitives, and sm-crypto verifies.
 */
import { createHash } from 'node:crypto';
import { sm2 } from 'sm-crypto';
import type { SigningKey } from './signing-key.ts';
import { sm2Sign } from './sm2-sign.ts';

/** The algorithm as the public view names it. */
export const SIGNATURE_ALGORITHM = 'SM2-SM3';
/** GB/T 35276's default signer identity, which every verifier assumes unless told otherwise. */
export const SM2_USER_ID = '1234567812345678';

const bytes = (text: string): number[] => Array.from(Buffer.from(text, 'utf8'));

/** Signs the canonical text; the DER signature in base64. */
export function signCanonical(key: Pick<SigningKey, 'privateHex' | 'publicHex'>, canonical: string): string {
  return sm2Sign(key.privateHex, key.publicHex, SM2_USER_ID, Buffer.from(canonical, 'utf8')).toString(
    'base64',
  );
}

/** Whether `signature` (base64 DER) is the key's signature of the canonical text. */
export function verifyCanonical(publicHex: string, canonical: string, signature: string): boolean {
  return sm2.doVerifySignature(
    bytes(canonical),
    Buffer.from(signature, 'base64').toString('hex'),
    publicHex,
    {
      hash: true,
      der: true,
      userId: SM2_USER_ID,
    },
  );
}

/** What the PDF prints so a reader can match the document with the public record: SHA-256 of the DER, grouped. */
export function signatureFingerprint(signature: string): string {
  const hex = createHash('sha256').update(Buffer.from(signature, 'base64')).digest('hex').toUpperCase();
  return hex.slice(0, 32).match(/.{4}/g)!.join(' ');
}

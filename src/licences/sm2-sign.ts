/**
 * SM2 signing (GB/T 32918.2, with the curve of GB/T 32918.5) on Node's own OpenSSL: SM3 from `createHash('sm3')`
 * and the one expensive step, the scalar multiple k·G, from an ECDH key on the SM2 curve, whose public key is
 * exactly k·G. sm-crypto computes k·G in JavaScript at about 30 ms a signature, inside the transaction that
 * issues the licence; OpenSSL takes a third of a millisecond. The rest is a few BigInt operations modulo n.
 * Verification stays with sm-crypto (signature.ts) and, in the tests, with the OpenSSL command line.
 */
import { createECDH, createHash, randomBytes } from 'node:crypto';

/** The curve's coefficients, base point and order (GB/T 32918.5). */
const A = 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn;
const B = 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n;
const GX = 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n;
const GY = 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n;
const N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

/** What a key's signatures share: Z of its signer identity, d, and (1 + d)⁻¹ mod n. */
interface Signer {
  z: Buffer;
  d: bigint;
  inverse: bigint;
}

const signers = new Map<string, Signer>();

const bytes32 = (n: bigint) => Buffer.from(n.toString(16).padStart(64, '0'), 'hex');
const toBigInt = (b: Buffer) => BigInt(`0x${b.toString('hex') || '0'}`);

/** b^e mod m by squaring: Fermat's inverse of a modulo the prime n is a^(n−2). */
function powMod(b: bigint, e: bigint, m: bigint): bigint {
  let result = 1n;
  b %= m;
  for (; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
  }
  return result;
}

/** Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA): the signer's identity bound into every digest. */
function signerFor(privateHex: string, publicHex: string, userId: string): Signer {
  const cacheKey = `${privateHex}:${userId}`;
  let signer = signers.get(cacheKey);
  if (!signer) {
    const id = Buffer.from(userId, 'utf8');
    const entl = Buffer.alloc(2);
    entl.writeUInt16BE(id.length * 8);
    const point = Buffer.from(publicHex, 'hex').subarray(1);
    const z = createHash('sm3')
      .update(Buffer.concat([entl, id, bytes32(A), bytes32(B), bytes32(GX), bytes32(GY), point]))
      .digest();
    const d = BigInt(`0x${privateHex}`);
    signer = { z, d, inverse: powMod(1n + d, N - 2n, N) };
    signers.set(cacheKey, signer);
  }
  return signer;
}

/** A DER INTEGER: big-endian, minimal, with a leading zero when the top bit is set. */
function derInteger(n: bigint): Buffer {
  let body = Buffer.from(n.toString(16).padStart(64, '0'), 'hex');
  let start = 0;
  while (start < body.length - 1 && body[start] === 0) start++;
  body = body.subarray(start);
  if (body[0]! & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
  return Buffer.concat([Buffer.from([0x02, body.length]), body]);
}

/**
 * The SM2 signature of `message` under the key (`d` and `04 ‖ x ‖ y` in hex) for the signer identity `userId`,
 * DER-encoded (r, s). A fresh random k for every signature, drawn uniformly from [1, n−1].
 */
export function sm2Sign(privateHex: string, publicHex: string, userId: string, message: Buffer): Buffer {
  const { z, d, inverse } = signerFor(privateHex, publicHex, userId);
  const e = toBigInt(createHash('sm3').update(z).update(message).digest());
  for (;;) {
    const kBytes = randomBytes(32);
    const k = toBigInt(kBytes);
    if (k === 0n || k >= N) continue;
    const ecdh = createECDH('SM2');
    ecdh.setPrivateKey(kBytes);
    // The uncompressed point 04 ‖ x1 ‖ y1 = k·G.
    const x1 = toBigInt(ecdh.getPublicKey().subarray(1, 33));
    const r = (e + x1) % N;
    if (r === 0n || r + k === N) continue;
    const s = (inverse * (((k - r * d) % N) + N)) % N;
    if (s === 0n) continue;
    const body = Buffer.concat([derInteger(r), derInteger(s)]);
    return Buffer.concat([Buffer.from([0x30, body.length]), body]);
  }
}

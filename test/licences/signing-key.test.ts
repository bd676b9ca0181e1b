import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/config.ts';
import { DEV_LICENCE_KEY_FILE, parseSigningKey, resolveSigningKey } from '../../src/licences/signing-key.ts';
import { signCanonical, verifyCanonical } from '../../src/licences/signature.ts';

describe('licences/signing-key', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zt-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should generate the development key once into the data folder, private, and keep it', () => {
    const first = resolveSigningKey(undefined, dir);
    expect(first.source).to.equal('development key');
    expect(statSync(join(dir, DEV_LICENCE_KEY_FILE)).mode & 0o777).to.equal(0o600);
    const again = resolveSigningKey(undefined, dir);
    expect(again.keyId).to.equal(first.keyId);
    expect(again.privateHex).to.equal(first.privateHex);
  });

  it('should read a key made by the openssl command line, and publish the public key openssl derives', () => {
    const pem = join(dir, 'sm2.pem');
    execFileSync('openssl', ['genpkey', '-algorithm', 'SM2', '-out', pem]);
    const key = resolveSigningKey(readFileSync(pem, 'utf8'), dir);
    expect(key.source).to.equal('LICENCE_SIGNING_KEY');
    const derived = execFileSync('openssl', ['pkey', '-in', pem, '-pubout'], { encoding: 'utf8' });
    expect(key.publicPem).to.equal(derived);
    expect(key.keyId).to.match(/^sm2-[0-9a-f]{16}$/);
    // The signature verifies with sm-crypto and with openssl, over the exact UTF-8 bytes.
    const text = '{"holder":"景德镇","n":1}';
    const signature = signCanonical(key, text);
    expect(verifyCanonical(key.publicHex, text, signature)).to.equal(true);
    writeFileSync(join(dir, 'pub.pem'), key.publicPem);
    writeFileSync(join(dir, 'payload'), text);
    writeFileSync(join(dir, 'sig'), Buffer.from(signature, 'base64'));
    const out = execFileSync(
      'openssl',
      ['dgst', '-sm3', '-verify', join(dir, 'pub.pem'), '-sigopt', 'distid:1234567812345678'].concat([
        '-signature',
        join(dir, 'sig'),
        join(dir, 'payload'),
      ]),
      { encoding: 'utf8' },
    );
    expect(out).to.contain('Verified OK');
  });

  it('should refuse a key that is not PEM, or not on the SM2 curve', () => {
    expect(() => parseSigningKey('not a key', 'LICENCE_SIGNING_KEY')).to.throw(
      ConfigError,
      /not a private key/,
    );
    const p256 = join(dir, 'p256.pem');
    execFileSync('openssl', [
      'genpkey',
      '-algorithm',
      'EC',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-out',
      p256,
    ]);
    expect(() => parseSigningKey(readFileSync(p256, 'utf8'), 'LICENCE_SIGNING_KEY')).to.throw(
      ConfigError,
      /not a key on the SM2 curve/,
    );
  });
});

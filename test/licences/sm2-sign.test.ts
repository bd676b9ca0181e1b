import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { resolveSigningKey, type SigningKey } from '../../src/licences/signing-key.ts';
import { SM2_USER_ID, verifyCanonical } from '../../src/licences/signature.ts';
import { sm2Sign } from '../../src/licences/sm2-sign.ts';

describe('licences/sm2-sign', () => {
  let dir: string;
  let key: SigningKey;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'zerotrip-sm2-'));
    const pem = join(dir, 'sm2.pem');
    execFileSync('openssl', ['genpkey', '-algorithm', 'SM2', '-out', pem]);
    key = resolveSigningKey(execFileSync('openssl', ['pkey', '-in', pem], { encoding: 'utf8' }), dir);
    writeFileSync(join(dir, 'pub.pem'), key.publicPem);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const sign = (text: string) =>
    sm2Sign(key.privateHex, key.publicHex, SM2_USER_ID, Buffer.from(text, 'utf8'));
  const openssl = (text: string, signature: Buffer) => {
    writeFileSync(join(dir, 'payload'), text);
    writeFileSync(join(dir, 'sig'), signature);
    const args = ['dgst', '-sm3', '-verify', join(dir, 'pub.pem'), '-sigopt', `distid:${SM2_USER_ID}`];
    return execFileSync('openssl', [...args, '-signature', join(dir, 'sig'), join(dir, 'payload')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  };

  it('should make signatures that sm-crypto verifies, for texts of every length and r, s of every DER shape', () => {
    const shapes = new Set<string>();
    // sm-crypto verifies in JavaScript (tens of ms each): 60 signatures show each DER shape with near certainty.
    for (let i = 0; i < 60; i++) {
      const text = `{"n":${i},"holder":"景德镇${'x'.repeat(i % 97)}"}`;
      const signature = sign(text);
      // SEQUENCE of two INTEGERs; 33 bytes when the top bit needs a zero, fewer when leading bytes are zero.
      expect(signature[0]).to.equal(0x30);
      expect(signature[1]).to.equal(signature.length - 2);
      const rLength = signature[3]!;
      const sLength = signature[5 + rLength]!;
      shapes.add(`${rLength}/${sLength}`);
      expect(verifyCanonical(key.publicHex, text, signature.toString('base64')), text).to.equal(true);
      if (i % 10 === 0) {
        expect(verifyCanonical(key.publicHex, `${text} `, signature.toString('base64'))).to.equal(false);
      }
    }
    expect(shapes).to.include('33/33').and.to.include('32/32');
  });

  it('should make signatures the OpenSSL command line verifies, and a fresh one each time', () => {
    const text = '{"licence":"ZT-2026-000001","holder":"景德镇陶瓷有限公司"}';
    const first = sign(text);
    const second = sign(text);
    expect(first.equals(second)).to.equal(false);
    expect(openssl(text, first)).to.contain('Verified OK');
    expect(openssl(text, second)).to.contain('Verified OK');
    expect(() => openssl(`${text}.`, first)).to.throw();
  });
});

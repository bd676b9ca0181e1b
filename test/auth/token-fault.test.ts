import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { createTokenVerifier } from '../../src/auth/tokens.ts';
import { startTestService, type TestService } from '../support/http.ts';
import { hsKeys, now, SECRET } from '../support/tokens.ts';

/**
 * A refused token says what is wrong with it in a word a client can tell a person (`params.why` of the 401):
 * the console's sign-in page explains a bad signature or an expiry in Chinese.
 */
describe('auth/token fault (params.why)', () => {
  const verify = createTokenVerifier(hsKeys());
  const bearer = (secret: string, payload: object) =>
    `Bearer ${jwt.sign(payload, secret, { algorithm: 'HS256' })}`;

  it('should name a signature that does not verify', () => {
    const verdict = verify(
      bearer('another-secret-of-at-least-thirty-two-bytes', { sub: 'a', role: 'admin', exp: now() + 60 }),
    );
    expect(verdict).to.include({ ok: false, code: 'token-refused', why: 'signature' });
  });

  it('should name an expired token', () => {
    const verdict = verify(bearer(SECRET, { sub: 'a', role: 'admin', iat: now() - 7200, exp: now() - 3600 }));
    expect(verdict).to.include({ ok: false, code: 'token-refused', why: 'expired' });
  });

  it('should name nothing for other refusals', () => {
    const verdict = verify('Bearer not-a-token');
    expect(verdict.ok).to.equal(false);
    expect(verdict).not.to.have.property('why');
  });

  describe('over HTTP', () => {
    let svc: TestService;
    before(async () => {
      svc = await startTestService('sqlite');
    });
    after(async () => svc?.close());

    it('should answer 401 with params.why and a Chinese detail for a zh-CN caller', async () => {
      const token = svc.token({ sub: 'clerk-fire', role: 'clerk', org: 'fire' });
      const [head, payload, signature] = token.split('.');
      const forged = `${head}.${payload}.${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`;
      const response = await svc.request('GET', '/api/v1/tasks', {
        token: forged,
        headers: { 'accept-language': 'zh-CN' },
      });
      expect(response.status).to.equal(401);
      expect(response.body).to.deep.include({ code: 'token-refused', params: { why: 'signature' } });
      expect(response.body.detail).to.contain('签名无法验证');
    });
  });
});

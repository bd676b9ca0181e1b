import { expect } from 'chai';
import { createHmac, createPublicKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { startTestService, type TestService } from '../support/http.ts';
import {
  API_AUDIENCE,
  CLIENT_ID,
  newKey,
  oidcEnv,
  startTestProvider,
  type ProviderKey,
  type TestProvider,
} from '../support/oidc-provider.ts';
import { providerTokens } from '../support/sign-in-flow.ts';
import { b64url, now } from '../support/tokens.ts';

const ENTERPRISE = '91310115591693856A';

describe('auth/provider-tokens (bearer tokens of a real OpenID provider, keys from its JWKS)', function () {
  this.timeout(30_000);
  let provider: TestProvider;
  let other: TestProvider;
  let svc: TestService;

  before(async () => {
    provider = await startTestProvider();
    other = await startTestProvider();
    svc = await startTestService('sqlite', undefined, { env: oidcEnv(provider) });
    provider.register(svc.baseUrl);
    other.register(svc.baseUrl);
  });

  after(async () => {
    await svc?.close();
    await provider?.close();
    await other?.close();
  });

  /** GET /api/v1/applications with `token`: the status and the problem's detail. */
  async function call(token: string, path = '/api/v1/applications') {
    const response = await svc.request('GET', path, { token });
    return { status: response.status, detail: (response.body as { detail?: string }).detail ?? '' };
  }

  /** A token signed with `key` as the provider would sign it, with `claims` changed. */
  function forge(key: ProviderKey, claims: Record<string, unknown> = {}, header: object = {}): string {
    return jwt.sign(
      {
        iss: provider.issuer,
        aud: API_AUDIENCE,
        sub: 'changjiang-legal',
        user_type: 'legal_person',
        uscc: ENTERPRISE,
        ...claims,
      },
      key.privateKey,
      { algorithm: 'RS256', keyid: key.kid, expiresIn: 600, header: { alg: 'RS256', ...header } },
    );
  }

  it("should accept the provider's access tokens, the principal mapped from its claims", async () => {
    const enterprise = await providerTokens(provider, svc.baseUrl, 'changjiang-legal');
    expect(await call(enterprise.access_token)).to.include({ status: 200 });
    const clerk = await providerTokens(provider, svc.baseUrl, 'clerk-fire');
    expect(await call(clerk.access_token, '/api/v1/tasks')).to.include({ status: 200 });
    const auditor = await providerTokens(provider, svc.baseUrl, 'auditor-1');
    expect(await call(auditor.access_token, '/api/v1/metrics/approval-times')).to.include({ status: 200 });
  });

  it('should refuse a token of another issuer (another provider, or the right key with another iss)', async () => {
    const foreign = await providerTokens(other, svc.baseUrl, 'changjiang-legal');
    const refused = await call(foreign.access_token);
    expect(refused.status).to.equal(401);
    expect(refused.detail).to.match(/names no key of the identity provider's JWKS/);

    const wrongIss = await call(forge(provider.keys[0]!, { iss: other.issuer }));
    expect(wrongIss.status).to.equal(401);
    expect(wrongIss.detail).to.match(/issuer \(iss\) is not/);
  });

  it('should refuse a token for another audience, the ID token among them', async () => {
    const wrongAud = await call(forge(provider.keys[0]!, { aud: 'urn:another:api' }));
    expect(wrongAud.status).to.equal(401);
    expect(wrongAud.detail).to.match(/audience \(aud\) is not "urn:zerotrip:api"/);
    const { id_token } = await providerTokens(provider, svc.baseUrl, 'changjiang-legal');
    expect(JSON.parse(Buffer.from(id_token.split('.')[1]!, 'base64url').toString()).aud).to.equal(CLIENT_ID);
    expect(await call(id_token)).to.include({ status: 401 });
  });

  it("should refuse `none`, HS256 made with the provider's public key, and a token signed with another key under the provider's kid", async () => {
    const key = provider.keys[0]!;
    const claims = { iss: provider.issuer, aud: API_AUDIENCE, sub: 'x', exp: now() + 600 };
    const none = `${b64url({ alg: 'none', typ: 'JWT', kid: key.kid })}.${b64url(claims)}.`;
    expect(await call(none)).to.include({ status: 401 });
    expect((await call(none)).detail).to.match(/algorithm "none"; this service accepts RS256/);

    const confused = await call(hs256WithPublicKey(key, claims));
    expect(confused.status).to.equal(401);
    expect(confused.detail).to.match(/algorithm "HS256"/);

    const impostor = forge({ ...newKey(), kid: key.kid });
    const refused = await call(impostor);
    expect(refused.status).to.equal(401);
    expect(refused.detail).to.match(/signature does not verify/);
  });

  it('should refuse a token whose claims map to no ZeroTrip role, or to a malformed USCC', async () => {
    const citizen = await providerTokens(provider, svc.baseUrl, 'citizen-li');
    const refused = await call(citizen.access_token);
    expect(refused.status).to.equal(401);
    expect(refused.detail).to.match(/map to no ZeroTrip role/);
    const badUscc = await call(forge(provider.keys[0]!, { uscc: 'NOT-A-USCC' }));
    expect(badUscc.detail).to.match(/not a well-formed USCC/);
  });

  it('should keep working through a key rotation at the provider, without a restart', async () => {
    const before = await providerTokens(provider, svc.baseUrl, 'changjiang-legal');
    expect(await call(before.access_token)).to.include({ status: 200 });
    const fetches = provider.jwksFetches();

    const rotated = provider.rotate();
    const after = await providerTokens(provider, svc.baseUrl, 'changjiang-legal');
    const kid = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid;
    expect(kid(after.access_token)).to.equal(rotated.kid);
    expect(kid(after.access_token)).to.not.equal(kid(before.access_token));
    // The new kid sends the service to the JWKS once; the old token still verifies with the cached key.
    expect(await call(after.access_token)).to.include({ status: 200 });
    expect(await call(after.access_token)).to.include({ status: 200 });
    expect(await call(before.access_token)).to.include({ status: 200 });
    expect(provider.jwksFetches()).to.equal(fetches + 1);

    // The old key retired at the provider: tokens of the new one go on working.
    provider.retire();
    const later = await providerTokens(provider, svc.baseUrl, 'clerk-fire');
    expect(await call(later.access_token, '/api/v1/tasks')).to.include({ status: 200 });
  });

  it('should fetch the JWKS at most ten times a minute, however many unknown kids a flood of tokens names', async () => {
    const attacker = newKey();
    const fetches = provider.jwksFetches();
    for (let i = 0; i < 30; i++) {
      const refused = await call(forge({ ...attacker, kid: `flood-${i}` }));
      expect(refused.status).to.equal(401);
    }
    expect(provider.jwksFetches() - fetches).to.be.at.most(10);
    // A known key is served from the cache meanwhile.
    const known = await providerTokens(provider, svc.baseUrl, 'changjiang-legal');
    expect(await call(known.access_token)).to.include({ status: 200 });
  });
});

/** An HS256 token keyed with the provider's public key (PEM, as anyone can read it from the JWKS). */
function hs256WithPublicKey(key: ProviderKey, claims: object): string {
  const secret = createPublicKey(key.privateKey).export({ type: 'spki', format: 'pem' }).toString();
  const signingInput = `${b64url({ alg: 'HS256', typ: 'JWT', kid: key.kid })}.${b64url(claims)}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveJwtKeys } from '../src/auth/jwt-keys.ts';
import { ConfigError, loadConfig } from '../src/config.ts';

/** What production needs besides the sign-in: the licence key and the address a licence's QR code names. */
const licenceSettings = { LICENCE_SIGNING_KEY: 'a PEM', PUBLIC_BASE_URL: 'https://zerotrip.example.gov.cn' };

describe('config OIDC_*', () => {
  const base = { DATABASE_URL: 'sqlite::memory:' };
  const oidc = { ...base, OIDC_ISSUER: 'https://id.example.gov.cn', OIDC_CLIENT_ID: 'zerotrip' };

  it('should read the provider with its defaults: audience the client id, scope openid profile, role/org claims', () => {
    const config = loadConfig(oidc);
    expect(config.oidc).to.deep.include({
      issuer: 'https://id.example.gov.cn',
      clientId: 'zerotrip',
      audience: 'zerotrip',
      scope: 'openid profile',
    });
    expect(config.oidc!.claimsMap.rules.map((r) => r.role)).to.deep.equal([
      'applicant',
      'agent',
      'clerk',
      'auditor',
      'admin',
      'expert',
    ]);
    // A provider is not the open development sign-in: every interface, as with a configured key.
    expect(config.host).to.equal(undefined);
    expect(loadConfig(base).oidc).to.equal(undefined);
  });

  it('should read the claim mapping inline or from a file', () => {
    const map = { rules: [{ role: 'applicant', org: 'uscc', when: { user_type: 'legal_person' } }] };
    expect(
      loadConfig({ ...oidc, OIDC_CLAIMS_MAP: JSON.stringify(map) }).oidc!.claimsMap.rules,
    ).to.have.length(1);
    const file = join(mkdtempSync(join(tmpdir(), 'zt-map-')), 'map.json');
    writeFileSync(file, JSON.stringify(map));
    expect(loadConfig({ ...oidc, OIDC_CLAIMS_MAP: file }).oidc!.claimsMap.rules[0]).to.deep.include({
      role: 'applicant',
    });
  });

  it('should refuse what cannot work, with a message an operator can act on', () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ ...base, OIDC_CLIENT_ID: 'z' }, /OIDC_CLIENT_ID is set but OIDC_ISSUER is not/],
      [{ ...base, OIDC_ISSUER: 'https://id.example.gov.cn' }, /OIDC_ISSUER needs OIDC_CLIENT_ID/],
      [{ ...oidc, OIDC_ISSUER: 'id.example.gov.cn' }, /OIDC_ISSUER must be an absolute URL/],
      [{ ...oidc, OIDC_ISSUER: 'http://id.example.gov.cn' }, /OIDC_ISSUER must use https/],
      [{ ...oidc, OIDC_REDIRECT_URI: 'https://zt.example/callback' }, /must end with \/auth\/callback/],
      [{ ...oidc, OIDC_REDIRECT_URI: 'http://zt.example/auth/callback' }, /OIDC_REDIRECT_URI must use https/],
      [{ ...oidc, OIDC_COOKIE_SECRET: 'short' }, /at least 32 characters, got 5/],
      [{ ...oidc, NODE_ENV: 'production', ...licenceSettings }, /needs OIDC_COOKIE_SECRET/],
      [{ ...oidc, OIDC_SCOPE: 'profile' }, /must include openid/],
      [{ ...oidc, JWT_SECRET: 'a-secret' }, /cannot be combined with JWT_SECRET/],
      [{ ...oidc, OIDC_CLAIMS_MAP: '{"rules": [' }, /OIDC_CLAIMS_MAP is not valid JSON/],
      [
        { ...oidc, OIDC_CLAIMS_MAP: '/nowhere/map.json' },
        /cannot read the file \/nowhere\/map.json \(ENOENT\)/,
      ],
      [
        { ...oidc, OIDC_CLAIMS_MAP: '{"rules":[{"role":"clerk","when":{"a":"b"}}]}' },
        /role clerk needs "org"/,
      ],
    ];
    for (const [env, message] of cases)
      expect(() => loadConfig(env), String(message)).to.throw(ConfigError, message);
  });

  it('should accept plain http for a provider on this machine, and production with a cookie secret', () => {
    expect(loadConfig({ ...oidc, OIDC_ISSUER: 'http://localhost:8080' }).oidc!.issuer).to.equal(
      'http://localhost:8080',
    );
    const production = loadConfig({
      ...oidc,
      NODE_ENV: 'production',
      ...licenceSettings,
      OIDC_COOKIE_SECRET: 'x'.repeat(32),
    });
    expect(production.production).to.equal(true);
  });

  it('should have no key to sign with: no development secret, so no open sign-in and no npm run token', () => {
    expect(() => resolveJwtKeys(loadConfig(oidc))).to.throw(
      /OIDC_ISSUER is set: tokens come from the identity provider/,
    );
  });
});

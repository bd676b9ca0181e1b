import { expect } from 'chai';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('config', () => {
  const base = { DATABASE_URL: 'sqlite::memory:' };

  describe('HOST', () => {
    it('should listen on 127.0.0.1 by default while the development secret is in use', () => {
      expect(loadConfig(base).host).to.equal('127.0.0.1');
    });

    it('should listen on every interface by default once a key is configured', () => {
      expect(loadConfig({ ...base, JWT_SECRET: 'a-secret' }).host).to.equal(undefined);
    });

    it('should take HOST as given, with or without a key', () => {
      expect(loadConfig({ ...base, HOST: '0.0.0.0' }).host).to.equal('0.0.0.0');
      expect(loadConfig({ ...base, JWT_SECRET: 'a-secret', HOST: '10.0.0.5' }).host).to.equal('10.0.0.5');
    });
  });

  describe('limits', () => {
    it('should default to generous rate limits and a 15-second metrics interval', () => {
      const config = loadConfig(base);
      expect(config.rateLimits).to.deep.equal({
        authFailuresPerMinute: 60,
        perSubjectPerMinute: 60_000,
        publicPerMinute: 120,
      });
      expect(config.metrics).to.deep.equal({ token: undefined, intervalSeconds: 15 });
    });

    it('should refuse a rate limit that is not a whole number above zero', () => {
      for (const value of ['0', '-3', '1.5', 'many']) {
        expect(() => loadConfig({ ...base, RATE_LIMIT_PER_SUBJECT: value }), value).to.throw(
          ConfigError,
          /RATE_LIMIT_PER_SUBJECT must be a whole number above zero/,
        );
      }
    });

    it('should refuse a metrics interval outside 0–3600 seconds', () => {
      expect(() => loadConfig({ ...base, METRICS_INTERVAL_SECONDS: '-1' })).to.throw(ConfigError);
      expect(() => loadConfig({ ...base, METRICS_INTERVAL_SECONDS: 'soon' })).to.throw(ConfigError);
    });
  });
});

describe('config TRUST_PROXY', () => {
  const base = { DATABASE_URL: 'sqlite::memory:' };

  it('should trust no proxy by default, and take hops or addresses', () => {
    expect(loadConfig(base).trustProxy).to.equal(false);
    expect(loadConfig({ ...base, TRUST_PROXY: '1' }).trustProxy).to.equal(1);
    expect(loadConfig({ ...base, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).to.equal(
      'loopback, 10.0.0.0/8',
    );
  });

  it('should refuse to trust every sender', () => {
    expect(() => loadConfig({ ...base, TRUST_PROXY: 'true' })).to.throw(ConfigError, /number of proxies/);
  });

  describe('webhook', () => {
    it('should have no webhook without NOTIFY_WEBHOOK_URL, and 16 outbox attempts', () => {
      const config = loadConfig(base);
      expect(config.webhook).to.equal(undefined);
      expect(config.outboxMaxAttempts).to.equal(16);
    });

    it('should take the URL with its secret, a 5-second timeout unless told, and the attempts', () => {
      const config = loadConfig({
        ...base,
        NOTIFY_WEBHOOK_URL: 'https://sms.example.gov.cn/hooks/zerotrip',
        NOTIFY_WEBHOOK_SECRET: 'sixteen-chars-ok',
        OUTBOX_MAX_ATTEMPTS: '5',
      });
      expect(config.webhook).to.deep.equal({
        url: 'https://sms.example.gov.cn/hooks/zerotrip',
        secret: 'sixteen-chars-ok',
        timeoutMs: 5000,
      });
      expect(config.outboxMaxAttempts).to.equal(5);
      const slow = {
        ...base,
        NOTIFY_WEBHOOK_URL: 'http://127.0.0.1:9/x',
        NOTIFY_WEBHOOK_SECRET: 'sixteen-chars-ok',
      };
      expect(loadConfig({ ...slow, NOTIFY_WEBHOOK_TIMEOUT_MS: '20000' }).webhook!.timeoutMs).to.equal(20_000);
    });

    it('should refuse a webhook it cannot sign for, a URL that is not http(s), and plain http in production', () => {
      const url = 'https://sms.example.gov.cn/hooks/zerotrip';
      expect(() => loadConfig({ ...base, NOTIFY_WEBHOOK_URL: url })).to.throw(
        ConfigError,
        /NOTIFY_WEBHOOK_SECRET/,
      );
      expect(() => loadConfig({ ...base, NOTIFY_WEBHOOK_URL: url, NOTIFY_WEBHOOK_SECRET: 'short' })).to.throw(
        ConfigError,
        /at least 16/,
      );
      expect(() => loadConfig({ ...base, NOTIFY_WEBHOOK_SECRET: 'sixteen-chars-ok' })).to.throw(
        ConfigError,
        /set both or neither/,
      );
      for (const bad of ['ftp://sms.example/x', 'not a url']) {
        expect(() =>
          loadConfig({ ...base, NOTIFY_WEBHOOK_URL: bad, NOTIFY_WEBHOOK_SECRET: 'sixteen-chars-ok' }),
        ).to.throw(ConfigError, /http\(s\) URL/);
      }
      expect(() =>
        loadConfig({
          ...base,
          NODE_ENV: 'production',
          JWT_SECRET: 'a-secret',
          NOTIFY_WEBHOOK_URL: 'http://sms.example/x',
          NOTIFY_WEBHOOK_SECRET: 'sixteen-chars-ok',
        }),
      ).to.throw(ConfigError, /https/);
      for (const value of ['0', 'x']) {
        expect(() => loadConfig({ ...base, OUTBOX_MAX_ATTEMPTS: value })).to.throw(
          ConfigError,
          /OUTBOX_MAX_ATTEMPTS/,
        );
      }
    });
  });

  describe('licences', () => {
    const production = { ...base, NODE_ENV: 'production', JWT_SECRET: 'a-production-secret' };
    const key = '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----';

    it('should default to the region 360200, the development key and a local public address', () => {
      expect(loadConfig(base).licences).to.deep.equal({
        regionCode: '360200',
        publicBaseUrl: 'http://localhost:3000',
      });
    });

    it('should refuse to start in production without LICENCE_SIGNING_KEY or PUBLIC_BASE_URL', () => {
      expect(() => loadConfig({ ...production, PUBLIC_BASE_URL: 'https://zt.example' })).to.throw(
        ConfigError,
        /NODE_ENV=production needs LICENCE_SIGNING_KEY/,
      );
      expect(() => loadConfig({ ...production, LICENCE_SIGNING_KEY: key })).to.throw(
        ConfigError,
        /NODE_ENV=production needs PUBLIC_BASE_URL/,
      );
      const config = loadConfig({
        ...production,
        LICENCE_SIGNING_KEY: key,
        PUBLIC_BASE_URL: 'https://zt.example/',
      });
      expect(config.licences).to.include({ signingKey: key, publicBaseUrl: 'https://zt.example' });
    });

    it('should take a PEM whose line breaks are written as \\n', () => {
      const config = loadConfig({ ...base, LICENCE_SIGNING_KEY: key.replaceAll('\n', '\\n') });
      expect(config.licences.signingKey).to.equal(key);
    });

    it('should refuse a region code that is not 6 digits and URLs that are not http(s)', () => {
      for (const code of ['36020', '3602001', 'abcdef']) {
        expect(() => loadConfig({ ...base, LICENCE_REGION_CODE: code }), code).to.throw(ConfigError);
      }
      expect(() => loadConfig({ ...base, PUBLIC_BASE_URL: 'ftp://x' })).to.throw(ConfigError);
      expect(() => loadConfig({ ...base, LICENCE_REPORT_URL: 'not a url' })).to.throw(ConfigError);
    });
  });
});

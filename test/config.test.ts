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
});

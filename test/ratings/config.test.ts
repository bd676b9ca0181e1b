import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('ratings/config', () => {
  const base = { DATABASE_URL: 'sqlite::memory:' };

  it("should default to Zhejiang's limits and no default ratings", () => {
    expect(loadConfig(base).ratings).to.deep.equal({
      contactWorkingDays: 1,
      rectifyWorkingDays: 15,
      followUpRateDays: 7,
    });
  });

  it('should take the local limits and the default-rating days from RATING_*', () => {
    const env = {
      ...base,
      RATING_CONTACT_WORKING_DAYS: '2',
      RATING_RECTIFY_WORKING_DAYS: '5',
      RATING_DEFAULT_AFTER_DAYS: '7',
      RATING_FOLLOW_UP_RATE_DAYS: '10',
    };
    expect(loadConfig(env).ratings).to.deep.equal({
      contactWorkingDays: 2,
      rectifyWorkingDays: 5,
      followUpRateDays: 10,
      defaultAfterDays: 7,
    });
    expect(loadConfig({ ...base, RATING_DEFAULT_AFTER_DAYS: ' ' }).ratings).not.to.have.property(
      'defaultAfterDays',
    );
  });

  it('should refuse a limit that is not a whole number of days from 1 to 365', () => {
    for (const value of ['0', '1.5', 'seven', '366']) {
      expect(() => loadConfig({ ...base, RATING_RECTIFY_WORKING_DAYS: value }), value).to.throw(
        ConfigError,
        /RATING_RECTIFY_WORKING_DAYS must be a whole number of days from 1 to 365/,
      );
      expect(() => loadConfig({ ...base, RATING_FOLLOW_UP_RATE_DAYS: value }), value).to.throw(
        ConfigError,
        /RATING_FOLLOW_UP_RATE_DAYS must be a whole number of days from 1 to 365/,
      );
    }
  });
});

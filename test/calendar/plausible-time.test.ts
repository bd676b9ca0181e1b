import { expect } from 'chai';
import { implausibleTime, parseInstant } from '../../src/calendar/index.ts';
import { word } from '../../src/errors/index.ts';

/** The finding as the API says it in English. */
const said = (found: ReturnType<typeof implausibleTime>) => found && word(found.code, found.params);

const NOW = new Date('2026-03-02T01:00:00Z');

describe('calendar/plausible-time', () => {
  it('should parse only instants that exist, with an offset', () => {
    expect(parseInstant('2026-03-02T09:00:00+08:00')?.toISOString()).to.equal('2026-03-02T01:00:00.000Z');
    expect(parseInstant('2028-02-29T00:00Z')?.toISOString()).to.equal('2028-02-29T00:00:00.000Z');
    for (const text of [
      '2026-02-30T00:00:00+08:00',
      '2026-02-29T00:00:00Z',
      '2026-03-02T24:00:00Z',
      '2026-03-02T09:60:00Z',
      '2026-03-02T09:00:00',
      '2026-03-02T09:00:00+15:00',
    ]) {
      expect(parseInstant(text), text).to.equal(null);
    }
  });

  it('should take dates from 2000-01-01 to ten years ahead, or to now for what already happened', () => {
    expect(implausibleTime('2000-01-01', NOW)).to.equal(null);
    expect(implausibleTime('2036-03-02', NOW)).to.equal(null);
    expect(said(implausibleTime('1999-12-31', NOW))).to.match(/before 2000-01-01/);
    expect(said(implausibleTime('0000-01-01T00:00:00Z', NOW))).to.match(/before 2000-01-01/);
    expect(said(implausibleTime('2036-03-03', NOW))).to.match(/at most 10 years/);
    expect(said(implausibleTime('9999-12-31T00:00:00+08:00', NOW))).to.match(/at most 10 years/);
    expect(said(implausibleTime('2026-02-30', NOW))).to.match(/real date/);
    expect(implausibleTime('2026-03-02T09:00:00+08:00', NOW, 'now')).to.equal(null);
    expect(said(implausibleTime('2026-03-02T09:00:01+08:00', NOW, 'now'))).to.match(/future/);
  });
});

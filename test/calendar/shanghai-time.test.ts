import { expect } from 'chai';
import {
  civilFromDay,
  dayFromCivil,
  dayToIso,
  endOfDay,
  isIsoDate,
  isoToDay,
  parseInstant,
  shanghaiDay,
  shanghaiMonth,
  startOfDay,
  weekday,
  yearOfDay,
} from '../../src/calendar/shanghai-time.ts';

const DAY_MS = 86_400_000;

describe('shanghai-time', () => {
  it('should number days from 1970-01-01 the same way Date.UTC does', () => {
    expect(isoToDay('1970-01-01')).to.equal(0);
    expect(isoToDay('1969-12-31')).to.equal(-1);
    for (const iso of ['2000-02-29', '2024-12-31', '2025-09-26', '2026-02-28', '2100-03-01', '1900-01-01']) {
      expect(isoToDay(iso), iso).to.equal(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
    }
  });

  it('should round-trip every day between 1899 and 2101 against Date.toISOString', () => {
    for (let day = isoToDay('1899-01-01'); day <= isoToDay('2101-12-31'); day++) {
      const iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
      if (dayToIso(day) !== iso || isoToDay(iso) !== day)
        expect.fail(`day ${day}: ${dayToIso(day)} vs ${iso}`);
    }
  });

  it('should agree between dayFromCivil and civilFromDay', () => {
    expect(civilFromDay(dayFromCivil(2024, 2, 29))).to.deep.equal({ year: 2024, month: 2, day: 29 });
    expect(dayFromCivil(2025, 3, 1) - dayFromCivil(2025, 2, 28)).to.equal(1);
    expect(dayFromCivil(2024, 3, 1) - dayFromCivil(2024, 2, 28)).to.equal(2);
  });

  it('should reject dates that are not real YYYY-MM-DD dates', () => {
    for (const bad of ['2025-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-9-26', '20250926', '']) {
      expect(isIsoDate(bad), bad).to.equal(false);
      expect(() => isoToDay(bad), bad).to.throw(RangeError);
    }
    expect(isIsoDate('2024-02-29')).to.equal(true);
  });

  it('should take the Shanghai date of instants near midnight', () => {
    expect(dayToIso(shanghaiDay('2025-09-26T23:30:00+08:00'))).to.equal('2025-09-26');
    expect(dayToIso(shanghaiDay('2025-09-26T16:30:00Z'))).to.equal('2025-09-27');
    expect(dayToIso(shanghaiDay('2025-09-26T15:59:59.999Z'))).to.equal('2025-09-26');
    expect(dayToIso(shanghaiDay('2025-09-26T16:00:00.000Z'))).to.equal('2025-09-27');
    expect(dayToIso(shanghaiDay(new Date('2025-09-25T16:00:00Z')))).to.equal('2025-09-26');
    expect(dayToIso(shanghaiDay('2025-09-26T08:00:00-05:00'))).to.equal('2025-09-26');
    expect(dayToIso(shanghaiDay('2025-09-26T12:00:00-05:00'))).to.equal('2025-09-27');
  });

  it('should read a plain YYYY-MM-DD as that Shanghai date', () => {
    expect(dayToIso(shanghaiDay('2025-09-26'))).to.equal('2025-09-26');
  });

  it('should refuse instants without an offset and invalid input', () => {
    expect(() => shanghaiDay('2025-09-26T10:00:00')).to.throw(RangeError);
    expect(() => shanghaiDay('next tuesday')).to.throw(RangeError);
    expect(() => shanghaiDay(new Date(Number.NaN))).to.throw(RangeError);
  });

  it("should read the engine's own toISOString() instants exactly as the strict parse does", () => {
    // The engine's instants take a shortcut: every minute around each Shanghai midnight of 2024 (a leap year)
    // and the edges of the toISOString() range must land on the day the strict parse gives.
    const fromParse = (text: string) =>
      Math.floor((parseInstant(text)!.getTime() + 8 * 3_600_000) / 86_400_000);
    for (let day = isoToDay('2024-01-01'); day <= isoToDay('2024-12-31'); day++) {
      for (let minute = -3; minute <= 3; minute++) {
        const text = new Date(startOfDay(day).getTime() + minute * 60_000 + 999).toISOString();
        expect(shanghaiDay(text), text).to.equal(fromParse(text));
      }
    }
    for (const text of ['0000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '2024-02-29T16:00:00.000Z']) {
      expect(shanghaiDay(text), text).to.equal(fromParse(text));
    }
    // Written in the same form but no real instant: refused as before, not rolled over.
    for (const text of ['2026-02-29T10:00:00.000Z', '2026-03-02T24:00:00.000Z', '2026-03-02T10:60:00.000Z']) {
      expect(() => shanghaiDay(text), text).to.throw(RangeError);
    }
    expect(() => shanghaiDay('2026-13-02T10:00:00.000Z')).to.throw(RangeError);
  });

  it('should put the start and end of a Shanghai day at 16:00Z the day before and 15:59:59.999Z', () => {
    const day = isoToDay('2025-09-26');
    expect(startOfDay(day).toISOString()).to.equal('2025-09-25T16:00:00.000Z');
    expect(endOfDay(day).toISOString()).to.equal('2025-09-26T15:59:59.999Z');
    expect(shanghaiDay(startOfDay(day))).to.equal(day);
    expect(shanghaiDay(endOfDay(day))).to.equal(day);
  });

  it('should give the year of a day, switching at Shanghai midnight', () => {
    expect(yearOfDay(isoToDay('2025-12-31'))).to.equal(2025);
    expect(yearOfDay(isoToDay('2026-01-01'))).to.equal(2026);
    expect(yearOfDay(shanghaiDay('2025-12-31T16:00:00Z'))).to.equal(2026);
    expect(yearOfDay(-1)).to.equal(1969);
  });

  it('should give the Shanghai month of an instant, switching at Shanghai midnight', () => {
    expect(shanghaiMonth('2026-01-31T15:59:59.999Z')).to.equal('2026-01');
    expect(shanghaiMonth('2026-01-31T16:00:00.000Z')).to.equal('2026-02');
    expect(shanghaiMonth('2025-12-31T23:59:59+08:00')).to.equal('2025-12');
    expect(shanghaiMonth(new Date('2025-12-31T16:00:00Z'))).to.equal('2026-01');
    expect(shanghaiMonth('2026-02-28')).to.equal('2026-02');
    expect(() => shanghaiMonth('2026-02-30T00:00:00Z')).to.throw(RangeError);
  });

  it('should give weekdays with 0 = Sunday', () => {
    expect(weekday(isoToDay('1970-01-01'))).to.equal(4);
    expect(weekday(isoToDay('2025-09-26'))).to.equal(5);
    expect(weekday(isoToDay('2025-09-28'))).to.equal(0);
    expect(weekday(isoToDay('2026-02-28'))).to.equal(6);
    expect(weekday(isoToDay('1969-12-28'))).to.equal(0);
    for (let day = -800; day < 800; day++) {
      if (weekday(day) !== new Date(day * DAY_MS).getUTCDay()) expect.fail(`weekday of day ${day}`);
    }
  });

  // Days written by hand from the 2026 State Council notice (db/seeds/cn-working-calendar.json): the make-up
  // working days of the Spring Festival (Saturdays 14 and 28 February) and of National Day (Sunday 20 September,
  // Saturday 10 October) are weekend days, and the holidays begin and end at Shanghai midnight.
  it('should place the Spring Festival and National Day 2026 on their weekdays and Shanghai bounds', () => {
    expect(weekday(isoToDay('2026-02-14')), 'make-up Saturday').to.equal(6);
    expect(weekday(isoToDay('2026-02-17')), 'Spring Festival, Tuesday').to.equal(2);
    expect(weekday(isoToDay('2026-02-28')), 'make-up Saturday').to.equal(6);
    expect(weekday(isoToDay('2026-09-20')), 'make-up Sunday').to.equal(0);
    expect(weekday(isoToDay('2026-10-01')), 'National Day, Thursday').to.equal(4);
    expect(weekday(isoToDay('2026-10-10')), 'make-up Saturday').to.equal(6);
    expect(dayToIso(isoToDay('2026-02-28') + 1)).to.equal('2026-03-01');

    expect(startOfDay(isoToDay('2026-02-15')).toISOString()).to.equal('2026-02-14T16:00:00.000Z');
    expect(endOfDay(isoToDay('2026-02-23')).toISOString()).to.equal('2026-02-23T15:59:59.999Z');
    expect(startOfDay(isoToDay('2026-10-01')).toISOString()).to.equal('2026-09-30T16:00:00.000Z');
    expect(endOfDay(isoToDay('2026-10-07')).toISOString()).to.equal('2026-10-07T15:59:59.999Z');

    expect(dayToIso(shanghaiDay('2026-02-14T15:59:59.999Z'))).to.equal('2026-02-14');
    expect(dayToIso(shanghaiDay('2026-02-14T16:00:00.000Z'))).to.equal('2026-02-15');
    expect(dayToIso(shanghaiDay('2026-09-30T16:00:00Z'))).to.equal('2026-10-01');
    expect(shanghaiMonth('2026-09-30T15:59:59.999Z')).to.equal('2026-09');
    expect(shanghaiMonth('2026-09-30T16:00:00Z')).to.equal('2026-10');
    expect(parseInstant('2026-10-01T00:00:00+08:00')?.toISOString()).to.equal('2026-09-30T16:00:00.000Z');
    expect(parseInstant('2026-02-29T00:00:00+08:00')).to.equal(null);
  });
});

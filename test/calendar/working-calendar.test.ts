import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import {
  WorkingCalendar,
  loadReferenceCalendar,
  referenceCalendar,
  referenceSource,
} from '../../src/calendar/index.ts';
import type { HolidayEntry } from '../../src/calendar/index.ts';

const DAY_MS = 86_400_000;
const seed = JSON.parse(
  readFileSync(new URL('../../db/seeds/cn-working-calendar.json', import.meta.url), 'utf8'),
) as { years: Record<string, HolidayEntry[]> };

// An independent, deliberately naive oracle: day-by-day over the raw seed file with Date.
const off = new Set(Object.values(seed.years).flatMap((hs) => hs.flatMap((h) => h.daysOff)));
const worked = new Set(Object.values(seed.years).flatMap((hs) => hs.flatMap((h) => h.makeUpWorkdays)));
function naiveWorking(iso: string): boolean {
  const wd = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return worked.has(iso) || (wd !== 0 && wd !== 6 && !off.has(iso));
}
function plusDays(iso: string, n: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}
function naiveElapsed(a: string, b: string): number {
  let count = 0;
  for (let d = plusDays(a, 1); d <= b; d = plusDays(d, 1)) if (naiveWorking(d)) count++;
  return count;
}

describe('working-calendar', () => {
  const calendar = referenceCalendar();

  describe('reference data', () => {
    it('should load the 2025 and 2026 State Council calendars', () => {
      expect(Object.keys(loadReferenceCalendar()).sort()).to.deep.equal(['2025', '2026']);
      expect(calendar.publishedYears()).to.deep.equal([2025, 2026]);
      expect(referenceSource()).to.match(/State Council/);
    });

    it('should hand out a copy the caller cannot use to corrupt later loads', () => {
      loadReferenceCalendar()['2025']![0]!.daysOff.push('2025-03-03');
      expect(loadReferenceCalendar()['2025']![0]!.daysOff).to.deep.equal(['2025-01-01']);
    });
  });

  describe('addWorkingDays', () => {
    // Hand-checked against the 2025 and 2026 notices (make-up days in brackets):
    // 26 Sep 2025 (Fri) → [Sun 28] 29, 30, (1–8 Oct off) 9, 10 = 5th; then [Sat 11 Oct] and 13 Oct onwards.
    // 12 Feb 2026 (Thu) → 13, [Sat 14], (15–23 off) 24, 25, 26, 27, [Sat 28] = 7th.
    // 18 Sep 2026 (Fri) → [Sun 20] 21, 22, 23, 24 = 5th.
    it('should match the four contract spot checks', () => {
      expect(calendar.addWorkingDays('2025-09-26', 5)).to.equal('2025-10-10');
      expect(calendar.addWorkingDays('2025-09-26', 20)).to.equal('2025-10-30');
      expect(calendar.addWorkingDays('2026-02-12', 7)).to.equal('2026-02-28');
      expect(calendar.addWorkingDays('2026-09-18', 5)).to.equal('2026-09-24');
    });

    it('should return date(from) for n = 0, even on a holiday', () => {
      expect(calendar.addWorkingDays('2025-10-03T12:00:00+08:00', 0)).to.equal('2025-10-03');
    });

    it('should start from the Shanghai date of an instant', () => {
      // 16:30Z on the 26th is already Saturday the 27th in Shanghai: Sun 28 is then day 1.
      expect(calendar.addWorkingDays('2025-09-26T16:30:00Z', 1)).to.equal('2025-09-28');
      expect(calendar.addWorkingDays('2025-09-26T23:30:00+08:00', 1)).to.equal('2025-09-28');
      expect(calendar.addWorkingDays(new Date('2025-09-25T16:00:00Z'), 5)).to.equal('2025-10-10');
    });

    it('should cross a year end into a published year', () => {
      // Wed 31 Dec 2025 → (1–3 Jan off) [Sun 4 Jan] = 1st, Mon 5 Jan = 2nd.
      expect(calendar.addWorkingDays('2025-12-31', 1)).to.equal('2026-01-04');
      expect(calendar.addWorkingDays('2025-12-31', 2)).to.equal('2026-01-05');
    });

    it('should refuse negative or fractional counts', () => {
      expect(() => calendar.addWorkingDays('2025-09-26', -1)).to.throw(RangeError);
      expect(() => calendar.addWorkingDays('2025-09-26', 1.5)).to.throw(RangeError);
    });

    it('should agree with elapsed and land on a working day for every start over two years', () => {
      for (let start = '2024-12-20'; start <= '2026-12-31'; start = plusDays(start, 1)) {
        for (const n of [1, 2, 5, 7, 20, 60]) {
          const due = calendar.addWorkingDays(start, n);
          if (calendar.elapsed(start, due) !== n || !calendar.isWorkingDay(due)) {
            expect.fail(`${start} + ${n} = ${due}, elapsed ${calendar.elapsed(start, due)}`);
          }
          // Being the n-th, the day before it must still be short of n.
          if (calendar.elapsed(start, plusDays(due, -1)) !== n - 1) expect.fail(`${start} + ${n} overshoots`);
        }
      }
    });
  });

  describe('dueAt', () => {
    it('should end at the last millisecond of the due day in Shanghai', () => {
      expect(calendar.dueAt('2025-09-26', 5).toISOString()).to.equal('2025-10-10T15:59:59.999Z');
      expect(calendar.dueAt('2026-02-12T09:00:00+08:00', 7).toISOString()).to.equal(
        '2026-02-28T15:59:59.999Z',
      );
    });
  });

  describe('isWorkingDay', () => {
    it('should count weekend make-up workdays', () => {
      for (const date of ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']) {
        expect(calendar.isWorkingDay(date), date).to.equal(true);
      }
      for (const date of [
        '2026-01-04',
        '2026-02-14',
        '2026-02-28',
        '2026-05-09',
        '2026-09-20',
        '2026-10-10',
      ]) {
        expect(calendar.isWorkingDay(date), date).to.equal(true);
      }
    });

    it('should not count holiday weekdays or ordinary weekends', () => {
      for (const date of ['2025-01-01', '2025-10-08', '2026-01-02', '2026-02-23', '2026-10-07']) {
        expect(calendar.isWorkingDay(date), date).to.equal(false);
      }
      expect(calendar.isWorkingDay('2025-09-27')).to.equal(false);
      expect(calendar.isWorkingDay('2025-09-26')).to.equal(true);
    });

    it('should accept day numbers and instants', () => {
      expect(calendar.isWorkingDay(Date.parse('2025-09-28T00:00:00Z') / DAY_MS)).to.equal(true);
      expect(calendar.isWorkingDay('2025-09-27T16:30:00Z')).to.equal(true);
    });
  });

  describe('elapsed', () => {
    it('should count the days after the start up to and including the end', () => {
      expect(calendar.elapsed('2025-09-26', '2025-10-10')).to.equal(5);
      expect(calendar.elapsed('2025-09-26', '2025-09-28')).to.equal(1);
      expect(calendar.elapsed('2025-09-30', '2025-10-09')).to.equal(1);
      // Fri 24 Jan 2025 → [Sun 26] 27, (28 Jan–4 Feb off) 5, 6, 7 Feb, [Sat 8], Mon 10 = 7.
      expect(calendar.elapsed('2025-01-24', '2025-02-10')).to.equal(7);
    });

    it('should be 0 when the end is on or before the start day', () => {
      expect(calendar.elapsed('2025-09-26', '2025-09-26')).to.equal(0);
      expect(calendar.elapsed('2025-09-26T08:00:00+08:00', '2025-09-26T23:59:00+08:00')).to.equal(0);
      expect(calendar.elapsed('2025-10-10', '2025-09-26')).to.equal(0);
    });

    it('should use Shanghai dates for instants near midnight', () => {
      // Still Friday the 26th in Shanghai, so Saturday the 27th adds nothing.
      expect(calendar.elapsed('2025-09-26T23:30:00+08:00', '2025-09-27T12:00:00+08:00')).to.equal(0);
      // 16:30Z on the 26th is the 27th in Shanghai; the 28th is a make-up Sunday.
      expect(calendar.elapsed('2025-09-26T16:30:00Z', '2025-09-28T01:00:00+08:00')).to.equal(1);
      expect(calendar.elapsed('2025-09-25T12:00:00Z', '2025-09-26T15:59:59.999Z')).to.equal(1);
      expect(calendar.elapsed('2025-09-25T12:00:00Z', '2025-09-26T16:00:00.000Z')).to.equal(1);
    });

    it('should find 248 working days in each of 2025 and 2026', () => {
      expect(calendar.workingDaysInYear(2025)).to.equal(248);
      expect(calendar.workingDaysInYear(2026)).to.equal(248);
      expect(calendar.elapsed('2024-12-31', '2025-12-31')).to.equal(248);
      expect(calendar.elapsed('2025-12-31', '2026-12-31')).to.equal(248);
      expect(calendar.elapsed('2024-12-31', '2026-12-31')).to.equal(496);
      expect(naiveElapsed('2024-12-31', '2025-12-31')).to.equal(248);
      expect(naiveElapsed('2025-12-31', '2026-12-31')).to.equal(248);
    });

    it('should agree with a naive day-by-day count over many spans', () => {
      for (let a = '2024-12-01'; a <= '2027-01-31'; a = plusDays(a, 5)) {
        for (const span of [0, 1, 3, 9, 30, 100, 400]) {
          const b = plusDays(a, span);
          if (calendar.elapsed(a, b) !== naiveElapsed(a, b)) expect.fail(`elapsed(${a}, ${b})`);
        }
      }
    });
  });

  describe('unpublished years', () => {
    it('should count 2027 on weekends alone and report it', () => {
      // 1 Jan 2027 is a Friday, 365 days: 52 weeks plus one weekday.
      expect(calendar.isPublished(2027)).to.equal(false);
      expect(calendar.workingDaysInYear(2027)).to.equal(261);
      expect(calendar.isWorkingDay('2027-01-01')).to.equal(true);
      expect(calendar.unpublishedYears('2026-03-01', '2026-12-31')).to.deep.equal([]);
      expect(calendar.unpublishedYears('2026-03-01', '2028-01-01')).to.deep.equal([2027, 2028]);
      expect(calendar.unpublishedYears('2027-01-05', '2026-12-01')).to.deep.equal([2027]);
    });

    it('should flag a late-November 2026 deadline that falls in January 2027', () => {
      // Fri 27 Nov 2026: Mon 30 Nov = 1; 23 weekdays in Dec 2026 → 24 by 31 Dec; with 2027 unpublished,
      // Fri 1 Jan = 25, then 4–8 Jan = 26–30.
      const from = '2026-11-27T10:00:00+08:00';
      const due = calendar.addWorkingDays(from, 30);
      expect(due).to.equal('2027-01-08');
      expect(calendar.unpublishedYears(from, due)).to.deep.equal([2027]);
      expect(calendar.unpublishedYears(from, calendar.dueAt(from, 30))).to.deep.equal([2027]);
    });

    it('should count unpublished leap years on weekends alone too', () => {
      // 2024 starts on a Monday and has 366 days: 52 weeks plus Mon 30 and Tue 31 Dec.
      expect(calendar.workingDaysInYear(2024)).to.equal(262);
    });
  });

  describe('publish', () => {
    it('should change later results when a year is published', () => {
      const local = referenceCalendar();
      const from = '2026-11-27';
      expect(local.addWorkingDays(from, 30)).to.equal('2027-01-08');
      local.publish(2027, [{ name: 'New Year', daysOff: ['2027-01-01'], makeUpWorkdays: [] }]);
      expect(local.isPublished(2027)).to.equal(true);
      expect(local.publishedYears()).to.deep.equal([2025, 2026, 2027]);
      expect(local.isWorkingDay('2027-01-01')).to.equal(false);
      expect(local.addWorkingDays(from, 30)).to.equal('2027-01-11');
      expect(local.unpublishedYears(from, '2027-01-11')).to.deep.equal([]);
      expect(local.workingDaysInYear(2027)).to.equal(260);
      // The shared reference calendar is untouched.
      expect(calendar.addWorkingDays(from, 30)).to.equal('2027-01-08');
    });

    it('should replace a year rather than merge into it', () => {
      const local = referenceCalendar();
      local.publish(2025, []);
      expect(local.isWorkingDay('2025-10-08')).to.equal(true);
      expect(local.isWorkingDay('2025-09-28')).to.equal(false);
      expect(local.workingDaysInYear(2025)).to.equal(261);
    });

    it('should refuse invalid data and keep the previous calendar', () => {
      const local = referenceCalendar();
      expect(() => local.publish(2025, [{ name: '', daysOff: ['2026-01-01'], makeUpWorkdays: [] }])).to.throw(
        RangeError,
      );
      expect(local.workingDaysInYear(2025)).to.equal(248);
    });

    it('should refuse a constructor year key that is not YYYY', () => {
      expect(() => new WorkingCalendar({ '25': [] })).to.throw(RangeError);
    });
  });

  describe('validateYear', () => {
    it('should accept the reference years', () => {
      expect(WorkingCalendar.validateYear(2025, seed.years['2025'])).to.deep.equal([]);
      expect(WorkingCalendar.validateYear(2026, seed.years['2026'])).to.deep.equal([]);
      expect(WorkingCalendar.validateYear(2027, [])).to.deep.equal([]);
    });

    it('should reject non-arrays and malformed entries', () => {
      expect(WorkingCalendar.validateYear(2027, null)).to.have.length(1);
      expect(WorkingCalendar.validateYear(2027, { name: 'x' })).to.have.length(1);
      expect(WorkingCalendar.validateYear(2027, ['New Year'])).to.have.length(1);
      const problems = WorkingCalendar.validateYear(2027, [{ name: '  ', daysOff: '2027-01-01' }]);
      expect(problems.join('\n'))
        .to.match(/name/)
        .and.match(/daysOff/)
        .and.match(/makeUpWorkdays/);
      expect(
        WorkingCalendar.validateYear(2027, [{ name: 'A', daysOff: [20270101], makeUpWorkdays: [] }]),
      ).to.have.length(1);
    });

    it('should reject invalid dates and dates outside the year', () => {
      const problems = WorkingCalendar.validateYear(2027, [
        { name: 'Bad', daysOff: ['2027-02-29', '2027-1-02', '2026-12-31'], makeUpWorkdays: [] },
      ]);
      expect(problems).to.have.length(3);
      expect(problems.join('\n')).to.include('2027-02-29').and.include('outside 2027');
    });

    it('should reject a date that is both off and worked, even across entries', () => {
      const problems = WorkingCalendar.validateYear(2027, [
        { name: 'A', daysOff: ['2027-01-02'], makeUpWorkdays: [] },
        { name: 'B', daysOff: [], makeUpWorkdays: ['2027-01-02'] },
      ]);
      expect(problems).to.have.length(1);
      expect(problems[0]).to.include('2027-01-02').and.include('both');
    });

    it('should reject a make-up workday that is already a weekday', () => {
      // Mon 4 Jan 2027: a likely typo for the Sunday before.
      expect(
        WorkingCalendar.validateYear(2027, [{ name: 'A', daysOff: [], makeUpWorkdays: ['2027-01-04'] }]),
      ).to.have.length(1);
    });

    it('should reject a year that is not a four-digit integer', () => {
      expect(WorkingCalendar.validateYear(2027.5, [])).to.have.length(1);
      expect(WorkingCalendar.validateYear(99, [])).to.have.length(1);
    });
  });
});

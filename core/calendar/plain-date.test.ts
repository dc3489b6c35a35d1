import { describe, expect, it } from 'vitest';
import {
  addDays, addMonths, compare, daysInMonth, diffDays, eachDay, endOfMonth, fromDayNumber, fromParts, isLeapYear,
  isPlainDate, isWithin, lastWeekdayOfMonth, nextWeekdayOnOrAfter, startOfMonth, startOfWeek, toDayNumber, toParts,
  weekday,
} from './plain-date';

describe('isPlainDate', () => {
  it('accepts real zero-padded days', () => {
    for (const day of ['2026-01-01', '2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01', '9999-12-31']) {
      expect(isPlainDate(day), day).toBe(true);
    }
  });
  it('rejects impossible or badly formatted days', () => {
    for (const value of [
      '2026-02-30', '2026-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-01-00',
      '2026-2-3', '26-02-03', '2026/02/03', '2026-02-03T00:00', ' 2026-02-03', '2026-02-03 ', '', '0000-01-01',
      '２０２６-01-01', 20260203, null, undefined,
    ]) {
      expect(isPlainDate(value), String(value)).toBe(false);
    }
  });
});

describe('parts and day numbers', () => {
  it('splits and builds dates, refusing impossible ones', () => {
    expect(toParts('2026-03-09')).toEqual({ year: 2026, month: 3, day: 9 });
    expect(fromParts(2026, 3, 9)).toBe('2026-03-09');
    expect(() => fromParts(2026, 2, 29)).toThrow(RangeError);
    expect(() => toParts('2026-02-30')).toThrow(RangeError);
  });
  it('counts days from 1970-01-01', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('1970-01-02')).toBe(1);
    expect(toDayNumber('1969-12-31')).toBe(-1);
    expect(toDayNumber('2000-03-01')).toBe(11017);
    // Agrees with UTC milliseconds, which have no daylight saving.
    expect(toDayNumber('2026-10-25')).toBe(Date.UTC(2026, 9, 25) / 86_400_000);
  });
  it('round-trips every day of 1899–2101', () => {
    const first = toDayNumber('1899-01-01');
    const last = toDayNumber('2101-12-31');
    const mismatches: number[] = [];
    for (let n = first; n <= last; n++) {
      const day = fromDayNumber(n);
      // UTC has no daylight saving, so UTC midnight ISO text is an independent reference.
      if (toDayNumber(day) !== n || day !== new Date(n * 86_400_000).toISOString().slice(0, 10)) mismatches.push(n);
    }
    expect(mismatches).toEqual([]);
    expect(last - first + 1).toBe(74_144);
  });
  it('knows leap years and month lengths', () => {
    expect([isLeapYear(2024), isLeapYear(2026), isLeapYear(1900), isLeapYear(2000)]).toEqual([true, false, false, true]);
    expect([daysInMonth(2026, 2), daysInMonth(2028, 2), daysInMonth(2026, 4), daysInMonth(2026, 12)]).toEqual([28, 29, 30, 31]);
  });
});

describe('arithmetic', () => {
  it('adds days across months, years and DST changes', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-05-14', 0)).toBe('2026-05-14');
  });
  it('diffs days with a sign', () => {
    expect(diffDays('2026-01-01', '2027-01-01')).toBe(365);
    expect(diffDays('2028-01-01', '2029-01-01')).toBe(366);
    expect(diffDays('2026-03-30', '2026-03-28')).toBe(-2);
  });
  it('gives ISO weekdays', () => {
    expect(weekday('2026-03-30')).toBe(1); // Monday
    expect(weekday('2026-11-11')).toBe(3); // Wednesday
    expect(weekday('2026-03-29')).toBe(7); // Sunday
    expect(weekday('1969-12-31')).toBe(3);
  });
  it('compares and tests ranges', () => {
    expect(compare('2026-01-02', '2026-01-10')).toBe(-1);
    expect(compare('2026-01-10', '2026-01-02')).toBe(1);
    expect(compare('2026-01-10', '2026-01-10')).toBe(0);
    expect(isWithin('2026-01-10', '2026-01-10', '2026-01-12')).toBe(true);
    expect(isWithin('2026-01-12', '2026-01-10', '2026-01-12')).toBe(true);
    expect(isWithin('2026-01-13', '2026-01-10', '2026-01-12')).toBe(false);
  });
  it('finds month bounds', () => {
    expect(startOfMonth('2026-02-17')).toBe('2026-02-01');
    expect(endOfMonth('2026-02-17')).toBe('2026-02-28');
    expect(endOfMonth('2028-02-01')).toBe('2028-02-29');
    expect(endOfMonth('2026-12-05')).toBe('2026-12-31');
  });
  it('adds months, clamping to the last day', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 2)).toBe('2027-01-15');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
    expect(() => addMonths('2026-01-15', 0.5)).toThrow(RangeError);
  });
  it('lists each day inclusively', () => {
    expect(eachDay('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(eachDay('2026-03-02', '2026-03-02')).toEqual(['2026-03-02']);
    expect(eachDay('2026-03-03', '2026-03-02')).toEqual([]);
  });
  it('finds the Monday of the week', () => {
    expect(startOfWeek('2026-03-30')).toBe('2026-03-30');
    expect(startOfWeek('2026-04-05')).toBe('2026-03-30');
    expect(startOfWeek('2027-01-01')).toBe('2026-12-28');
  });
  it('finds the next listed weekday and the last weekday of a month', () => {
    expect(nextWeekdayOnOrAfter('2027-09-01', [1, 2, 4])).toBe('2027-09-02');
    expect(nextWeekdayOnOrAfter('2026-09-01', [1, 2, 4])).toBe('2026-09-01');
    expect(() => nextWeekdayOnOrAfter('2026-09-01', [])).toThrow(RangeError);
    expect(lastWeekdayOfMonth(2026, 3, 7)).toBe('2026-03-29');
    expect(lastWeekdayOfMonth(2026, 10, 7)).toBe('2026-10-25');
    expect(lastWeekdayOfMonth(2027, 3, 7)).toBe('2027-03-28');
    expect(lastWeekdayOfMonth(2027, 10, 7)).toBe('2027-10-31');
    expect(lastWeekdayOfMonth(2026, 5, 5)).toBe('2026-05-29');
  });
});

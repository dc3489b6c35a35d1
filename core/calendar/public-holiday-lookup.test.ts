import { describe, expect, it } from 'vitest';
import { isPublicHoliday, publicHolidayCalendar, publicHolidayName } from './public-holiday-lookup';
import { publicHolidays } from './public-holidays';

describe('public holiday lookups', () => {
  it('answers from a list, with names', () => {
    const list = publicHolidays(2026, 'Métropole');
    expect(publicHolidayName(list, '2026-11-11')).toBe('Armistice 1918');
    expect(publicHolidayName(list, '2026-11-12')).toBeUndefined();
    expect(isPublicHoliday(list, '2026-05-14')).toBe(true);
  });
  it('answers from a set of days, without names', () => {
    const set = new Set(['2026-11-11']);
    expect(publicHolidayName(set, '2026-11-11')).toBe('Jour férié');
    expect(isPublicHoliday(set, '2026-11-12')).toBe(false);
  });
  it('answers from a calendar for any year', () => {
    const calendar = publicHolidayCalendar('Alsace-Moselle');
    expect(calendar.nameOf('2027-03-26')).toBe('Vendredi saint');
    expect(publicHolidayName(calendar, '2031-12-26')).toBe('Saint Étienne (26 décembre)');
    expect(isPublicHoliday(calendar, '2031-12-27')).toBe(false);
    expect(isPublicHoliday(publicHolidayCalendar('Métropole'), '2031-12-26')).toBe(false);
  });
});

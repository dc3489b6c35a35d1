import { describe, expect, it } from 'vitest';
import { publicHolidayCalendar } from './public-holiday-lookup';
import { isWorkingDay, workingDaysBefore } from './working-days';

const metropole = publicHolidayCalendar('Métropole');

describe('working days', () => {
  it('excludes week-ends and public holidays', () => {
    expect(isWorkingDay('2026-11-10', metropole)).toBe(true);
    expect(isWorkingDay('2026-11-11', metropole)).toBe(false); // Armistice, a Wednesday
    expect(isWorkingDay('2026-11-14', metropole)).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-15', metropole)).toBe(false); // Sunday
    expect(isWorkingDay('2026-12-26', publicHolidayCalendar('Alsace-Moselle'))).toBe(false);
  });
  it('counts back over week-ends', () => {
    expect(workingDaysBefore('2026-11-16', 2, metropole)).toBe('2026-11-12'); // Monday → Thursday
    expect(workingDaysBefore('2026-11-17', 1, metropole)).toBe('2026-11-16');
    expect(workingDaysBefore('2026-11-15', 1, metropole)).toBe('2026-11-13'); // from a Sunday
  });
  it('counts back over public holidays', () => {
    expect(workingDaysBefore('2026-11-12', 2, metropole)).toBe('2026-11-09'); // skips Wed 11 November
    expect(workingDaysBefore('2027-05-07', 2, metropole)).toBe('2027-05-04'); // skips Ascension, Thu 6 May 2027
    expect(workingDaysBefore('2027-05-10', 2, metropole)).toBe('2027-05-05'); // skips the week-end and Ascension
    expect(workingDaysBefore('2027-01-04', 3, metropole)).toBe('2026-12-29'); // skips 1 January, across years
  });
  it('returns the day itself for zero and rejects bad counts', () => {
    expect(workingDaysBefore('2026-11-14', 0, metropole)).toBe('2026-11-14');
    expect(() => workingDaysBefore('2026-11-14', -1, metropole)).toThrow(RangeError);
    expect(() => workingDaysBefore('2026-11-14', 1.5, metropole)).toThrow(RangeError);
  });
});

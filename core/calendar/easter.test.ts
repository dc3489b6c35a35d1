import { describe, expect, it } from 'vitest';
import { easterSunday } from './easter';
import { weekday } from './plain-date';

describe('easterSunday', () => {
  it('gives known dates, including the earliest and latest possible', () => {
    const known: Record<number, string> = {
      2008: '2008-03-23', 2011: '2011-04-24', 2019: '2019-04-21', 2024: '2024-03-31', 2025: '2025-04-20',
      2026: '2026-04-05', 2027: '2027-03-28', 2028: '2028-04-16', 2038: '2038-04-25', 2285: '2285-03-22',
    };
    for (const [year, day] of Object.entries(known)) expect(easterSunday(Number(year)), year).toBe(day);
  });
  it('always falls on a Sunday between 22 March and 25 April', () => {
    for (let year = 1900; year <= 2200; year++) {
      const day = easterSunday(year);
      expect(weekday(day)).toBe(7);
      expect(day.slice(5) >= '03-22' && day.slice(5) <= '04-25').toBe(true);
    }
  });
  it('refuses years outside the Gregorian calendar', () => {
    expect(() => easterSunday(1500)).toThrow(RangeError);
    expect(() => easterSunday(2026.5)).toThrow(RangeError);
  });
});

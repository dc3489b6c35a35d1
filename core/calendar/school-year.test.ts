import { describe, expect, it } from 'vitest';
import { weekday } from './plain-date';
import {
  knownRentree, rentreeDate, schoolYearById, schoolYearContaining, schoolYearIncludingSummer, schoolYearStartingIn,
  summerHolidaysStart,
} from './school-year';

describe('rentrée and summer dates', () => {
  it('uses the published dates', () => {
    expect([2024, 2025, 2026, 2027].map(rentreeDate)).toEqual(['2024-09-02', '2025-09-01', '2026-09-01', '2027-09-02']);
    expect([2025, 2026, 2027].map(summerHolidaysStart)).toEqual(['2025-07-05', '2026-07-04', '2027-07-03']);
    expect(knownRentree(2026)).toBe('2026-09-01');
    expect(knownRentree(2028)).toBeUndefined();
  });
  it('falls back to a rule that reproduces past rentrées', () => {
    const past: Record<number, string> = {
      2015: '2015-09-01', 2016: '2016-09-01', 2017: '2017-09-04', 2018: '2018-09-03', 2019: '2019-09-02',
      2020: '2020-09-01', 2021: '2021-09-02', 2022: '2022-09-01', 2023: '2023-09-04',
    };
    for (const [year, day] of Object.entries(past)) expect(rentreeDate(Number(year)), year).toBe(day);
    expect(rentreeDate(2028)).toBe('2028-09-04'); // 1 September 2028 is a Friday
    expect(rentreeDate(2032)).toBe('2032-09-02'); // a Wednesday moves to Thursday
  });
  it('falls back to the first Saturday of July for summer', () => {
    expect(summerHolidaysStart(2028)).toBe('2028-07-01');
    expect(summerHolidaysStart(2024)).toBe('2024-07-06');
    for (let year = 2028; year < 2040; year++) expect(weekday(summerHolidaysStart(year))).toBe(6);
  });
});

describe('school years', () => {
  it('builds a year from its rentrée to the eve of summer', () => {
    expect(schoolYearStartingIn(2026)).toEqual({
      id: '2026-2027', startsOn: '2026-09-01', endsOn: '2027-07-02', summerEndsOn: '2027-09-01',
    });
    expect(schoolYearStartingIn(2024)).toEqual({
      id: '2024-2025', startsOn: '2024-09-02', endsOn: '2025-07-04', summerEndsOn: '2025-08-31',
    });
  });
  it('parses ids', () => {
    expect(schoolYearById('2025-2026')?.startsOn).toBe('2025-09-01');
    expect(schoolYearById('2025-2027')).toBeUndefined();
    expect(schoolYearById('2025')).toBeUndefined();
  });
  it('finds the year containing a day', () => {
    expect(schoolYearContaining('2026-09-01')?.id).toBe('2026-2027');
    expect(schoolYearContaining('2027-01-15')?.id).toBe('2026-2027');
    expect(schoolYearContaining('2027-07-02')?.id).toBe('2026-2027');
    expect(schoolYearContaining('2026-08-31')).toBeNull();
    expect(schoolYearContaining('2027-07-03')).toBeNull();
    expect(schoolYearContaining('2025-09-01')?.id).toBe('2025-2026');
  });
  it('attaches summer to the year it ends', () => {
    expect(schoolYearIncludingSummer('2027-07-20').id).toBe('2026-2027');
    expect(schoolYearIncludingSummer('2027-09-01').id).toBe('2026-2027');
    expect(schoolYearIncludingSummer('2027-09-02').id).toBe('2027-2028');
    expect(schoolYearIncludingSummer('2026-08-31').id).toBe('2025-2026');
  });
});

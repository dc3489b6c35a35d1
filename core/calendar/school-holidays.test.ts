import { describe, expect, it } from 'vitest';
import {
  holidayPeriodContaining, isSchoolHoliday, nextHolidayPeriod, nextHolidayPeriodStart, periodContains, resolveOpenEnds,
  type SchoolHolidayPeriod,
} from './school-holidays';

const period = (zone: string, start: string, end: string | null, description = 'Vacances'): SchoolHolidayPeriod =>
  ({ description, zone, start, end, schoolYear: '2026-2027' });

const periods: SchoolHolidayPeriod[] = [
  period('Zone A', '2026-10-17', '2026-11-01', 'Vacances de la Toussaint'),
  period('Zone A', '2026-12-19', '2027-01-03', 'Vacances de Noël'),
  period('Zone B', '2026-10-17', '2026-11-01', 'Vacances de la Toussaint'),
  period('Polynésie', '2027-07-03', '2027-08-23', 'Grandes Vacances (second degré)'),
  period('Polynésie', '2027-07-02', '2027-08-23', 'Grandes Vacances (premier degré)'),
  period('Réunion', '2027-07-03', null, "Vacances d'Hiver austral"),
];

describe('school holiday queries', () => {
  it('treats both ends as days without school', () => {
    expect(isSchoolHoliday('2026-10-16', 'Zone A', periods)).toBe(false);
    expect(isSchoolHoliday('2026-10-17', 'Zone A', periods)).toBe(true);
    expect(isSchoolHoliday('2026-11-01', 'Zone A', periods)).toBe(true);
    expect(isSchoolHoliday('2026-11-02', 'Zone A', periods)).toBe(false);
  });
  it('only looks at the given zone', () => {
    expect(isSchoolHoliday('2026-12-21', 'Zone A', periods)).toBe(true);
    expect(isSchoolHoliday('2026-12-21', 'Zone B', periods)).toBe(false);
    expect(isSchoolHoliday('2026-10-20', 'Zone C', periods)).toBe(false);
  });
  it('returns the containing period, the earliest when they overlap', () => {
    expect(holidayPeriodContaining('2026-12-31', 'Zone A', periods)?.description).toBe('Vacances de Noël');
    expect(holidayPeriodContaining('2027-07-10', 'Polynésie', periods)?.start).toBe('2027-07-02');
    expect(holidayPeriodContaining('2027-01-04', 'Zone A', periods)).toBeUndefined();
  });
  it('treats an open-ended period as lasting', () => {
    expect(periodContains(periods[5] as SchoolHolidayPeriod, '2027-07-02')).toBe(false);
    expect(isSchoolHoliday('2027-07-03', 'Réunion', periods)).toBe(true);
    expect(isSchoolHoliday('2028-01-01', 'Réunion', periods)).toBe(true);
  });
  it('finds the next period strictly after the day', () => {
    expect(nextHolidayPeriodStart('2026-09-01', 'Zone A', periods)).toBe('2026-10-17');
    expect(nextHolidayPeriodStart('2026-10-17', 'Zone A', periods)).toBe('2026-12-19');
    expect(nextHolidayPeriod('2026-10-20', 'Zone A', periods)?.description).toBe('Vacances de Noël');
    expect(nextHolidayPeriodStart('2027-07-01', 'Polynésie', periods)).toBe('2027-07-02');
    expect(nextHolidayPeriodStart('2027-01-04', 'Zone A', periods)).toBeUndefined();
  });
});

describe('resolveOpenEnds', () => {
  it('ends an open period the day before the first later rentrée of its zone', () => {
    const resolved = resolveOpenEnds(periods, [
      { zone: 'Réunion', day: '2028-08-20' },
      { zone: 'Réunion', day: '2027-08-19' },
      { zone: 'Réunion', day: '2026-08-18' },
      { zone: 'Zone A', day: '2027-07-20' },
    ]);
    expect(resolved[5]?.end).toBe('2027-08-18');
    expect(resolved.slice(0, 5)).toEqual(periods.slice(0, 5));
  });
  it('leaves it open when no rentrée is known', () => {
    expect(resolveOpenEnds(periods, [{ zone: 'Zone A', day: '2027-09-02' }])[5]?.end).toBeNull();
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { holidayZoneForDepartement } from './academies';
import { addDays } from './plain-date';
import { holidayPeriodContaining, isSchoolHoliday } from './school-holidays';
import { schoolYearStartingIn } from './school-year';
import { shippedAcademies, shippedSchoolHolidays } from './shipped-data';

const SHARED = '/work/shared/data/calendar';

describe('shipped calendar data', () => {
  for (const file of ['vacances-scolaires.csv', 'academies-zones.csv', 'jours-feries-2024-2028.csv']) {
    it.skipIf(!existsSync(`${SHARED}/${file}`))(`${file} is an unchanged copy of the reference file`, () => {
      const shipped = readFileSync(new URL(`./data/${file}`, import.meta.url));
      expect(shipped.equals(readFileSync(`${SHARED}/${file}`))).toBe(true);
    });
  }

  it('parses without errors and keeps every row', () => {
    expect(shippedSchoolHolidays()).toHaveLength(243);
    expect(new Set(shippedSchoolHolidays().map((p) => p.zone)).size).toBe(13);
    expect(shippedAcademies()).toHaveLength(107);
    expect(shippedSchoolHolidays()).toBe(shippedSchoolHolidays()); // parsed once
  });

  it('maps every listed département to a zone that has holidays', () => {
    const zones = new Set(shippedSchoolHolidays().map((p) => p.zone));
    for (const row of shippedAcademies()) expect(zones.has(row.zone), row.departement).toBe(true);
    expect(holidayZoneForDepartement('75', shippedAcademies())).toBe('Zone C');
    expect(holidayZoneForDepartement('69', shippedAcademies())).toBe('Zone A');
    expect(holidayZoneForDepartement('67', shippedAcademies())).toBe('Zone B');
    expect(holidayZoneForDepartement('2B', shippedAcademies())).toBe('Corse');
    expect(holidayZoneForDepartement('974', shippedAcademies())).toBe('Réunion');
  });

  it('follows the README example: Zone A Toussaint 2026, classes resume Monday 2 November', () => {
    const periods = shippedSchoolHolidays();
    expect(holidayPeriodContaining('2026-10-20', 'Zone A', periods)).toMatchObject({
      description: 'Vacances de la Toussaint', start: '2026-10-17', end: '2026-11-01',
    });
    expect(isSchoolHoliday('2026-11-02', 'Zone A', periods)).toBe(false);
  });

  it('agrees with the metropolitan school years', () => {
    for (const zone of ['Zone A', 'Zone B', 'Zone C']) {
      for (const year of [2024, 2025, 2026]) {
        const schoolYear = schoolYearStartingIn(year);
        const summer = holidayPeriodContaining(addDays(schoolYear.endsOn, 1), zone, shippedSchoolHolidays());
        expect(summer?.description, `${zone} ${year}`).toBe("Vacances d'Été");
        expect(summer?.start).toBe(addDays(schoolYear.endsOn, 1));
        expect(summer?.end).toBe(schoolYear.summerEndsOn);
        expect(isSchoolHoliday(schoolYear.startsOn, zone, shippedSchoolHolidays())).toBe(false);
      }
    }
  });

  it('keeps overseas start markers open-ended, since their rentrée is unknown', () => {
    const winter = holidayPeriodContaining('2027-08-30', 'Réunion', shippedSchoolHolidays());
    expect(winter).toMatchObject({ description: "Vacances d'Hiver austral", start: '2027-07-03', end: null });
  });
});

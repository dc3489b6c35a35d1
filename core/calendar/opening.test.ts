import { describe, expect, it } from 'vitest';
import { isOpenOn, openingOn, type OpeningRules } from './opening';
import { eachDay } from './plain-date';
import { publicHolidayCalendar } from './public-holiday-lookup';
import { publicHolidays } from './public-holidays';
import type { SchoolHolidayPeriod } from './school-holidays';
import { schoolYearStartingIn } from './school-year';

const holidayPeriods: SchoolHolidayPeriod[] = [
  { description: 'Vacances de la Toussaint', zone: 'Zone A', start: '2026-10-17', end: '2026-11-01', schoolYear: '2026-2027' },
  { description: 'Vacances de la Toussaint', zone: 'Zone C', start: '2026-10-24', end: '2026-11-08', schoolYear: '2026-2027' },
  { description: "Vacances d'Été", zone: 'Zone A', start: '2027-07-03', end: '2027-09-01', schoolYear: '2026-2027' },
];

const canteen: OpeningRules = {
  weekdays: [1, 2, 4, 5],
  period: 'school',
  schoolYear: schoolYearStartingIn(2026),
  zone: 'Zone A',
  holidayPeriods,
  publicHolidays: publicHolidays(2026, 'Métropole'),
  closureDays: [{ day: '2026-12-18', reason: 'Fermeture exceptionnelle' }],
};
const holidayCentre: OpeningRules = { ...canteen, weekdays: [1, 2, 3, 4, 5], period: 'holidays', publicHolidays: publicHolidayCalendar('Métropole') };
const wednesdays: OpeningRules = { ...canteen, weekdays: [3], period: 'both' };

describe('openingOn', () => {
  it('opens on a listed weekday with school', () => {
    expect(openingOn('2026-09-03', canteen)).toEqual({ open: true }); // Thursday
  });
  it('closes on unlisted weekdays', () => {
    expect(openingOn('2026-09-02', canteen)).toEqual({ open: false, reason: 'weekday' }); // Wednesday
    expect(openingOn('2026-09-05', canteen)).toEqual({ open: false, reason: 'weekday' }); // Saturday
  });
  it('closes outside the school year', () => {
    expect(openingOn('2026-08-31', canteen)).toEqual({ open: false, reason: 'outside_school_year', detail: '2026-2027' });
    expect(openingOn('2026-09-01', canteen).open).toBe(true);
    expect(openingOn('2027-07-02', canteen).open).toBe(true); // Friday, last day of classes
    expect(openingOn('2027-07-05', canteen)).toEqual({ open: false, reason: 'outside_school_year', detail: '2026-2027' });
  });
  it('closes on public holidays, naming them', () => {
    expect(openingOn('2026-11-02', canteen).open).toBe(true);
    expect(openingOn('2026-12-25', canteen)).toEqual({ open: false, reason: 'public_holiday', detail: 'Noël' });
    expect(openingOn('2026-11-11', wednesdays)).toEqual({ open: false, reason: 'public_holiday', detail: 'Armistice 1918' });
  });
  it("closes on the site's closure days, with their reason", () => {
    expect(openingOn('2026-12-18', canteen)).toEqual({ open: false, reason: 'closed', detail: 'Fermeture exceptionnelle' });
    expect(openingOn('2026-12-17', canteen).open).toBe(true);
  });
  it('keeps school activities shut during the holidays of their zone only', () => {
    expect(openingOn('2026-10-19', canteen)).toEqual({ open: false, reason: 'holiday', detail: 'Vacances de la Toussaint' });
    expect(openingOn('2026-11-05', canteen).open).toBe(true);
    expect(openingOn('2026-11-05', { ...canteen, zone: 'Zone C' })).toEqual({ open: false, reason: 'holiday', detail: 'Vacances de la Toussaint' });
  });
  it('opens holiday centres only during holidays, summer included', () => {
    expect(openingOn('2026-10-21', holidayCentre)).toEqual({ open: true });
    expect(openingOn('2026-11-04', holidayCentre)).toEqual({ open: false, reason: 'school_day' });
    expect(openingOn('2027-07-20', holidayCentre)).toEqual({ open: true });
    expect(openingOn('2027-07-14', holidayCentre)).toEqual({ open: false, reason: 'public_holiday', detail: 'Fête nationale' });
    expect(openingOn('2027-09-02', holidayCentre)).toEqual({ open: false, reason: 'outside_school_year', detail: '2026-2027' });
  });
  it("opens 'both' activities on school days and holidays alike", () => {
    expect(openingOn('2026-10-21', wednesdays).open).toBe(true);
    expect(openingOn('2026-11-04', wednesdays).open).toBe(true);
    expect(openingOn('2027-08-25', wednesdays).open).toBe(true);
  });
  it('counts the open days of a month', () => {
    const november = eachDay('2026-11-01', '2026-11-30').filter((day) => isOpenOn(day, canteen));
    // 17 Mon/Tue/Thu/Fri from 2 to 30 November (11 November is a Wednesday anyway).
    expect(november).toHaveLength(17);
    expect(november[0]).toBe('2026-11-02');
  });
});

/** The ways callers may hand over public holidays, and one question asked of all of them. */
import type { PlainDate } from './plain-date';
import { publicHolidays, type HolidayRegion, type PublicHoliday } from './public-holidays';

export type PublicHolidayCalendar = { readonly nameOf: (day: PlainDate) => string | undefined };

/** A list (with names), a set of days, or a calendar covering every year. */
export type PublicHolidayLookup = readonly PublicHoliday[] | ReadonlySet<PlainDate> | PublicHolidayCalendar;

const UNNAMED = 'Jour férié';

/** A calendar for all years of a region, computing each year once, on first use. */
export function publicHolidayCalendar(region: HolidayRegion): PublicHolidayCalendar {
  const years = new Map<number, Map<PlainDate, string>>();
  return {
    nameOf(day) {
      const year = Number(day.slice(0, 4));
      let byDay = years.get(year);
      if (!byDay) {
        byDay = new Map();
        for (const holiday of publicHolidays(year, region)) if (!byDay.has(holiday.day)) byDay.set(holiday.day, holiday.name);
        years.set(year, byDay);
      }
      return byDay.get(day);
    },
  };
}

function isList(lookup: PublicHolidayLookup): lookup is readonly PublicHoliday[] {
  return Array.isArray(lookup);
}

function isCalendar(lookup: PublicHolidayLookup): lookup is PublicHolidayCalendar {
  return 'nameOf' in lookup;
}

/** The holiday's name, 'Jour férié' when only a set of days was given, undefined on other days. */
export function publicHolidayName(lookup: PublicHolidayLookup, day: PlainDate): string | undefined {
  if (isList(lookup)) return lookup.find((holiday) => holiday.day === day)?.name;
  if (isCalendar(lookup)) return lookup.nameOf(day);
  return lookup.has(day) ? UNNAMED : undefined;
}

export function isPublicHoliday(lookup: PublicHolidayLookup, day: PlainDate): boolean {
  return publicHolidayName(lookup, day) !== undefined;
}

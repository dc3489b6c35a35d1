/** Whether an activity runs on a day, and if not, why (shown to parents on locked planning cells). */
import { isWithin, weekday, type PlainDate } from './plain-date';
import { publicHolidayName, type PublicHolidayLookup } from './public-holiday-lookup';
import { holidayPeriodContaining, type SchoolHolidayPeriod, type SchoolZone } from './school-holidays';
import type { SchoolYear } from './school-year';

/** 'school': outside school holidays only; 'holidays': holiday centres, during them only; 'both': either. */
export type ActivityPeriod = 'school' | 'holidays' | 'both';

export type ClosureDay = { day: PlainDate; reason: string };

export type OpeningRules = {
  /** ISO weekdays the activity runs on (1 = Monday … 7 = Sunday). */
  weekdays: readonly number[];
  period: ActivityPeriod;
  schoolYear: SchoolYear;
  zone: SchoolZone;
  holidayPeriods: readonly SchoolHolidayPeriod[];
  publicHolidays: PublicHolidayLookup;
  closureDays: readonly ClosureDay[];
};

/** 'school_day': a holidays-only activity on a day with school. */
export type ClosedReason = 'outside_school_year' | 'weekday' | 'public_holiday' | 'closed' | 'holiday' | 'school_day';

export type Opening = { open: true } | { open: false; reason: ClosedReason; detail?: string };

function closed(reason: ClosedReason, detail?: string): Opening {
  return detail === undefined ? { open: false, reason } : { open: false, reason, detail };
}

/**
 * Checks in order: school-year bounds (holiday activities run until the eve of the next rentrée), weekday,
 * public holiday, the site's closure days, then school holidays against the activity's period.
 */
export function openingOn(day: PlainDate, rules: OpeningRules): Opening {
  const { schoolYear } = rules;
  const lastDay = rules.period === 'school' ? schoolYear.endsOn : schoolYear.summerEndsOn;
  if (!isWithin(day, schoolYear.startsOn, lastDay)) return closed('outside_school_year', schoolYear.id);
  if (!rules.weekdays.includes(weekday(day))) return closed('weekday');
  const holidayName = publicHolidayName(rules.publicHolidays, day);
  if (holidayName !== undefined) return closed('public_holiday', holidayName);
  const closure = rules.closureDays.find((closureDay) => closureDay.day === day);
  if (closure) return closed('closed', closure.reason);
  const holidays = holidayPeriodContaining(day, rules.zone, rules.holidayPeriods);
  if (rules.period === 'school' && holidays) return closed('holiday', holidays.description);
  if (rules.period === 'holidays' && !holidays) return closed('school_day');
  return { open: true };
}

export function isOpenOn(day: PlainDate, rules: OpeningRules): boolean {
  return openingOn(day, rules).open;
}

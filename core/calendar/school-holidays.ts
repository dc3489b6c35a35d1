/** School holiday periods per zone ('Zone A', 'Corse', 'Réunion'…), as published by the Éducation nationale. */
import { addDays, type PlainDate } from './plain-date';

/** Zone names as in vacances-scolaires.csv and academies-zones.csv. */
export type SchoolZone = string;

export type SchoolHolidayPeriod = {
  description: string;
  zone: SchoolZone;
  /** First day without school. */
  start: PlainDate;
  /** Last day without school; null when only the start was published (open-ended). */
  end: PlainDate | null;
  /** '2026-2027', or '2026' for the southern-hemisphere calendar (Nouvelle-Calédonie, Wallis-et-Futuna). */
  schoolYear: string;
};

export function periodContains(period: SchoolHolidayPeriod, day: PlainDate): boolean {
  return period.start <= day && (period.end === null || day <= period.end);
}

/** The zone's period containing the day; when periods overlap, the one that started first. */
export function holidayPeriodContaining(
  day: PlainDate, zone: SchoolZone, periods: readonly SchoolHolidayPeriod[],
): SchoolHolidayPeriod | undefined {
  let found: SchoolHolidayPeriod | undefined;
  for (const period of periods) {
    if (period.zone === zone && periodContains(period, day) && (!found || period.start < found.start)) found = period;
  }
  return found;
}

export function isSchoolHoliday(day: PlainDate, zone: SchoolZone, periods: readonly SchoolHolidayPeriod[]): boolean {
  return holidayPeriodContaining(day, zone, periods) !== undefined;
}

/** The zone's first period starting strictly after the day. */
export function nextHolidayPeriod(
  day: PlainDate, zone: SchoolZone, periods: readonly SchoolHolidayPeriod[],
): SchoolHolidayPeriod | undefined {
  let found: SchoolHolidayPeriod | undefined;
  for (const period of periods) {
    if (period.zone === zone && period.start > day && (!found || period.start < found.start)) found = period;
  }
  return found;
}

export function nextHolidayPeriodStart(
  day: PlainDate, zone: SchoolZone, periods: readonly SchoolHolidayPeriod[],
): PlainDate | undefined {
  return nextHolidayPeriod(day, zone, periods)?.start;
}

export type Rentree = { zone: SchoolZone; day: PlainDate };

/**
 * Closes open-ended periods (summer start markers): they last until the day before the zone's first known
 * rentrée after their start. Periods with no known rentrée stay open-ended.
 */
export function resolveOpenEnds(
  periods: readonly SchoolHolidayPeriod[], rentrees: readonly Rentree[],
): SchoolHolidayPeriod[] {
  return periods.map((period) => {
    if (period.end !== null) return period;
    const next = rentrees
      .filter((rentree) => rentree.zone === period.zone && rentree.day > period.start)
      .reduce<PlainDate | undefined>((first, rentree) => (first === undefined || rentree.day < first ? rentree.day : first), undefined);
    return next === undefined ? period : { ...period, end: addDays(next, -1) };
  });
}

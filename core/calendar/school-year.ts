/** Metropolitan school years (zones A, B, C): from the rentrée to the day before the summer holidays. */
import { addDays, fromParts, nextWeekdayOnOrAfter, toParts, type PlainDate } from './plain-date';

export type SchoolYear = {
  /** '2026-2027' */
  id: string;
  /** Rentrée: first day of classes. */
  startsOn: PlainDate;
  /** Last day of classes, the day before the summer holidays. */
  endsOn: PlainDate;
  /** Last day of the following summer holidays, the day before the next rentrée (holiday centres run until then). */
  summerEndsOn: PlainDate;
};

/** Published dates (data/calendar/README.md). */
const KNOWN_RENTREES: Readonly<Record<number, PlainDate>> = {
  2024: '2024-09-02', 2025: '2025-09-01', 2026: '2026-09-01', 2027: '2027-09-02',
};
const KNOWN_SUMMER_STARTS: Readonly<Record<number, PlainDate>> = {
  2025: '2025-07-05', 2026: '2026-07-04', 2027: '2027-07-03',
};

/** The published rentrée of that September, if known. */
export function knownRentree(year: number): PlainDate | undefined {
  return KNOWN_RENTREES[year];
}

/**
 * Rentrée of that September. Fallback rule: the first Monday, Tuesday or Thursday on or after 1 September
 * (never a Wednesday, Friday or week-end), which reproduces every rentrée from 2015 to 2027.
 */
export function rentreeDate(year: number): PlainDate {
  return KNOWN_RENTREES[year] ?? nextWeekdayOnOrAfter(fromParts(year, 9, 1), [1, 2, 4]);
}

/** First day of the summer holidays of that July. Fallback rule: the first Saturday of July. */
export function summerHolidaysStart(year: number): PlainDate {
  return KNOWN_SUMMER_STARTS[year] ?? nextWeekdayOnOrAfter(fromParts(year, 7, 1), [6]);
}

export function schoolYearStartingIn(year: number): SchoolYear {
  return {
    id: `${year}-${year + 1}`,
    startsOn: rentreeDate(year),
    endsOn: addDays(summerHolidaysStart(year + 1), -1),
    summerEndsOn: addDays(rentreeDate(year + 1), -1),
  };
}

/** '2026-2027' → that school year; undefined for a malformed id. */
export function schoolYearById(id: string): SchoolYear | undefined {
  const match = /^(\d{4})-(\d{4})$/.exec(id);
  if (!match || Number(match[2]) !== Number(match[1]) + 1 || Number(match[1]) < 1) return undefined;
  return schoolYearStartingIn(Number(match[1]));
}

/** The school year whose rentrée-to-next-rentrée span contains the day: summer counts with the year it ends. */
export function schoolYearIncludingSummer(day: PlainDate): SchoolYear {
  const { year } = toParts(day);
  return schoolYearStartingIn(day >= rentreeDate(year) ? year : year - 1);
}

/** The school year whose classes period contains the day, or null during the summer holidays. */
export function schoolYearContaining(day: PlainDate): SchoolYear | null {
  const schoolYear = schoolYearIncludingSummer(day);
  return day <= schoolYear.endsOn ? schoolYear : null;
}

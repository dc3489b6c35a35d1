/**
 * Calendar days as 'YYYY-MM-DD' text, the storage and wire format (DESIGN.md, Time).
 * Arithmetic runs on an integer day number (days since 1970-01-01), never on `Date` + 24 h,
 * so daylight-saving changes cannot shift a day.
 */
export type PlainDate = string;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type DateParts = { year: number; month: number; day: number };

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function validParts(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
    year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

/** Strict: zero-padded, existing day (rejects '2026-02-30', '2026-2-3', '2026-02-03T00:00'). */
export function isPlainDate(value: unknown): value is PlainDate {
  if (typeof value !== 'string') return false;
  const match = PATTERN.exec(value);
  return match !== null && validParts(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function toParts(date: PlainDate): DateParts {
  if (!isPlainDate(date)) throw new RangeError(`Invalid PlainDate: ${JSON.stringify(date)}`);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

export function fromParts(year: number, month: number, day: number): PlainDate {
  if (!validParts(year, month, day)) throw new RangeError(`Invalid date parts: ${year}-${month}-${day}`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil, proleptic Gregorian). */
export function toDayNumber(date: PlainDate): number {
  const { year, month, day } = toParts(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Inverse of toDayNumber (civil_from_days). */
export function fromDayNumber(dayNumber: number): PlainDate {
  if (!Number.isInteger(dayNumber)) throw new RangeError(`Invalid day number: ${dayNumber}`);
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return fromParts(year, month, day);
}

export function addDays(date: PlainDate, days: number): PlainDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Number of days from `from` to `to`: positive when `to` is later. */
export function diffDays(from: PlainDate, to: PlainDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function weekday(date: PlainDate): IsoWeekday {
  // Day 0 (1970-01-01) was a Thursday.
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7 + 1) as IsoWeekday;
}

/** Valid PlainDates sort like their text, so a string comparison is exact. */
export function compare(a: PlainDate, b: PlainDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Inclusive on both ends. */
export function isWithin(date: PlainDate, from: PlainDate, to: PlainDate): boolean {
  return from <= date && date <= to;
}

export function startOfMonth(date: PlainDate): PlainDate {
  const { year, month } = toParts(date);
  return fromParts(year, month, 1);
}

export function endOfMonth(date: PlainDate): PlainDate {
  const { year, month } = toParts(date);
  return fromParts(year, month, daysInMonth(year, month));
}

/** Clamped to the target month's last day: 2026-01-31 + 1 month = 2026-02-28. */
export function addMonths(date: PlainDate, months: number): PlainDate {
  if (!Number.isInteger(months)) throw new RangeError(`Invalid month count: ${months}`);
  const { year, month, day } = toParts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return fromParts(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** Every day from `from` to `to`, both included; empty when `to` is before `from`. */
export function eachDay(from: PlainDate, to: PlainDate): PlainDate[] {
  const first = toDayNumber(from);
  const last = toDayNumber(to);
  const days: PlainDate[] = [];
  for (let n = first; n <= last; n++) days.push(fromDayNumber(n));
  return days;
}

/** The Monday of the ISO week (Monday–Sunday) containing the date. */
export function startOfWeek(date: PlainDate): PlainDate {
  return addDays(date, 1 - weekday(date));
}

/** The first day on or after `date` whose ISO weekday is in `weekdays`. */
export function nextWeekdayOnOrAfter(date: PlainDate, weekdays: readonly IsoWeekday[]): PlainDate {
  if (weekdays.length === 0) throw new RangeError('No weekday given');
  let day = date;
  while (!weekdays.includes(weekday(day))) day = addDays(day, 1);
  return day;
}

/** The last given weekday of a month, e.g. the last Sunday of March. */
export function lastWeekdayOfMonth(year: number, month: number, isoWeekday: IsoWeekday): PlainDate {
  const last = fromParts(year, month, daysInMonth(year, month));
  return addDays(last, -((weekday(last) - isoWeekday + 7) % 7));
}

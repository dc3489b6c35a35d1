/** Working days for deadlines: Monday to Friday, minus public holidays. */
import { addDays, weekday, type PlainDate } from './plain-date';
import { isPublicHoliday, type PublicHolidayLookup } from './public-holiday-lookup';

export function isWorkingDay(day: PlainDate, publicHolidays: PublicHolidayLookup): boolean {
  return weekday(day) <= 5 && !isPublicHoliday(publicHolidays, day);
}

/** The working day `count` working days before `day` (the day itself is not counted; 0 returns it unchanged). */
export function workingDaysBefore(day: PlainDate, count: number, publicHolidays: PublicHolidayLookup): PlainDate {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`Invalid working-day count: ${count}`);
  let current = day;
  for (let remaining = count; remaining > 0;) {
    current = addDays(current, -1);
    if (isWorkingDay(current, publicHolidays)) remaining--;
  }
  return current;
}

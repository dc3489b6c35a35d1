// Public API of the calendar domain. The shipped data files are read by './shipped-data' (node:fs),
// imported separately so that this module stays free of Node built-ins.
export {
  addDays, addMonths, compare, daysInMonth, diffDays, eachDay, endOfMonth, fromDayNumber, fromParts, isLeapYear,
  isPlainDate, isWithin, lastWeekdayOfMonth, nextWeekdayOnOrAfter, startOfMonth, startOfWeek, toDayNumber, toParts,
  weekday,
} from './plain-date';
export type { DateParts, IsoWeekday, PlainDate } from './plain-date';
export { isWallClockTime, minutesToWallClock, wallClockToMinutes } from './wall-clock-time';
export type { WallClockTime } from './wall-clock-time';
export { instantToParis, parisOffsetMinutes, parisToday, parisWallClockToInstant } from './paris-time';
export type { ParisWallClock } from './paris-time';
export { departementFromInseeCode, normalizeDepartementCode } from './departement';
export { easterSunday } from './easter';
export { HOLIDAY_REGIONS, isHolidayRegion, publicHolidays, regionForDepartement } from './public-holidays';
export type { HolidayRegion, PublicHoliday } from './public-holidays';
export { isPublicHoliday, publicHolidayCalendar, publicHolidayName } from './public-holiday-lookup';
export type { PublicHolidayCalendar, PublicHolidayLookup } from './public-holiday-lookup';
export type { CsvIssue, CsvResult } from './csv';
export {
  holidayPeriodContaining, isSchoolHoliday, nextHolidayPeriod, nextHolidayPeriodStart, periodContains, resolveOpenEnds,
} from './school-holidays';
export type { Rentree, SchoolHolidayPeriod, SchoolZone } from './school-holidays';
export { parseSchoolHolidaysCsv } from './school-holidays-csv';
export { periodAppliesToDepartement, periodsForDepartement } from './school-holiday-territory';
export { holidayZoneForDepartement, parseAcademiesCsv } from './academies';
export type { AcademyRow } from './academies';
export {
  knownRentree, rentreeDate, schoolYearById, schoolYearContaining, schoolYearIncludingSummer, schoolYearStartingIn,
  summerHolidaysStart,
} from './school-year';
export type { SchoolYear } from './school-year';
export { isOpenOn, openingOn } from './opening';
export type { ActivityPeriod, ClosedReason, ClosureDay, Opening, OpeningRules } from './opening';
export { isWorkingDay, workingDaysBefore } from './working-days';
export { deadlineDay, deadlineFor, deadlineRuleErrors, describeDeadline, isBeforeDeadline } from './deadlines';
export type { DeadlineContext, DeadlineDescription, DeadlineRule, DeadlineRules } from './deadlines';
export { formatDayFr, formatDayTimeFr, formatDeadlineFr } from './french-format';
export type { FrenchFormatOptions } from './french-format';

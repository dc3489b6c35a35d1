/**
 * Booking and cancellation deadlines (délais de prévenance), each activity having one rule for adding a day
 * and one for cancelling it. Rules are read on the Paris wall clock, then turned into a UTC instant.
 */
import { instantToParis, parisWallClockToInstant } from './paris-time';
import { addDays, startOfWeek, weekday, type IsoWeekday, type PlainDate } from './plain-date';
import type { PublicHolidayLookup } from './public-holiday-lookup';
import { holidayPeriodContaining, type SchoolHolidayPeriod, type SchoolZone } from './school-holidays';
import { isWallClockTime, type WallClockTime } from './wall-clock-time';
import { workingDaysBefore } from './working-days';

export type DeadlineRule =
  /** "J-2 à 12:00, week-ends non comptés": N (working) days before the day, at that time. */
  | { kind: 'days_before'; days: number; time: WallClockTime; workingDaysOnly: boolean }
  /** "Jeudi 09:00 pour toute la semaine suivante" (weeks run Monday to Sunday). */
  | { kind: 'weekday_of_previous_week'; weekday: IsoWeekday; time: WallClockTime }
  /** Holiday centres: N (working) days before the first day of the holidays containing the day. */
  | { kind: 'days_before_holiday_period'; days: number; time: WallClockTime; workingDaysOnly?: boolean };

export type DeadlineRules = { add: DeadlineRule; cancel: DeadlineRule };

export type DeadlineContext = {
  zone: SchoolZone;
  holidayPeriods: readonly SchoolHolidayPeriod[];
  publicHolidays: PublicHolidayLookup;
};

export type DeadlineDescription = { instant: Date; day: PlainDate; time: WallClockTime; weekday: IsoWeekday };

const MAX_DAYS = 366;

/** Problems with a rule as staff typed it, in French; empty when the rule is usable. */
export function deadlineRuleErrors(rule: DeadlineRule): string[] {
  const errors: string[] = [];
  if (rule.kind === 'weekday_of_previous_week') {
    if (!Number.isInteger(rule.weekday) || rule.weekday < 1 || rule.weekday > 7) {
      errors.push('Le jour de la semaine doit être compris entre 1 (lundi) et 7 (dimanche).');
    }
  } else if (!Number.isInteger(rule.days) || rule.days < 0 || rule.days > MAX_DAYS) {
    errors.push(`Le nombre de jours doit être un entier entre 0 et ${MAX_DAYS}.`);
  }
  if (!isWallClockTime(rule.time)) errors.push("L'heure doit être au format HH:MM, par exemple 09:30.");
  return errors;
}

function daysBefore(day: PlainDate, days: number, workingDaysOnly: boolean, context: DeadlineContext): PlainDate {
  return workingDaysOnly ? workingDaysBefore(day, days, context.publicHolidays) : addDays(day, -days);
}

/** The Paris calendar day on which the deadline for `day` falls. */
export function deadlineDay(day: PlainDate, rule: DeadlineRule, context: DeadlineContext): PlainDate {
  const errors = deadlineRuleErrors(rule);
  if (errors.length > 0) throw new RangeError(`Invalid deadline rule: ${errors.join(' ')}`);
  switch (rule.kind) {
    case 'days_before':
      return daysBefore(day, rule.days, rule.workingDaysOnly, context);
    case 'weekday_of_previous_week':
      return addDays(startOfWeek(day), rule.weekday - 8);
    case 'days_before_holiday_period': {
      const period = holidayPeriodContaining(day, context.zone, context.holidayPeriods);
      return daysBefore(period?.start ?? day, rule.days, rule.workingDaysOnly ?? false, context);
    }
  }
}

/** The last instant at which the change is still allowed is just before this one. */
export function deadlineFor(day: PlainDate, rule: DeadlineRule, context: DeadlineContext): Date {
  return parisWallClockToInstant(deadlineDay(day, rule, context), rule.time);
}

/** True while the deadline has not been reached: at the deadline itself it is too late. */
export function isBeforeDeadline(now: Date, day: PlainDate, rule: DeadlineRule, context: DeadlineContext): boolean {
  return now.getTime() < deadlineFor(day, rule, context).getTime();
}

/** What the UI needs for "Modifiable jusqu'au jeudi 3 décembre à 10:00". */
export function describeDeadline(day: PlainDate, rule: DeadlineRule, context: DeadlineContext): DeadlineDescription {
  const instant = deadlineFor(day, rule, context);
  const paris = instantToParis(instant);
  return { instant, day: paris.day, time: paris.time, weekday: weekday(paris.day) };
}

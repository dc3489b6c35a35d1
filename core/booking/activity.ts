/** An activity as the booking rules read it, and the calendar facts every rule needs. */
import {
  deadlineRuleErrors, type ClosureDay, type DeadlineContext, type DeadlineRule, type DeadlineRules, type OpeningRules,
  type PlainDate, type SchoolYear,
} from '../calendar';
import type { BookableActivity } from './model';

export interface ActivityRecord extends BookableActivity {
  schoolYear: SchoolYear;
  /** When full, parents may join the waiting list (otherwise a full day is locked). */
  waitingList: boolean;
}

/** The commune's calendar: holiday zone, its school holidays (shipped or imported), its public holidays. */
export type BookingCalendar = DeadlineContext;

/** The last day the activity can run in its school year (holiday centres run through the summer). */
export function activityLastDay(activity: Pick<ActivityRecord, 'period' | 'schoolYear'>): PlainDate {
  return activity.period === 'school' ? activity.schoolYear.endsOn : activity.schoolYear.summerEndsOn;
}

/** Whether the activity's school year (as it runs) meets [from, to]. */
export function activityOverlaps(activity: Pick<ActivityRecord, 'period' | 'schoolYear'>, from: PlainDate, to: PlainDate): boolean {
  return activity.schoolYear.startsOn <= to && activityLastDay(activity) >= from;
}

export function openingRulesFor(
  activity: Pick<ActivityRecord, 'weekdays' | 'period' | 'schoolYear'>,
  calendar: BookingCalendar,
  closureDays: readonly ClosureDay[],
): OpeningRules {
  return {
    weekdays: activity.weekdays,
    period: activity.period,
    schoolYear: activity.schoolYear,
    zone: calendar.zone,
    holidayPeriods: calendar.holidayPeriods,
    publicHolidays: calendar.publicHolidays,
    closureDays,
  };
}

const KINDS = ['days_before', 'weekday_of_previous_week', 'days_before_holiday_period'] as const;

/** Reads a deadline rule stored as JSON text (activities.add_deadline); throws on a rule that cannot be used. */
export function parseDeadlineRule(text: string): DeadlineRule {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`Invalid deadline rule (not JSON): ${text}`);
  }
  if (typeof value !== 'object' || value === null || !KINDS.includes((value as { kind?: never }).kind ?? ('' as never))) {
    throw new Error(`Invalid deadline rule: ${text}`);
  }
  const rule = value as DeadlineRule;
  const errors = deadlineRuleErrors(rule);
  if (errors.length > 0) throw new Error(`Invalid deadline rule ${text}: ${errors.join(' ')}`);
  return rule;
}

export function parseDeadlineRules(add: string, cancel: string): DeadlineRules {
  return { add: parseDeadlineRule(add), cancel: parseDeadlineRule(cancel) };
}

/** ISO weekdays stored as '1,2,4,5'. */
export function parseWeekdays(text: string): number[] {
  return text
    .split(',')
    .map((part) => Number(part.trim()))
    .filter((n) => Number.isInteger(n) && n >= 1 && n <= 7);
}

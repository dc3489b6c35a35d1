/**
 * « Vous pouvez modifier la semaine du 7 décembre jusqu'au jeudi 3 décembre à 10:00 »: the first week (from the
 * current one) whose first open day can still be booked, and the booking deadline of that day. A week whose first
 * open day is past or closed to changes is skipped, so the sentence never promises a week that is partly locked.
 */
import { addDays, deadlineFor, openingOn, parisToday, startOfWeek, type ClosureDay, type PlainDate } from '../calendar';
import { openingRulesFor, type ActivityRecord, type BookingCalendar } from './activity';

export interface NextDeadline {
  weekStart: PlainDate;
  /** ISO-8601 UTC instant of the booking deadline. */
  deadline: string;
  activityId: string;
  activityName: string;
}

function forActivity(
  activity: ActivityRecord, calendar: BookingCalendar, closureDays: readonly ClosureDay[], now: Date, from: PlainDate, horizonWeeks: number,
): NextDeadline | null {
  const today = parisToday(now);
  const rules = openingRulesFor(activity, calendar, closureDays);
  let monday = startOfWeek(from > today ? from : today);
  for (let week = 0; week < horizonWeeks; week++, monday = addDays(monday, 7)) {
    let first: PlainDate | null = null;
    for (let i = 0; i < 7 && first === null; i++) if (openingOn(addDays(monday, i), rules).open) first = addDays(monday, i);
    if (first === null || first < today) continue;
    const deadline = deadlineFor(first, activity.deadlines.add, calendar);
    if (now.getTime() < deadline.getTime()) return { weekStart: monday, deadline: deadline.toISOString(), activityId: activity.id, activityName: activity.name };
  }
  return null;
}

/** Over the child's activities: the earliest such week, and on a tie the earliest deadline. */
export function nextDeadline(input: {
  activities: readonly ActivityRecord[];
  calendar: BookingCalendar;
  /** Closure days by site id. */
  closureDays: ReadonlyMap<string, readonly ClosureDay[]>;
  now: Date;
  /** The displayed period's first day: the sentence speaks of that period, or of today's week if later. */
  from?: PlainDate;
  horizonWeeks?: number;
}): NextDeadline | null {
  let best: NextDeadline | null = null;
  for (const activity of input.activities) {
    const found = forActivity(activity, input.calendar, input.closureDays.get(activity.siteId) ?? [], input.now, input.from ?? parisToday(input.now), input.horizonWeeks ?? 26);
    if (found && (!best || found.weekStart < best.weekStart || (found.weekStart === best.weekStart && found.deadline < best.deadline))) {
      best = found;
    }
  }
  return best;
}

/**
 * The planning grid of one child for one activity: for each day, whether the activity runs, what is booked or
 * pending, and whether the parent may change it now — and if not, why (DayCell.lock, shown through
 * aria-describedby). Pure: every fact comes in through `CellInputs`.
 *
 * Order of the checks, the first that applies wins: the activity does not run (holiday, public holiday, closure,
 * weekday, outside the school year) → the day is past → the child is not enrolled → the deadline has passed (for
 * the change the checkbox would make: cancelling a booked day reads the cancellation deadline; adding a day or
 * leaving a waiting list reads the booking deadline) → the day is full and the activity keeps no waiting list.
 * Staff bypass deadlines only: past days, closed days and capacity bind them too.
 */
import {
  deadlineFor, openingOn, parisToday, type ClosedReason, type ClosureDay, type DeadlineRule, type PlainDate,
} from '../calendar';
import { openingRulesFor, type ActivityRecord, type BookingCalendar } from './activity';
import type { BasketAction, BookingStatus, DayCell, LineFailure, LockReason } from './model';

export interface ChildDayState {
  status: BookingStatus;
  /** 1 = next in line, when waiting. */
  waitingPosition: number | null;
  unitPriceCents: number;
}

export interface CellInputs {
  activity: ActivityRecord;
  calendar: BookingCalendar;
  /** The activity's site's closure days (any range: only the days asked are read). */
  closureDays: readonly ClosureDay[];
  /** Accepted enrolment for the activity's school year. */
  enrolled: boolean;
  /** The child's booking rows for this activity, by day (any status). */
  bookings: ReadonlyMap<PlainDate, ChildDayState>;
  /** Reserved places per day, all children together. */
  reserved: ReadonlyMap<PlainDate, number>;
  /** This child's pending basket lines for this activity, by day. */
  pending: ReadonlyMap<PlainDate, BasketAction>;
  now: Date;
  staff: boolean;
}

type Lock = NonNullable<DayCell['lock']>;

const CLOSED_LOCK: Record<ClosedReason, LockReason> = {
  outside_school_year: 'not_open',
  weekday: 'not_open',
  school_day: 'not_open',
  public_holiday: 'public_holiday',
  closed: 'closed',
  holiday: 'holiday',
};

/** The state the planning shows as checked before any pending change: booked, or waiting for a place. */
export type BaseState = 'booked' | 'waiting' | 'none';

export function baseStateOf(booking: Pick<ChildDayState, 'status'> | undefined): BaseState {
  return booking?.status === 'reserved' ? 'booked' : booking?.status === 'waiting' ? 'waiting' : 'none';
}

/** Cancelling a booked day reads the cancellation rule; adding, joining or leaving a waiting list the booking rule. */
export function deadlineRuleFor(activity: Pick<ActivityRecord, 'deadlines'>, base: BaseState): DeadlineRule {
  return base === 'booked' ? activity.deadlines.cancel : activity.deadlines.add;
}

export function changeDeadline(day: PlainDate, activity: Pick<ActivityRecord, 'deadlines'>, base: BaseState, calendar: BookingCalendar): Date {
  return deadlineFor(day, deadlineRuleFor(activity, base), calendar);
}

export function dayCell(day: PlainDate, inputs: CellInputs): DayCell {
  const { activity, calendar, now } = inputs;
  const booking = inputs.bookings.get(day);
  const base = baseStateOf(booking);
  const reserved = inputs.reserved.get(day) ?? 0;
  const opening = openingOn(day, openingRulesFor(activity, calendar, inputs.closureDays));
  const full = opening.open && reserved >= activity.capacity;

  let lock: Lock | null = null;
  if (!opening.open) {
    lock = opening.detail !== undefined && opening.reason !== 'outside_school_year'
      ? { reason: CLOSED_LOCK[opening.reason], detail: opening.detail }
      : { reason: CLOSED_LOCK[opening.reason] };
  } else if (day < parisToday(now)) {
    lock = { reason: 'past' };
  } else if (!inputs.enrolled) {
    lock = { reason: 'not_enrolled' };
  } else {
    const deadline = changeDeadline(day, activity, base, calendar);
    if (!inputs.staff && now.getTime() >= deadline.getTime()) lock = { reason: 'deadline_passed', deadline: deadline.toISOString() };
    else if (full && base === 'none' && !activity.waitingList) lock = { reason: 'full' };
  }

  return {
    day,
    open: opening.open,
    booked: base === 'booked',
    waiting: base === 'waiting',
    waitingPosition: base === 'waiting' ? (booking?.waitingPosition ?? null) : null,
    pending: inputs.pending.get(day) ?? null,
    editable: opening.open && lock === null,
    full,
    lock,
  };
}

export function buildDayCells(days: readonly PlainDate[], inputs: CellInputs): DayCell[] {
  return days.map((day) => dayCell(day, inputs));
}

/** Whether the checkbox shows as checked: the booked/waiting state with the pending change applied. */
export function isChecked(cell: Pick<DayCell, 'booked' | 'waiting' | 'pending'>): boolean {
  if (cell.pending === 'cancel') return false;
  if (cell.pending === 'add' || cell.pending === 'wait') return true;
  return cell.booked || cell.waiting;
}

/**
 * Terminer re-checks each line at that moment, as the cell would: the calendar, the day, the enrolment and the
 * deadline (capacity and the booking's state are the database's business). Null when the line still holds.
 */
export function lineFailure(input: {
  day: PlainDate;
  base: BaseState;
  activity: ActivityRecord;
  calendar: BookingCalendar;
  closureDays: readonly ClosureDay[];
  enrolled: boolean;
  now: Date;
  staff: boolean;
}): LineFailure | null {
  const { day, activity, calendar, now } = input;
  if (!openingOn(day, openingRulesFor(activity, calendar, input.closureDays)).open) return 'not_open';
  if (day < parisToday(now)) return 'deadline_passed';
  if (!input.enrolled) return 'not_enrolled';
  if (!input.staff && now.getTime() >= changeDeadline(day, activity, input.base, calendar).getTime()) return 'deadline_passed';
  return null;
}

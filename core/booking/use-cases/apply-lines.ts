/**
 * Applies basket lines to the bookings, inside the caller's transaction: each line re-checked at that moment
 * (calendar, day, enrolment, deadline unless staff), capacity taken through the database counter, and every place
 * freed by a cancellation handed to the first child on the waiting list. Lines are applied in (activity, day) order
 * so that concurrent transactions lock the counters in the same order.
 */
import { parisToday, type ClosureDay, type PlainDate } from '../../calendar';
import type { ActivityRecord, BookingCalendar } from '../activity';
import { baseStateOf, changeDeadline, lineFailure } from '../day-cells';
import type { BasketLine, LineFailure } from '../model';
import type { BookingRepositories } from '../ports';

export interface Promotion {
  familyId: string;
  childId: string;
  childFirstName: string;
  activityId: string;
  activityName: string;
  day: PlainDate;
  unitPriceCents: number;
  cancelDeadline: string;
}

export interface AppliedLines {
  applied: BasketLine[];
  failed: (BasketLine & { reason: LineFailure })[];
  promotions: Promotion[];
}

export async function applyLines(
  repos: BookingRepositories,
  input: { lines: readonly BasketLine[]; now: Date; staff: boolean; calendar: BookingCalendar },
): Promise<AppliedLines> {
  const result: AppliedLines = { applied: [], failed: [], promotions: [] };
  if (input.lines.length === 0) return result;
  const lines = [...input.lines].sort(
    (a, b) => a.activityId.localeCompare(b.activityId) || a.day.localeCompare(b.day) || a.childId.localeCompare(b.childId),
  );
  const activityIds = [...new Set(lines.map((l) => l.activityId))];
  const childIds = [...new Set(lines.map((l) => l.childId))];
  const activities = new Map((await repos.planning.activities(activityIds)).map((a) => [a.id, a]));
  const enrolled = new Set(
    (await repos.planning.enrolments(childIds, activityIds)).filter((e) => e.status === 'accepted').map((e) => `${e.childId}:${e.activityId}`),
  );
  const days = lines.map((l) => l.day).sort();
  const siteIds = [...new Set([...activities.values()].map((a) => a.siteId))];
  const closures = await repos.planning.closureDays(siteIds, days[0], days[days.length - 1]);
  const closuresOf = (siteId: string): ClosureDay[] => closures.filter((c) => c.siteId === siteId);

  for (const line of lines) {
    const fail = (reason: LineFailure) => result.failed.push({ ...line, reason });
    const activity = activities.get(line.activityId);
    if (!activity) { fail('not_open'); continue; }
    const booking = await repos.bookings.find(line.childId, line.activityId, line.day);
    const base = baseStateOf(booking ?? undefined);
    const blocked = lineFailure({
      day: line.day, base, activity, calendar: input.calendar, closureDays: closuresOf(activity.siteId),
      enrolled: enrolled.has(`${line.childId}:${line.activityId}`), now: input.now, staff: input.staff,
    });
    if (blocked) { fail(blocked); continue; }

    if (line.action === 'cancel') {
      if (base === 'none' || !booking) { fail('not_booked'); continue; }
      if (base === 'waiting') {
        if (await repos.bookings.changeStatus(booking.id, 'waiting', 'cancelled', input.now)) result.applied.push(line);
        else fail('not_booked');
        continue;
      }
      if (!(await repos.bookings.changeStatus(booking.id, 'reserved', 'cancelled', input.now))) { fail('not_booked'); continue; }
      await repos.bookings.releasePlace(activity.id, line.day);
      result.applied.push(line);
      const promotion = await promoteFirstWaiting(repos, { activity, day: line.day, now: input.now, calendar: input.calendar });
      if (promotion) result.promotions.push(promotion);
      continue;
    }

    // 'add' or 'wait'.
    if (base === 'booked') { fail('already_booked'); continue; }
    const newBooking = { childId: line.childId, activityId: activity.id, day: line.day, unitPriceCents: line.unitPriceCents };
    if (await repos.bookings.takePlace(activity.id, line.day, activity.capacity)) {
      if (await repos.bookings.reserve(newBooking, input.now)) {
        // A waiting-list line that finds a place free is simply booked.
        result.applied.push(line.action === 'wait' ? { ...line, action: 'add', amountCents: line.unitPriceCents } : line);
      } else {
        await repos.bookings.releasePlace(activity.id, line.day);
        fail('already_booked');
      }
      continue;
    }
    // Full by now: where the activity keeps a waiting list, the child joins it rather than being turned away.
    if (activity.waitingList) {
      if (base === 'waiting') fail('already_booked');
      else if (await repos.bookings.enqueue(newBooking, input.now)) result.applied.push({ ...line, action: 'wait', amountCents: 0 });
      else fail('already_booked');
      continue;
    }
    fail('full');
  }
  return result;
}

/**
 * A place freed on that day goes to the first child in line — as long as that family could still cancel it
 * (before the cancellation deadline): nobody is handed a day they can no longer refuse and must pay.
 */
export async function promoteFirstWaiting(
  repos: BookingRepositories,
  input: { activity: ActivityRecord; day: PlainDate; now: Date; calendar: BookingCalendar },
): Promise<Promotion | null> {
  const { activity, day, now } = input;
  if (day < parisToday(now)) return null;
  const cancelDeadline = changeDeadline(day, activity, 'booked', input.calendar);
  if (now.getTime() >= cancelDeadline.getTime()) return null;
  for (let attempt = 0; attempt < 10; attempt++) {
    const first = await repos.bookings.firstWaiting(activity.id, day);
    if (!first) return null;
    if (!(await repos.bookings.takePlace(activity.id, day, activity.capacity))) return null;
    if (await repos.bookings.changeStatus(first.id, 'waiting', 'reserved', now)) {
      return {
        familyId: first.familyId,
        childId: first.childId,
        childFirstName: first.childFirstName,
        activityId: activity.id,
        activityName: activity.name,
        day,
        unitPriceCents: first.unitPriceCents,
        cancelDeadline: cancelDeadline.toISOString(),
      };
    }
    // Left the queue in the meantime: give the place back and look again.
    await repos.bookings.releasePlace(activity.id, day);
  }
  return null;
}

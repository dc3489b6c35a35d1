/** Loads one child's planning rows over a date range: activities, cells, prices. Reads only. */
import type { ClosureDay, PlainDate } from '../../calendar';
import { eachDay, parisToday } from '../../calendar';
import { formatEuros, gridInForce, NBSP, unitPrice, type UnitPrice } from '../../pricing';
import { activityOverlaps, type ActivityRecord, type BookingCalendar } from '../activity';
import { buildDayCells, type ChildDayState } from '../day-cells';
import type { ActivityKind, BasketAction, DayCell } from '../model';
import type { BasketLineRecord, BookingRecord, ChildActivity, EnrolmentStatus, FamilyForBooking, PlanningRepository, PriceGridRecord } from '../ports';

export interface LoadedRow {
  activity: ActivityRecord;
  enrolment: EnrolmentStatus | null;
  enrolled: boolean;
  cells: DayCell[];
  /** The child's booking rows of the range, by day. */
  bookings: Map<PlainDate, BookingRecord>;
  /** The child's pending lines on this row, by day. */
  pending: Map<PlainDate, BasketLineRecord>;
  closureDays: ClosureDay[];
  grids: PriceGridRecord[];
  /** The child's rank among the family's children enrolled in this activity, eldest first (sibling reduction). */
  siblingRank: number;
}

const KIND_ORDER: Record<ActivityKind, number> = { garderie_matin: 0, cantine: 1, garderie_soir: 2, mercredi: 3, alsh: 4 };

export function sortActivities<A extends { activity: ActivityRecord }>(rows: A[]): A[] {
  return rows.sort(
    (a, b) =>
      a.activity.schoolYear.startsOn.localeCompare(b.activity.schoolYear.startsOn) ||
      (KIND_ORDER[a.activity.kind] ?? 9) - (KIND_ORDER[b.activity.kind] ?? 9) ||
      a.activity.name.localeCompare(b.activity.name, 'fr'),
  );
}

const NO_GRID: UnitPrice = { cents: 0, label: `Tarif non renseigné${NBSP}: ${formatEuros(0)}`, rule: 'missing_qf' };

/**
 * The unit price the family pays that day (the grid in force that day; 0 with a plain label without any grid), through
 * the one pricing function of core/pricing (`priceDay` + `explain`): QF bracket, non-resident, maximum price, sibling
 * rank. `context.siblingRank` defaults to 1 (no reduction).
 */
export function priceFor(grids: readonly PriceGridRecord[], family: FamilyForBooking, day: PlainDate, context: { siblingRank?: number } = {}): UnitPrice {
  const grid = gridInForce(grids, day);
  if (!grid) return NO_GRID;
  return unitPrice({ grid, family: { resident: family.resident, qf: family.qf, qfValidUntil: family.qfValidUntil }, day, siblingRank: context.siblingRank });
}

/** Rank of the child among the family's children (eldest first) with an accepted enrolment in the activity. */
export function siblingRankOf(family: FamilyForBooking, childId: string, enrolled: ReadonlySet<string>, activityId: string): number {
  let rank = 0;
  for (const child of family.children) {
    if (enrolled.has(`${child.id}:${activityId}`) || child.id === childId) rank++;
    if (child.id === childId) return rank;
  }
  return 1;
}

export async function loadChildRows(
  planning: PlanningRepository,
  input: {
    family: FamilyForBooking;
    childId: string;
    from: PlainDate;
    to: PlainDate;
    now: Date;
    staff: boolean;
    calendar: BookingCalendar;
    /** The family's open basket lines (any child). */
    basketLines: readonly BasketLineRecord[];
    /** Only these activities (advanced edit); every activity of the child when absent. */
    onlyActivities?: ReadonlySet<string>;
    /** The child's activities when the caller already read them. */
    linked?: readonly ChildActivity[];
  },
): Promise<LoadedRow[]> {
  const linked = (input.linked ?? (await planning.childActivities(input.childId))).filter(
    ({ activity }) => activityOverlaps(activity, input.from, input.to) && (!input.onlyActivities || input.onlyActivities.has(activity.id)),
  );
  if (linked.length === 0) return [];
  const ids = linked.map(({ activity }) => activity.id);
  const siteIds = [...new Set(linked.map(({ activity }) => activity.siteId))];
  const [closures, bookings, counts, grids, familyEnrolments] = await Promise.all([
    planning.closureDays(siteIds, input.from, input.to),
    planning.bookings([input.childId], ids, input.from, input.to),
    planning.dayCounts(ids, input.from, input.to),
    planning.priceGrids(ids),
    input.family.children.length > 1 ? planning.enrolments(input.family.children.map((c) => c.id), ids) : Promise.resolve([]),
  ]);
  const enrolledCells = new Set(familyEnrolments.filter((e) => e.status === 'accepted').map((e) => `${e.childId}:${e.activityId}`));
  const days = eachDay(input.from, input.to);
  const rows = linked.map(({ activity, enrolment }): LoadedRow => {
    const rowBookings = new Map(bookings.filter((b) => b.activityId === activity.id).map((b) => [b.day, b]));
    const pending = new Map(
      input.basketLines
        .filter((line) => line.childId === input.childId && line.activityId === activity.id && line.day >= input.from && line.day <= input.to)
        .map((line) => [line.day, line]),
    );
    const closureDays = closures.filter((c) => c.siteId === activity.siteId).map(({ day, reason }) => ({ day, reason }));
    const enrolled = enrolment === 'accepted';
    const cells = buildDayCells(days, {
      activity,
      calendar: input.calendar,
      closureDays,
      enrolled,
      bookings: new Map<PlainDate, ChildDayState>([...rowBookings].map(([day, b]) => [day, b])),
      reserved: new Map(counts.filter((c) => c.activityId === activity.id).map((c) => [c.day, c.reserved])),
      pending: new Map<PlainDate, BasketAction>([...pending].map(([day, line]) => [day, line.action])),
      now: input.now,
      staff: input.staff,
    });
    return {
      activity, enrolment, enrolled, cells, bookings: rowBookings, pending, closureDays, grids: grids.filter((g) => g.activityId === activity.id),
      siblingRank: siblingRankOf(input.family, input.childId, enrolledCells, activity.id),
    };
  });
  return sortActivities(rows);
}

/** The day whose price a row shows: the first day of the range not in the past, else the range's first day. */
export function displayPriceDay(from: PlainDate, to: PlainDate, now: Date): PlainDate {
  const today = parisToday(now);
  return today > from && today <= to ? today : from;
}

/**
 * Meal counts for the kitchen: per site, activity and day, by diet (standard, sans porc, végétarien) and with the
 * PAI meals apart, frozen at the booking deadline — what the kitchen must cook cannot move once families can no
 * longer book. After that, staff may still book (and families cancel, when the cancellation rule is later), so the
 * page shows the frozen figure, today's bookings and, once attendance is taken, how many children ate.
 *
 * Freezing stores a snapshot (table meal_snapshots) when the add deadline passes: a background job takes them every
 * few minutes for the coming three weeks, and the page takes any that are due before reading (so a server that was
 * down at the deadline catches up at once, with the real time of the snapshot shown). Recomputing from booking
 * timestamps was rejected: a booking row keeps only its last change, so a day cancelled then booked again after the
 * deadline would be counted wrongly, and the history would depend on staff edits made later.
 */
import type { ActivityRecord, BookingCalendar } from '../booking/activity';
import { activityLastDay, openingRulesFor } from '../booking/activity';
import type { SiteClosureDay } from '../booking/ports';
import { addDays, deadlineFor, diffDays, eachDay, isPlainDate, openingOn, parisToday, type PlainDate } from '../calendar';
import { MEAL_KINDS, inScope, toDiet, type SiteScope, type Viewer } from './model';
import type { BackOfficeDeps, DietCounts, MealSnapshot } from './ports';
import { siteScope } from './staff-sites';

export const MEAL_RANGE_MAX_DAYS = 62;
/** How far ahead the job freezes, and how far back it catches up. */
export const FREEZE_AHEAD_DAYS = 21;
export const FREEZE_BEHIND_DAYS = 7;

export function emptyCounts(): DietCounts {
  return { standard: 0, sans_porc: 0, vegetarien: 0, pai: 0, total: 0 };
}

/** Counts children by diet, PAI apart (a PAI child is also counted in their diet). */
export function countDiets(children: readonly { diet: string; hasPai: boolean }[]): DietCounts {
  const counts = emptyCounts();
  for (const child of children) {
    counts[toDiet(child.diet)]++;
    if (child.hasPai) counts.pai++;
    counts.total++;
  }
  return counts;
}

/** The instant the day's meals freeze: the activity's booking (add) deadline for that day. */
export function freezeInstant(activity: Pick<ActivityRecord, 'deadlines'>, day: PlainDate, calendar: BookingCalendar): Date {
  return deadlineFor(day, activity.deadlines.add, calendar);
}

/** Frozen from the deadline itself on (at the deadline, families can no longer book). */
export function isFrozen(now: Date, activity: Pick<ActivityRecord, 'deadlines'>, day: PlainDate, calendar: BookingCalendar): boolean {
  return now.getTime() >= freezeInstant(activity, day, calendar).getTime();
}

export function isMealActivity(activity: Pick<ActivityRecord, 'kind'>): boolean {
  return (MEAL_KINDS as readonly string[]).includes(activity.kind);
}

/** The open days of each meal activity in [from, to]. */
export function mealDays(
  activities: readonly ActivityRecord[],
  closures: readonly SiteClosureDay[],
  calendar: BookingCalendar,
  from: PlainDate,
  to: PlainDate,
): { activity: ActivityRecord; day: PlainDate }[] {
  const out: { activity: ActivityRecord; day: PlainDate }[] = [];
  for (const activity of activities) {
    if (!isMealActivity(activity)) continue;
    const rules = openingRulesFor(activity, calendar, closures.filter((c) => c.siteId === activity.siteId));
    const start = from > activity.schoolYear.startsOn ? from : activity.schoolYear.startsOn;
    const last = activityLastDay(activity);
    const end = to < last ? to : last;
    if (start > end) continue;
    for (const day of eachDay(start, end)) if (openingOn(day, rules).open) out.push({ activity, day });
  }
  return out;
}

async function loadMealDays(from: PlainDate, to: PlainDate, scope: SiteScope, siteId: string | null, deps: Pick<BackOfficeDeps, 'store' | 'calendar'>) {
  const activities = (await deps.store.planning.activitiesBetween(from, to, siteId ?? undefined)).filter((a) => isMealActivity(a) && inScope(scope, a.siteId));
  const [calendar, closures] = await Promise.all([
    deps.calendar.current(),
    activities.length > 0 ? deps.store.planning.closureDays([...new Set(activities.map((a) => a.siteId))], from, to) : Promise.resolve([]),
  ]);
  return { calendar, activities, days: mealDays(activities, closures, calendar, from, to) };
}

/** Stores the snapshots that are due and missing in [from, to]; returns how many this call stored. */
async function freezeBetween(from: PlainDate, to: PlainDate, scope: SiteScope, siteId: string | null, deps: Pick<BackOfficeDeps, 'store' | 'calendar' | 'clock'>): Promise<number> {
  const now = deps.clock.now();
  const { calendar, activities, days } = await loadMealDays(from, to, scope, siteId, deps);
  const due = days.filter(({ activity, day }) => isFrozen(now, activity, day, calendar));
  if (due.length === 0) return 0;
  const ids = activities.map((a) => a.id);
  const existing = new Set((await deps.store.meals.snapshots(ids, from, to)).map((s) => `${s.activityId}|${s.day}`));
  const missing = due.filter(({ activity, day }) => !existing.has(`${activity.id}|${day}`));
  if (missing.length === 0) return 0;
  const booked = new Map((await deps.store.meals.booked(ids, from, to)).map((c) => [`${c.activityId}|${c.day}`, c]));
  let stored = 0;
  for (const { activity, day } of missing) {
    const counts = booked.get(`${activity.id}|${day}`) ?? emptyCounts();
    const snapshot: MealSnapshot = {
      activityId: activity.id,
      day,
      frozenAt: now.toISOString(),
      deadlineAt: freezeInstant(activity, day, calendar).toISOString(),
      standard: counts.standard,
      sans_porc: counts.sans_porc,
      vegetarien: counts.vegetarien,
      pai: counts.pai,
      total: counts.total,
    };
    if (await deps.store.meals.saveSnapshot(snapshot)) stored++;
  }
  return stored;
}

/** The background job: freezes the due days from a week ago to three weeks ahead, on every site. Idempotent. */
export async function freezeDueMealCounts(deps: Pick<BackOfficeDeps, 'store' | 'calendar' | 'clock'>): Promise<number> {
  const today = parisToday(deps.clock.now());
  return freezeBetween(addDays(today, -FREEZE_BEHIND_DAYS), addDays(today, FREEZE_AHEAD_DAYS), { kind: 'all' }, null, deps);
}

export interface MealRow {
  day: PlainDate;
  siteId: string;
  siteName: string;
  activityId: string;
  activityName: string;
  /** What the kitchen cooks: the frozen counts, or the forecast (today's bookings) before the deadline. */
  counts: DietCounts;
  frozen: { at: string; deadline: string } | null;
  /** When it freezes (for days not frozen yet). */
  freezesAt: string | null;
  /** Reserved bookings now (staff may book after the deadline; families may cancel under a later rule). */
  bookedNow: number;
  /** Children marked present (booked or not); null until attendance is taken (and for days after today). */
  present: number | null;
}

export type MealRangeError = 'invalid_range';

export async function mealCounts(
  input: { from: PlainDate; to: PlainDate; siteId: string | null; viewer: Viewer },
  deps: Pick<BackOfficeDeps, 'store' | 'calendar' | 'clock'>,
): Promise<{ ok: true; rows: MealRow[] } | { ok: false; error: MealRangeError }> {
  if (!isPlainDate(input.from) || !isPlainDate(input.to) || input.to < input.from || diffDays(input.from, input.to) > MEAL_RANGE_MAX_DAYS) {
    return { ok: false, error: 'invalid_range' };
  }
  const now = deps.clock.now();
  const today = parisToday(now);
  const scope = await siteScope(input.viewer, deps);
  // Take the due snapshots first (the job may not have run since the deadline).
  const freezeTo = input.to < addDays(today, FREEZE_AHEAD_DAYS) ? input.to : addDays(today, FREEZE_AHEAD_DAYS);
  if (input.from <= freezeTo) await freezeBetween(input.from, freezeTo, scope, input.siteId, deps);
  const { calendar, activities, days } = await loadMealDays(input.from, input.to, scope, input.siteId, deps);
  if (days.length === 0) return { ok: true, rows: [] };
  const ids = activities.map((a) => a.id);
  const [snapshots, booked, present] = await Promise.all([
    deps.store.meals.snapshots(ids, input.from, input.to),
    deps.store.meals.booked(ids, input.from, input.to),
    deps.store.meals.present(ids, input.from, input.to),
  ]);
  const snapshotOf = new Map(snapshots.map((s) => [`${s.activityId}|${s.day}`, s]));
  const bookedOf = new Map(booked.map((b) => [`${b.activityId}|${b.day}`, b]));
  const presentOf = new Map(present.filter((p) => p.marked > 0).map((p) => [`${p.activityId}|${p.day}`, p.present]));
  const rows = days.map(({ activity, day }): MealRow => {
    const key = `${activity.id}|${day}`;
    const snapshot = snapshotOf.get(key);
    const live = bookedOf.get(key) ?? emptyCounts();
    const counts = snapshot
      ? { standard: snapshot.standard, sans_porc: snapshot.sans_porc, vegetarien: snapshot.vegetarien, pai: snapshot.pai, total: snapshot.total }
      : { standard: live.standard, sans_porc: live.sans_porc, vegetarien: live.vegetarien, pai: live.pai, total: live.total };
    return {
      day,
      siteId: activity.siteId,
      siteName: activity.siteName,
      activityId: activity.id,
      activityName: activity.name,
      counts,
      frozen: snapshot ? { at: snapshot.frozenAt, deadline: snapshot.deadlineAt } : null,
      freezesAt: snapshot ? null : freezeInstant(activity, day, calendar).toISOString(),
      bookedNow: live.total,
      present: day <= today ? (presentOf.get(key) ?? null) : null,
    };
  });
  rows.sort((a, b) => a.day.localeCompare(b.day) || a.siteName.localeCompare(b.siteName, 'fr') || a.activityName.localeCompare(b.activityName, 'fr'));
  return { ok: true, rows };
}

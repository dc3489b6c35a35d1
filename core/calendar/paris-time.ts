/**
 * Europe/Paris wall clock ↔ UTC instant, by the EU summer-time rule (Directive 2000/84/EC, in force since 1996):
 * UTC+2 from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC, UTC+1 otherwise.
 * Computed by hand rather than through Intl so results do not depend on the host's ICU data.
 */
import { fromDayNumber, lastWeekdayOfMonth, toDayNumber, toParts, type PlainDate } from './plain-date';
import { minutesToWallClock, wallClockToMinutes, type WallClockTime } from './wall-clock-time';

export type ParisWallClock = { day: PlainDate; time: WallClockTime };

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
// UTC has no daylight saving: a UTC day is always 86 400 000 ms.
const UTC_DAY_MS = 86_400_000;

function summerTimeBounds(year: number): { start: number; end: number } {
  return {
    start: toDayNumber(lastWeekdayOfMonth(year, 3, 7)) * UTC_DAY_MS + HOUR_MS,
    end: toDayNumber(lastWeekdayOfMonth(year, 10, 7)) * UTC_DAY_MS + HOUR_MS,
  };
}

function instantMs(instant: Date): number {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Invalid Date');
  return ms;
}

/** Paris offset from UTC at that instant, in minutes: 120 in summer, 60 otherwise. */
export function parisOffsetMinutes(instant: Date): 60 | 120 {
  const ms = instantMs(instant);
  const { year } = toParts(fromDayNumber(Math.floor(ms / UTC_DAY_MS)));
  const { start, end } = summerTimeBounds(year);
  return ms >= start && ms < end ? 120 : 60;
}

/** The Paris day and time (minutes truncated) shown by a clock at that instant. */
export function instantToParis(instant: Date): ParisWallClock {
  const local = instantMs(instant) + parisOffsetMinutes(instant) * MINUTE_MS;
  const dayNumber = Math.floor(local / UTC_DAY_MS);
  const minutes = Math.floor((local - dayNumber * UTC_DAY_MS) / MINUTE_MS);
  return { day: fromDayNumber(dayNumber), time: minutesToWallClock(minutes) };
}

/** Today's date in Paris. */
export function parisToday(now: Date): PlainDate {
  return instantToParis(now).day;
}

/**
 * The instant a Paris clock shows `time` on `day`.
 * Ambiguous autumn times (02:30 happens twice) take the first occurrence, still in summer time.
 * Nonexistent spring times (02:00–02:59) move forward by the hour skipped: 02:30 becomes 03:30.
 */
export function parisWallClockToInstant(day: PlainDate, time: WallClockTime): Date {
  const wall = toDayNumber(day) * UTC_DAY_MS + wallClockToMinutes(time) * MINUTE_MS;
  // Try summer time first: when both offsets fit, it gives the earlier instant.
  for (const offset of [120, 60] as const) {
    const candidate = new Date(wall - offset * MINUTE_MS);
    if (parisOffsetMinutes(candidate) === offset) return candidate;
  }
  // In the spring gap, reading the time with the winter offset lands one hour later on the clock.
  return new Date(wall - 60 * MINUTE_MS);
}

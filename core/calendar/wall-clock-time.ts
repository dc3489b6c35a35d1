/** A wall-clock time of day as 'HH:MM' (24 h), e.g. a deadline's '12:00'. */
export type WallClockTime = string;

const PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isWallClockTime(value: unknown): value is WallClockTime {
  return typeof value === 'string' && PATTERN.test(value);
}

/** Minutes since midnight. */
export function wallClockToMinutes(time: WallClockTime): number {
  const match = PATTERN.exec(time);
  if (!match) throw new RangeError(`Invalid time (expected HH:MM): ${JSON.stringify(time)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function minutesToWallClock(minutes: number): WallClockTime {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes >= 24 * 60) {
    throw new RangeError(`Invalid minute of day: ${minutes}`);
  }
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

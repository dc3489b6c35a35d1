import { describe, expect, it } from 'vitest';
import { isWallClockTime, minutesToWallClock, wallClockToMinutes } from './wall-clock-time';

describe('wall-clock time', () => {
  it('validates HH:MM strictly', () => {
    for (const ok of ['00:00', '09:05', '12:00', '23:59']) expect(isWallClockTime(ok), ok).toBe(true);
    for (const bad of ['24:00', '9:05', '09:5', '09:60', '09h05', '09:05:00', '', 905, null]) {
      expect(isWallClockTime(bad), String(bad)).toBe(false);
    }
  });
  it('converts to and from minutes', () => {
    expect(wallClockToMinutes('00:00')).toBe(0);
    expect(wallClockToMinutes('12:30')).toBe(750);
    expect(wallClockToMinutes('23:59')).toBe(1439);
    expect(minutesToWallClock(750)).toBe('12:30');
    expect(minutesToWallClock(5)).toBe('00:05');
    expect(() => wallClockToMinutes('25:00')).toThrow(RangeError);
    expect(() => minutesToWallClock(1440)).toThrow(RangeError);
    expect(() => minutesToWallClock(-1)).toThrow(RangeError);
  });
});

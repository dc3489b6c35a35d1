import { describe, expect, it } from 'vitest';
import { instantToParis, parisOffsetMinutes, parisToday, parisWallClockToInstant } from './paris-time';
import { addDays, eachDay } from './plain-date';
import { minutesToWallClock } from './wall-clock-time';

const iso = (day: string, time: string) => parisWallClockToInstant(day, time).toISOString();

describe('parisWallClockToInstant', () => {
  it('uses UTC+1 in winter and UTC+2 in summer', () => {
    expect(iso('2026-01-15', '10:00')).toBe('2026-01-15T09:00:00.000Z');
    expect(iso('2026-07-14', '10:00')).toBe('2026-07-14T08:00:00.000Z');
    expect(iso('2026-12-31', '23:30')).toBe('2026-12-31T22:30:00.000Z');
    expect(iso('2027-01-01', '00:15')).toBe('2026-12-31T23:15:00.000Z');
  });

  it.each([
    // [spring change day, autumn change day]
    ['2026-03-29', '2026-10-25'],
    ['2027-03-28', '2027-10-31'],
  ])('handles the changes of %s and %s', (spring, autumn) => {
    expect(iso(spring, '01:59')).toBe(`${spring}T00:59:00.000Z`);
    expect(iso(spring, '01:00')).toBe(`${spring}T00:00:00.000Z`);
    // 02:30 does not exist: the clock jumps from 02:00 to 03:00, so it moves forward to 03:30 (01:30 UTC).
    expect(iso(spring, '02:30')).toBe(`${spring}T01:30:00.000Z`);
    expect(iso(spring, '03:30')).toBe(`${spring}T01:30:00.000Z`);
    expect(instantToParis(parisWallClockToInstant(spring, '02:30'))).toEqual({ day: spring, time: '03:30' });
    expect(iso(spring, '10:00')).toBe(`${spring}T08:00:00.000Z`);
    // 02:30 happens twice: take the first one, still in summer time (00:30 UTC, not 01:30 UTC).
    expect(iso(autumn, '02:30')).toBe(`${autumn}T00:30:00.000Z`);
    expect(iso(autumn, '01:30')).toBe(`${addDays(autumn, -1)}T23:30:00.000Z`);
    expect(iso(autumn, '03:00')).toBe(`${autumn}T02:00:00.000Z`);
    expect(iso(autumn, '10:00')).toBe(`${autumn}T09:00:00.000Z`);
  });

  it('rejects malformed input', () => {
    expect(() => parisWallClockToInstant('2026-02-30', '10:00')).toThrow(RangeError);
    expect(() => parisWallClockToInstant('2026-02-03', '24:00')).toThrow(RangeError);
  });
});

describe('instantToParis', () => {
  it('reads both sides of each change', () => {
    expect(instantToParis(new Date('2026-03-29T00:59:00Z'))).toEqual({ day: '2026-03-29', time: '01:59' });
    expect(instantToParis(new Date('2026-03-29T01:00:00Z'))).toEqual({ day: '2026-03-29', time: '03:00' });
    expect(instantToParis(new Date('2026-10-25T00:59:00Z'))).toEqual({ day: '2026-10-25', time: '02:59' });
    expect(instantToParis(new Date('2026-10-25T01:00:00Z'))).toEqual({ day: '2026-10-25', time: '02:00' });
    expect(instantToParis(new Date('2027-10-30T22:30:00Z'))).toEqual({ day: '2027-10-31', time: '00:30' });
    expect(instantToParis(new Date('2026-12-31T23:00:00Z'))).toEqual({ day: '2027-01-01', time: '00:00' });
  });
  it('truncates seconds and rejects invalid dates', () => {
    expect(instantToParis(new Date('2026-06-01T10:15:59.999Z'))).toEqual({ day: '2026-06-01', time: '12:15' });
    expect(() => instantToParis(new Date('nope'))).toThrow(RangeError);
  });
  it('gives the Paris day, not the UTC day', () => {
    expect(parisToday(new Date('2026-07-13T22:30:00Z'))).toBe('2026-07-14');
    expect(parisToday(new Date('2026-01-13T22:30:00Z'))).toBe('2026-01-13');
  });
  it('gives the offset', () => {
    expect(parisOffsetMinutes(new Date('2026-03-29T00:59:59Z'))).toBe(60);
    expect(parisOffsetMinutes(new Date('2026-03-29T01:00:00Z'))).toBe(120);
    expect(parisOffsetMinutes(new Date('2026-10-25T00:59:59Z'))).toBe(120);
    expect(parisOffsetMinutes(new Date('2026-10-25T01:00:00Z'))).toBe(60);
  });
});

describe('agreement with the IANA database (Intl)', () => {
  const formatter = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  });
  const viaIntl = (instant: Date) => {
    const parts = Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
    return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
  };

  it('matches every 30 minutes from 2024 to 2028', () => {
    const mismatches: string[] = [];
    const start = Date.UTC(2024, 0, 1);
    const end = Date.UTC(2029, 0, 1);
    for (let ms = start; ms < end; ms += 30 * 60_000) {
      const instant = new Date(ms);
      const ours = instantToParis(instant);
      const theirs = viaIntl(instant);
      if (ours.day !== theirs.day || ours.time !== theirs.time) mismatches.push(instant.toISOString());
    }
    expect(mismatches).toEqual([]);
  });

  it('round-trips every existing quarter hour of the change days', () => {
    for (const day of ['2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31', ...eachDay('2026-03-27', '2026-03-31')]) {
      for (let minutes = 0; minutes < 1440; minutes += 15) {
        const time = minutesToWallClock(minutes);
        const back = instantToParis(parisWallClockToInstant(day, time));
        const inGap = (day === '2026-03-29' || day === '2027-03-28') && time.startsWith('02:');
        expect(back, `${day} ${time}`).toEqual(inGap ? { day, time: `03:${time.slice(3)}` } : { day, time });
      }
    }
  });
});

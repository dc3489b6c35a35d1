import { describe, expect, it } from 'vitest';
import { formatDateFr, formatDayFr, formatDayTimeFr, formatDeadlineFr, formatMonthFr } from './french-format';

describe('French formatting', () => {
  it('names days and months', () => {
    expect(formatDayFr('2026-12-03')).toBe('jeudi 3 décembre');
    expect(formatDayFr('2026-02-16')).toBe('lundi 16 février');
    expect(formatDayFr('2027-08-15')).toBe('dimanche 15 août');
  });
  it('writes the first of the month as 1er, and the year on request', () => {
    expect(formatDayFr('2026-09-01')).toBe('mardi 1er septembre');
    expect(formatDayFr('2026-09-01', { withYear: true })).toBe('mardi 1er septembre 2026');
    expect(formatDayTimeFr('2026-10-01', '18:00')).toBe('jeudi 1er octobre à 18:00');
  });
  it('formats an instant in Paris time, summer and winter', () => {
    expect(formatDeadlineFr(new Date('2026-12-03T09:00:00Z'))).toBe('jeudi 3 décembre à 10:00');
    expect(formatDeadlineFr(new Date('2026-07-13T22:30:00Z'))).toBe('mardi 14 juillet à 00:30');
    expect(formatDeadlineFr(new Date('2026-12-31T23:00:00Z'), { withYear: true })).toBe('vendredi 1er janvier 2027 à 00:00');
  });
  it('prints invoice dates and months without weekday', () => {
    expect(formatDateFr('2026-12-01')).toBe('1er décembre 2026');
    expect(formatDateFr('2027-02-15')).toBe('15 février 2027');
    expect(formatMonthFr('2026-11')).toBe('novembre 2026');
    expect(() => formatMonthFr('2026-13')).toThrow(RangeError);
  });
});

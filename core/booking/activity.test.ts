import { describe, expect, it } from 'vitest';
import { activityOverlaps, parseDeadlineRule, parseWeekdays } from './activity';
import { canteen, centre } from './testing/fixtures';

describe('activity helpers', () => {
  it('reads deadline rules stored as JSON and refuses unusable ones', () => {
    expect(parseDeadlineRule('{"kind":"weekday_of_previous_week","weekday":4,"time":"09:00"}')).toEqual({ kind: 'weekday_of_previous_week', weekday: 4, time: '09:00' });
    expect(() => parseDeadlineRule('nope')).toThrow(/not JSON/);
    expect(() => parseDeadlineRule('{"kind":"whenever"}')).toThrow(/Invalid deadline rule/);
    expect(() => parseDeadlineRule('{"kind":"days_before","days":-1,"time":"12:00","workingDaysOnly":true}')).toThrow(/entre 0/);
    expect(() => parseDeadlineRule('{"kind":"days_before","days":2,"time":"25:00","workingDaysOnly":true}')).toThrow(/HH:MM/);
  });
  it('reads weekdays', () => {
    expect(parseWeekdays('1,2,4,5')).toEqual([1, 2, 4, 5]);
    expect(parseWeekdays(' 3 ,x,8')).toEqual([3]);
  });
  it('knows when an activity runs: school activities until the summer, holiday centres through it', () => {
    expect(activityOverlaps(canteen, '2027-07-01', '2027-07-31')).toBe(true);
    expect(activityOverlaps(canteen, '2027-07-05', '2027-07-31')).toBe(false);
    expect(activityOverlaps(centre, '2027-08-01', '2027-08-31')).toBe(true);
    expect(activityOverlaps(canteen, '2026-08-01', '2026-08-31')).toBe(false);
  });
});

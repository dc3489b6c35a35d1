import { describe, expect, it } from 'vitest';
import { isPlanningViewKind, periodDays, planningPeriod } from './planning-period';

// Friday 27 November 2026, 23:30 in Paris (22:30 UTC): still the 27th in Paris.
const now = new Date('2026-11-27T22:30:00Z');

describe('planningPeriod', () => {
  it('gives the calendar month with the 1st of the neighbouring months as anchors', () => {
    expect(planningPeriod('month', '2026-12-17', now)).toEqual({
      kind: 'month', start: '2026-12-01', end: '2026-12-31', previous: '2026-11-01', next: '2027-01-01', today: '2026-11-27',
    });
    expect(planningPeriod('month', '2028-02-10', now)).toMatchObject({ start: '2028-02-01', end: '2028-02-29' });
  });
  it('gives Monday-to-Sunday weeks', () => {
    expect(planningPeriod('week', '2026-12-10', now)).toEqual({
      kind: 'week', start: '2026-12-07', end: '2026-12-13', previous: '2026-11-30', next: '2026-12-14', today: '2026-11-27',
    });
    expect(planningPeriod('week', '2026-12-13', now).start).toBe('2026-12-07'); // a Sunday belongs to its week
    expect(planningPeriod('week', '2026-12-14', now).start).toBe('2026-12-14');
  });
  it('gives fortnights of two weeks from the Monday of the date’s week, across a month end', () => {
    expect(planningPeriod('fortnight', '2026-12-30', now)).toEqual({
      kind: 'fortnight', start: '2026-12-28', end: '2027-01-10', previous: '2026-12-14', next: '2027-01-11', today: '2026-11-27',
    });
    expect(periodDays(planningPeriod('fortnight', '2026-12-30', now))).toHaveLength(14);
  });
  it('reads today on the Paris clock', () => {
    expect(planningPeriod('week', '2026-12-01', new Date('2026-11-27T23:30:00Z')).today).toBe('2026-11-28');
    expect(planningPeriod('week', '2026-07-01', new Date('2026-06-30T22:30:00Z')).today).toBe('2026-07-01'); // summer time
  });
  it('recognises the view names', () => {
    expect(['month', 'fortnight', 'week'].every(isPlanningViewKind)).toBe(true);
    expect(isPlanningViewKind('year')).toBe(false);
    expect(isPlanningViewKind(undefined)).toBe(false);
  });
});

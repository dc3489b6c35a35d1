import { describe, expect, it } from 'vitest';
import { formatDeadlineFr } from '../calendar';
import { nextDeadline } from './next-deadline';
import { at, calendar, canteen } from './testing/fixtures';

const weekly = { ...canteen, id: 'cantine-hebdo', deadlines: { add: { kind: 'weekday_of_previous_week', weekday: 4, time: '10:00' } as const, cancel: canteen.deadlines.cancel } };

describe('nextDeadline', () => {
  it('« Vous pouvez modifier la semaine du 7 décembre jusqu’au jeudi 3 décembre à 10:00 »', () => {
    const result = nextDeadline({ activities: [weekly], calendar, closureDays: new Map(), now: at('2026-11-30T09:00:00Z') });
    expect(result).toEqual({ weekStart: '2026-12-07', deadline: '2026-12-03T09:00:00.000Z', activityId: weekly.id, activityName: weekly.name });
    expect(formatDeadlineFr(new Date(result!.deadline))).toBe('jeudi 3 décembre à 10:00');
  });
  it('moves to the following week once the deadline has passed', () => {
    expect(nextDeadline({ activities: [weekly], calendar, closureDays: new Map(), now: at('2026-12-03T09:00:00Z') })?.weekStart).toBe('2026-12-14');
  });
  it('skips the holidays and a week whose first day is a closure', () => {
    // From Thursday 17 December: the week of the 21st and 28th are holidays, the week of 4 January is the next one.
    const result = nextDeadline({ activities: [weekly], calendar, closureDays: new Map(), now: at('2026-12-11T09:00:00Z') });
    expect(result?.weekStart).toBe('2027-01-04');
    expect(result?.deadline).toBe('2026-12-31T09:00:00.000Z');
  });
  it('with J-2 rules, the current week counts only if its first open day is still open', () => {
    // Monday 30 November 08:00: Monday's deadline (Thursday 26 noon) has passed → the week of 7 December.
    expect(nextDeadline({ activities: [canteen], calendar, closureDays: new Map(), now: at('2026-11-30T07:00:00Z') })).toEqual({
      weekStart: '2026-12-07', deadline: '2026-12-03T11:00:00.000Z', activityId: canteen.id, activityName: canteen.name,
    });
  });
  it('speaks of the period shown when it starts later than today', () => {
    const result = nextDeadline({ activities: [canteen], calendar, closureDays: new Map(), now: at('2026-11-27T08:00:00Z'), from: '2027-01-01' });
    expect(result?.weekStart).toBe('2027-01-04');
  });
  it('picks the earliest week among the activities, and is null without any', () => {
    const result = nextDeadline({ activities: [weekly, canteen], calendar, closureDays: new Map(), now: at('2026-11-26T08:00:00Z') });
    // Same week for both: the earlier deadline (Thursday 10:00 before Thursday 12:00) wins.
    expect(result).toEqual({ weekStart: '2026-11-30', deadline: '2026-11-26T09:00:00.000Z', activityId: weekly.id, activityName: weekly.name });
    expect(nextDeadline({ activities: [], calendar, closureDays: new Map(), now: at('2026-11-26T08:00:00Z') })).toBeNull();
  });
});

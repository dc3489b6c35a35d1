import { describe, expect, it } from 'vitest';
import {
  deadlineDay, deadlineFor, deadlineRuleErrors, describeDeadline, isBeforeDeadline, type DeadlineContext, type DeadlineRule,
} from './deadlines';
import { formatDeadlineFr } from './french-format';
import { instantToParis } from './paris-time';
import { eachDay } from './plain-date';
import { publicHolidayCalendar } from './public-holiday-lookup';

const context: DeadlineContext = {
  zone: 'Zone A',
  holidayPeriods: [
    { description: 'Vacances de la Toussaint', zone: 'Zone A', start: '2026-10-17', end: '2026-11-01', schoolYear: '2026-2027' },
    { description: 'Vacances de Printemps', zone: 'Zone A', start: '2027-04-10', end: '2027-04-25', schoolYear: '2026-2027' },
    { description: 'Vacances de Printemps', zone: 'Zone C', start: '2027-04-24', end: '2027-05-09', schoolYear: '2026-2027' },
  ],
  publicHolidays: publicHolidayCalendar('Métropole'),
};

const j2Noon: DeadlineRule = { kind: 'days_before', days: 2, time: '12:00', workingDaysOnly: true };
const dayBefore10: DeadlineRule = { kind: 'days_before', days: 1, time: '10:00', workingDaysOnly: false };
const thursday9: DeadlineRule = { kind: 'weekday_of_previous_week', weekday: 4, time: '09:00' };
const holidayCentre: DeadlineRule = { kind: 'days_before_holiday_period', days: 10, time: '23:59' };

const paris = (instant: Date) => instantToParis(instant);

describe('days_before', () => {
  it('J-2 à 12:00 hors week-ends: a Monday closes the previous Thursday at noon', () => {
    expect(paris(deadlineFor('2026-11-30', j2Noon, context))).toEqual({ day: '2026-11-26', time: '12:00' });
    expect(deadlineFor('2026-11-30', j2Noon, context).toISOString()).toBe('2026-11-26T11:00:00.000Z');
    expect(deadlineDay('2026-12-02', j2Noon, context)).toBe('2026-11-30'); // Wednesday → Monday
  });
  it('skips public holidays when counting working days', () => {
    expect(deadlineDay('2026-11-12', j2Noon, context)).toBe('2026-11-09'); // skips Wed 11 November
    expect(deadlineDay('2026-11-13', j2Noon, context)).toBe('2026-11-10');
    expect(deadlineDay('2027-05-07', j2Noon, context)).toBe('2027-05-04'); // skips Ascension, Thu 6 May
    expect(deadlineDay('2027-05-10', j2Noon, context)).toBe('2027-05-05');
  });
  it('counts calendar days when week-ends count', () => {
    expect(deadlineDay('2026-11-30', { ...j2Noon, workingDaysOnly: false }, context)).toBe('2026-11-28');
    expect(deadlineDay('2026-11-12', { ...j2Noon, workingDaysOnly: false }, context)).toBe('2026-11-10');
  });
  it('keeps 10:00 on the Paris clock across the spring change (Sunday 29 March 2026)', () => {
    // Before the change (UTC+1), on the change day itself and after it (UTC+2).
    expect(deadlineFor('2026-03-29', dayBefore10, context).toISOString()).toBe('2026-03-28T09:00:00.000Z');
    expect(deadlineFor('2026-03-30', dayBefore10, context).toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(deadlineFor('2026-03-31', dayBefore10, context).toISOString()).toBe('2026-03-30T08:00:00.000Z');
  });
  it('keeps 10:00 on the Paris clock across the autumn change (Sunday 25 October 2026)', () => {
    expect(deadlineFor('2026-10-25', dayBefore10, context).toISOString()).toBe('2026-10-24T08:00:00.000Z');
    expect(deadlineFor('2026-10-26', dayBefore10, context).toISOString()).toBe('2026-10-25T09:00:00.000Z');
    expect(deadlineFor('2026-10-27', dayBefore10, context).toISOString()).toBe('2026-10-26T09:00:00.000Z');
  });
  it('reads 10:00 in Paris for every day of 2026 and 2027', () => {
    const wrong = eachDay('2026-01-02', '2027-12-31').filter((day) => paris(deadlineFor(day, dayBefore10, context)).time !== '10:00');
    expect(wrong).toEqual([]);
  });
  it('allows the same day (J-0)', () => {
    expect(paris(deadlineFor('2026-12-03', { kind: 'days_before', days: 0, time: '08:00', workingDaysOnly: false }, context)))
      .toEqual({ day: '2026-12-03', time: '08:00' });
  });
});

describe('weekday_of_previous_week', () => {
  it('closes a whole week on the Thursday before at 09:00', () => {
    for (const day of eachDay('2026-12-07', '2026-12-13')) {
      expect(paris(deadlineFor(day, thursday9, context)), day).toEqual({ day: '2026-12-03', time: '09:00' });
    }
    expect(deadlineDay('2026-12-14', thursday9, context)).toBe('2026-12-10');
  });
  it('handles a Sunday of the previous week and a year change', () => {
    expect(deadlineDay('2027-01-04', { ...thursday9, weekday: 7 }, context)).toBe('2027-01-03');
    expect(deadlineDay('2027-01-06', thursday9, context)).toBe('2026-12-31');
  });
});

describe('days_before_holiday_period', () => {
  it('counts from the first day of the holidays for every day of them', () => {
    expect(deadlineDay('2026-10-17', holidayCentre, context)).toBe('2026-10-07');
    expect(deadlineDay('2026-10-28', holidayCentre, context)).toBe('2026-10-07');
    expect(deadlineDay('2027-04-24', holidayCentre, context)).toBe('2027-03-31'); // Zone A, not Zone C
  });
  it('counts working days on request', () => {
    const fifteenWorkingDays: DeadlineRule = { ...holidayCentre, days: 15, workingDaysOnly: true };
    // Back from Sat 10 April 2027; Easter Monday (29 March) is skipped.
    expect(deadlineDay('2027-04-12', fifteenWorkingDays, context)).toBe('2027-03-19'); // 2027-03-22 if it were not
  });
  it('falls back to the day itself outside the holidays', () => {
    expect(deadlineDay('2026-11-04', holidayCentre, context)).toBe('2026-10-25');
  });
});

describe('isBeforeDeadline', () => {
  const deadline = new Date('2026-11-26T11:00:00.000Z'); // Thursday 26 November 12:00 in Paris
  it('is open until the deadline and closed from it', () => {
    expect(isBeforeDeadline(new Date(deadline.getTime() - 1), '2026-11-30', j2Noon, context)).toBe(true);
    expect(isBeforeDeadline(deadline, '2026-11-30', j2Noon, context)).toBe(false);
    expect(isBeforeDeadline(new Date('2026-11-27T08:00:00Z'), '2026-11-30', j2Noon, context)).toBe(false);
  });
});

describe('describeDeadline', () => {
  it('gives the Paris day and time for the French sentence', () => {
    const described = describeDeadline('2026-12-07', { ...thursday9, time: '10:00' }, context);
    expect(described).toEqual({ instant: new Date('2026-12-03T09:00:00.000Z'), day: '2026-12-03', time: '10:00', weekday: 4 });
    expect(formatDeadlineFr(described.instant)).toBe('jeudi 3 décembre à 10:00');
  });
  it('shows the real clock time when the rule falls in the spring gap', () => {
    const described = describeDeadline('2026-03-30', { ...dayBefore10, time: '02:30' }, context);
    expect([described.day, described.time]).toEqual(['2026-03-29', '03:30']);
  });
});

describe('deadlineRuleErrors', () => {
  it('accepts valid rules', () => {
    for (const rule of [j2Noon, dayBefore10, thursday9, holidayCentre]) expect(deadlineRuleErrors(rule)).toEqual([]);
  });
  it('explains invalid rules in French, and deadlineFor refuses them', () => {
    expect(deadlineRuleErrors({ kind: 'days_before', days: -1, time: '9h', workingDaysOnly: false })).toEqual([
      'Le nombre de jours doit être un entier entre 0 et 366.',
      "L'heure doit être au format HH:MM, par exemple 09:30.",
    ]);
    expect(deadlineRuleErrors({ kind: 'days_before_holiday_period', days: 2.5, time: '09:00' })).toHaveLength(1);
    const badWeekday = { kind: 'weekday_of_previous_week', weekday: 8, time: '09:00' } as unknown as DeadlineRule;
    expect(deadlineRuleErrors(badWeekday)).toEqual(['Le jour de la semaine doit être compris entre 1 (lundi) et 7 (dimanche).']);
    expect(() => deadlineFor('2026-12-07', badWeekday, context)).toThrow(RangeError);
  });
});

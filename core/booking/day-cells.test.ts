import { describe, expect, it } from 'vitest';
import { buildDayCells, dayCell, isChecked, lineFailure } from './day-cells';
import { at, calendar, canteen, centre, inputs } from './testing/fixtures';

// Thursday 26 November 2026, 09:00 in Paris.
const now = at('2026-11-26T08:00:00Z');

describe('dayCell: opening and locks', () => {
  it('opens a school day far enough ahead, with nothing booked', () => {
    expect(dayCell('2026-12-07', inputs({ now }))).toEqual({
      day: '2026-12-07', open: true, booked: false, waiting: false, waitingPosition: null, pending: null,
      editable: true, full: false, lock: null,
    });
  });
  it('gives no checkbox on days the activity does not run, with the reason', () => {
    expect(dayCell('2026-12-09', inputs({ now })).lock).toEqual({ reason: 'not_open' }); // Wednesday
    expect(dayCell('2026-12-12', inputs({ now })).open).toBe(false); // Saturday
    expect(dayCell('2026-12-21', inputs({ now })).lock).toEqual({ reason: 'holiday', detail: 'Vacances de Noël' });
    expect(dayCell('2026-12-25', inputs({ now })).lock).toEqual({ reason: 'public_holiday', detail: 'Noël' }); // the holiday wins
    expect(dayCell('2027-05-06', inputs({ now })).lock).toEqual({ reason: 'public_holiday', detail: 'Ascension' }); // a Thursday
    expect(dayCell('2026-11-11', inputs({ now })).lock).toEqual({ reason: 'not_open' }); // Armistice, but a Wednesday anyway
    expect(dayCell('2027-03-29', inputs({ now })).lock).toEqual({ reason: 'public_holiday', detail: 'Lundi de Pâques' });
    expect(dayCell('2026-12-11', inputs({ now })).lock).toEqual({ reason: 'closed', detail: 'Grève du personnel de restauration' });
    expect(dayCell('2027-07-05', inputs({ now })).lock).toEqual({ reason: 'not_open' }); // after the school year
    for (const day of ['2026-12-09', '2026-12-21', '2027-05-06', '2026-12-11']) {
      const cell = dayCell(day, inputs({ now }));
      expect(cell.open).toBe(false);
      expect(cell.editable).toBe(false);
    }
  });
  it('locks past days, before today on the Paris clock', () => {
    expect(dayCell('2026-11-24', inputs({ now })).lock).toEqual({ reason: 'past' });
    // 23:30 on Thursday 26 in Paris is still the 26th: the 26th is not past (its deadline is).
    expect(dayCell('2026-11-26', inputs({ now: at('2026-11-26T22:30:00Z') })).lock?.reason).toBe('deadline_passed');
    expect(dayCell('2026-11-26', inputs({ now: at('2026-11-26T23:30:00Z') })).lock).toEqual({ reason: 'past' });
  });
  it('locks every open day of an activity the child is not enrolled in', () => {
    expect(dayCell('2026-12-07', inputs({ now, enrolled: false })).lock).toEqual({ reason: 'not_enrolled' });
    expect(dayCell('2026-12-07', inputs({ now, enrolled: false })).open).toBe(true);
  });
});

describe('dayCell: deadlines', () => {
  it('locks a Monday at the previous Thursday noon (J-2 working days), with the deadline', () => {
    const before = dayCell('2026-11-30', inputs({ now: at('2026-11-26T10:59:59Z') }));
    expect(before.editable).toBe(true);
    const after = dayCell('2026-11-30', inputs({ now: at('2026-11-26T11:00:00Z') }));
    expect(after.lock).toEqual({ reason: 'deadline_passed', deadline: '2026-11-26T11:00:00.000Z' });
    expect(after.editable).toBe(false);
  });
  it('skips a public holiday when counting working days', () => {
    // Friday 13 November 2026: two working days before, skipping Wednesday 11 (Armistice) → Tuesday 10 at noon.
    expect(dayCell('2026-11-13', inputs({ now: at('2026-11-10T10:59:00Z') })).editable).toBe(true);
    expect(dayCell('2026-11-13', inputs({ now: at('2026-11-10T11:00:00Z') })).lock?.deadline).toBe('2026-11-10T11:00:00.000Z');
  });
  it('reads the cancellation rule for a booked day and the booking rule otherwise', () => {
    const strictCancel = { ...canteen, deadlines: { ...canteen.deadlines, cancel: { kind: 'days_before', days: 7, time: '12:00', workingDaysOnly: false } as const } };
    const t = at('2026-12-02T08:00:00Z');
    expect(dayCell('2026-12-07', inputs({ now: t, activity: strictCancel })).editable).toBe(true);
    const booked = inputs({ now: t, activity: strictCancel, bookings: new Map([['2026-12-07', { status: 'reserved', waitingPosition: null, unitPriceCents: 235 }]]) });
    expect(dayCell('2026-12-07', booked).lock).toEqual({ reason: 'deadline_passed', deadline: '2026-11-30T11:00:00.000Z' });
  });
  it('keeps 10:00 on the Paris clock across the spring change (Sunday 28 March 2027)', () => {
    const rule = { kind: 'days_before', days: 2, time: '10:00', workingDaysOnly: false } as const;
    const activity = { ...canteen, deadlines: { add: rule, cancel: rule } };
    // Tuesday 30 March: deadline Sunday 28 at 10:00 summer time = 08:00 UTC (07:59 UTC is still 09:59 in Paris).
    expect(dayCell('2027-03-30', inputs({ activity, now: at('2027-03-28T07:59:59Z') })).editable).toBe(true);
    expect(dayCell('2027-03-30', inputs({ activity, now: at('2027-03-28T08:00:00Z') })).lock).toEqual({ reason: 'deadline_passed', deadline: '2027-03-28T08:00:00.000Z' });
    // The Friday before the change: deadline Wednesday 24 at 10:00 winter time = 09:00 UTC.
    expect(dayCell('2027-03-26', inputs({ activity, now: at('2027-03-24T08:30:00Z') })).editable).toBe(true);
    expect(dayCell('2027-03-26', inputs({ activity, now: at('2027-03-24T09:00:00Z') })).lock?.deadline).toBe('2027-03-24T09:00:00.000Z');
  });
  it('keeps 10:00 on the Paris clock across the autumn change (Sunday 25 October 2026), in a holiday centre', () => {
    // Monday 26 October (Toussaint holidays): deadline Sunday 25 at 10:00 winter time = 09:00 UTC.
    expect(dayCell('2026-10-26', inputs({ activity: centre, now: at('2026-10-25T08:59:59Z') })).editable).toBe(true);
    expect(dayCell('2026-10-26', inputs({ activity: centre, now: at('2026-10-25T09:00:00Z') })).lock).toEqual({ reason: 'deadline_passed', deadline: '2026-10-25T09:00:00.000Z' });
    // Saturday 24 → Friday 23 at 10:00 summer time = 08:00 UTC (but Saturday is not a centre day: check Friday 23).
    expect(dayCell('2026-10-23', inputs({ activity: centre, now: at('2026-10-22T07:59:00Z') })).editable).toBe(true);
    expect(dayCell('2026-10-23', inputs({ activity: centre, now: at('2026-10-22T08:00:00Z') })).lock?.deadline).toBe('2026-10-22T08:00:00.000Z');
  });
  it('opens a holiday centre only during the holidays', () => {
    expect(dayCell('2026-10-19', inputs({ activity: centre, now: at('2026-10-01T08:00:00Z') })).editable).toBe(true);
    expect(dayCell('2026-11-02', inputs({ activity: centre, now: at('2026-10-01T08:00:00Z') })).lock).toEqual({ reason: 'not_open' });
  });
  it('lets staff past the deadlines, but not past days, closed days or a full day without a waiting list', () => {
    const late = at('2026-11-30T07:00:00Z'); // Monday 08:00 in Paris
    expect(dayCell('2026-11-30', inputs({ now: late })).lock?.reason).toBe('deadline_passed');
    expect(dayCell('2026-11-30', inputs({ now: late, staff: true })).editable).toBe(true);
    expect(dayCell('2026-11-27', inputs({ now: late, staff: true })).lock).toEqual({ reason: 'past' });
    expect(dayCell('2026-12-11', inputs({ now: late, staff: true })).lock?.reason).toBe('closed');
    const full = inputs({ now: late, staff: true, activity: { ...canteen, waitingList: false }, reserved: new Map([['2026-12-03', 3]]) });
    expect(dayCell('2026-12-03', full).lock).toEqual({ reason: 'full' });
  });
});

describe('dayCell: capacity and waiting list', () => {
  it('marks a day full when reserved places reach the capacity; adding then means waiting', () => {
    const cell = dayCell('2026-12-07', inputs({ now, reserved: new Map([['2026-12-07', 3]]) }));
    expect(cell).toMatchObject({ full: true, editable: true, lock: null });
    expect(dayCell('2026-12-07', inputs({ now, reserved: new Map([['2026-12-07', 2]]) })).full).toBe(false);
  });
  it('locks a full day when the activity keeps no waiting list, but not for a child already booked', () => {
    const activity = { ...canteen, waitingList: false };
    const reserved = new Map([['2026-12-07', 3]]);
    expect(dayCell('2026-12-07', inputs({ now, activity, reserved })).lock).toEqual({ reason: 'full' });
    const booked = new Map([['2026-12-07', { status: 'reserved' as const, waitingPosition: null, unitPriceCents: 235 }]]);
    expect(dayCell('2026-12-07', inputs({ now, activity, reserved, bookings: booked })).editable).toBe(true);
  });
  it('shows the waiting position and pending changes', () => {
    const bookings = new Map([['2026-12-07', { status: 'waiting' as const, waitingPosition: 2, unitPriceCents: 235 }]]);
    const cell = dayCell('2026-12-07', inputs({ now, bookings, reserved: new Map([['2026-12-07', 3]]), pending: new Map([['2026-12-07', 'cancel' as const]]) }));
    expect(cell).toMatchObject({ booked: false, waiting: true, waitingPosition: 2, pending: 'cancel', full: true, editable: true });
    expect(isChecked(cell)).toBe(false);
  });
});

describe('buildDayCells', () => {
  it('builds one cell per day in order', () => {
    const cells = buildDayCells(['2026-12-07', '2026-12-08', '2026-12-09'], inputs({ now }));
    expect(cells.map((c) => [c.day, c.open])).toEqual([['2026-12-07', true], ['2026-12-08', true], ['2026-12-09', false]]);
  });
});

describe('lineFailure (Terminer re-checks)', () => {
  const base = { activity: canteen, calendar, closureDays: [], enrolled: true, staff: false, base: 'none' as const };
  it('holds before the deadline and fails after it', () => {
    expect(lineFailure({ ...base, day: '2026-12-07', now: at('2026-12-03T10:00:00Z') })).toBeNull();
    expect(lineFailure({ ...base, day: '2026-12-07', now: at('2026-12-03T11:00:00Z') })).toBe('deadline_passed');
    expect(lineFailure({ ...base, day: '2026-12-07', now: at('2026-12-03T11:00:00Z'), staff: true })).toBeNull();
  });
  it('fails on closed days, past days and without enrolment', () => {
    expect(lineFailure({ ...base, day: '2026-12-25', now })).toBe('not_open');
    expect(lineFailure({ ...base, day: '2026-12-07', now, closureDays: [{ day: '2026-12-07', reason: 'Travaux' }] })).toBe('not_open');
    expect(lineFailure({ ...base, day: '2026-11-20', now, staff: true })).toBe('deadline_passed');
    expect(lineFailure({ ...base, day: '2026-12-07', now, enrolled: false })).toBe('not_enrolled');
  });
});

import { describe, expect, it } from 'vitest';
import { eachDay } from '../calendar';
import { planPattern } from './advanced-edit';
import { buildDayCells } from './day-cells';
import { at, canteen, inputs } from './testing/fixtures';

const now = at('2026-11-26T11:00:00Z'); // Thursday 26 November, 12:00 in Paris: Monday 30 just closed
const range = eachDay('2026-11-30', '2026-12-25');

describe('planPattern', () => {
  it('books the pattern’s weekdays, cancels the others, and says why days are skipped', () => {
    const bookings = new Map([
      ['2026-12-08', { status: 'reserved' as const, waitingPosition: null, unitPriceCents: 235 }], // a Tuesday: cancelled
      ['2026-12-10', { status: 'reserved' as const, waitingPosition: null, unitPriceCents: 235 }], // a Thursday: kept
    ]);
    const cells = buildDayCells(range, inputs({ now, bookings, reserved: new Map([['2026-12-17', 3]]) }));
    const plan = planPattern([{ activityId: canteen.id, enrolled: true, cells }], [{ activityId: canteen.id, weekdays: [1, 4] }]);
    expect(plan.additions.map((l) => `${l.day} ${l.action}`)).toEqual([
      '2026-12-03 add', '2026-12-07 add', '2026-12-14 add', '2026-12-17 wait',
    ]);
    expect(plan.cancellations.map((l) => l.day)).toEqual(['2026-12-08']);
    expect(plan.lines).toHaveLength(5);
    expect(plan.skipped.map((s) => [s.day, s.lock.reason, s.lock.detail])).toEqual([
      ['2026-11-30', 'deadline_passed', undefined], // Monday 30: too late
      ['2026-12-21', 'holiday', 'Vacances de Noël'],
      ['2026-12-24', 'holiday', 'Vacances de Noël'],
    ]);
    // Every editable day is in the scope (their pending lines are replaced), locked ones are not.
    expect(plan.scope.some((s) => s.day === '2026-12-04')).toBe(true);
    expect(plan.scope.some((s) => s.day === '2026-11-30')).toBe(false);
  });
  it('leaves rows absent from the pattern alone, and an empty weekday list cancels everything changeable', () => {
    const bookings = new Map([['2026-12-08', { status: 'reserved' as const, waitingPosition: null, unitPriceCents: 235 }]]);
    const cells = buildDayCells(range, inputs({ now, bookings }));
    const rows = [{ activityId: canteen.id, enrolled: true, cells }];
    expect(planPattern(rows, [{ activityId: 'autre', weekdays: [1] }]).lines).toEqual([]);
    expect(planPattern(rows, [{ activityId: canteen.id, weekdays: [] }]).cancellations.map((l) => l.day)).toEqual(['2026-12-08']);
  });
});

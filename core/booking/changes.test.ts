import { describe, expect, it } from 'vitest';
import { buildDayCells } from './day-cells';
import { changesFromSubmission, lineFor, parseCellKey, type RowCells } from './changes';
import { eachDay } from '../calendar';
import { at, canteen, inputs } from './testing/fixtures';

const now = at('2026-11-26T11:00:00Z'); // Thursday 26 November, 12:00 in Paris: Monday 30 just closed
const week = eachDay('2026-11-30', '2026-12-06'); // Mon 30 Nov … Sun 6 Dec

function rows(overrides: Parameters<typeof inputs>[0] = { now }, enrolled = true): RowCells[] {
  return [{ activityId: canteen.id, enrolled, cells: buildDayCells(week, inputs({ ...overrides, enrolled })) }];
}

const key = (day: string) => `${canteen.id}:${day}`;

describe('lineFor', () => {
  it('adds, waits when full, cancels, and does nothing when the state is already the wanted one', () => {
    expect(lineFor({ booked: false, waiting: false, full: false }, true)).toBe('add');
    expect(lineFor({ booked: false, waiting: false, full: true }, true)).toBe('wait');
    expect(lineFor({ booked: true, waiting: false, full: true }, false)).toBe('cancel');
    expect(lineFor({ booked: false, waiting: true, full: true }, false)).toBe('cancel');
    expect(lineFor({ booked: true, waiting: false, full: false }, true)).toBeNull();
    expect(lineFor({ booked: false, waiting: false, full: false }, false)).toBeNull();
  });
});

describe('changesFromSubmission', () => {
  it('turns checked days into additions; Monday 30 is past its deadline and outside the scope', () => {
    const result = changesFromSubmission({ rows: rows(), checked: [key('2026-12-01'), key('2026-12-03')], wholePeriod: [] });
    expect(result).toEqual({
      ok: true,
      value: {
        lines: [{ activityId: 'cantine', day: '2026-12-01', action: 'add' }, { activityId: 'cantine', day: '2026-12-03', action: 'add' }],
        scope: ['2026-12-01', '2026-12-03', '2026-12-04'].map((day) => ({ activityId: 'cantine', day })),
      },
    });
  });
  it('checks every editable day of a « Tout le mois » row', () => {
    const result = changesFromSubmission({ rows: rows(), checked: [], wholePeriod: [canteen.id] });
    expect(result.ok && result.value.lines.map((l) => l.day)).toEqual(['2026-12-01', '2026-12-03', '2026-12-04']);
  });
  it('cancels booked days left unchecked, waits on full days, and drops pending lines that undo themselves', () => {
    const bookings = new Map([['2026-12-01', { status: 'reserved' as const, waitingPosition: null, unitPriceCents: 235 }]]);
    const state = rows({ now, bookings, reserved: new Map([['2026-12-03', 3]]), pending: new Map([['2026-12-04', 'add' as const]]) });
    const result = changesFromSubmission({ rows: state, checked: [key('2026-12-03')], wholePeriod: [] });
    expect(result.ok && result.value.lines).toEqual([
      { activityId: 'cantine', day: '2026-12-01', action: 'cancel' },
      { activityId: 'cantine', day: '2026-12-03', action: 'wait' },
    ]);
    // Friday 4 (pending add, now unchecked) is in the scope without a line: its pending line goes away.
    expect(result.ok && result.value.scope.map((s) => s.day)).toContain('2026-12-04');
  });
  it('keeps a locked booked day booked when its disabled checkbox is not submitted', () => {
    const bookings = new Map([['2026-11-30', { status: 'reserved' as const, waitingPosition: null, unitPriceCents: 235 }]]);
    const result = changesFromSubmission({ rows: rows({ now, bookings }), checked: [], wholePeriod: [] });
    expect(result.ok && result.value.lines).toEqual([]);
    expect(result.ok && result.value.scope.some((s) => s.day === '2026-11-30')).toBe(false);
    // … and accepts it sent checked (a client resending the whole state).
    expect(changesFromSubmission({ rows: rows({ now, bookings }), checked: [key('2026-11-30')], wholePeriod: [] }).ok).toBe(true);
  });

  describe('refuses forged input as a whole', () => {
    const cases: [string, unknown[], unknown[], string][] = [
      ['a malformed date', [key('2026-12-1')], [], 'invalid_date'],
      ['an impossible date', [key('2026-02-30')], [], 'invalid_date'],
      ['a key without a day', ['cantine'], [], 'invalid_date'],
      ['a key that is not text', [42], [], 'invalid_date'],
      ['a day outside the period', [key('2026-12-07')], [], 'invalid_date'],
      ['another activity', ['garderie-d-un-autre:2026-12-01'], [], 'not_found'],
      ['a day past its deadline', [key('2026-11-30')], [], 'locked_day'],
      ['a closed day (Wednesday)', [key('2026-12-02')], [], 'locked_day'],
      ['« Tout le mois » of another activity', [], ['garderie-d-un-autre'], 'not_found'],
    ];
    it.each(cases)('%s', (_name, checked, wholePeriod, error) => {
      const result = changesFromSubmission({ rows: rows(), checked: [key('2026-12-03'), ...checked], wholePeriod });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toBe(error);
    });
    it('an activity the child is not enrolled in', () => {
      expect(changesFromSubmission({ rows: rows({ now }, false), checked: [key('2026-12-03')], wholePeriod: [] })).toMatchObject({ ok: false, error: 'locked_day' });
      expect(changesFromSubmission({ rows: rows({ now }, false), checked: [], wholePeriod: [canteen.id] })).toMatchObject({ ok: false, error: 'locked_day' });
    });
    it('a flood of cells', () => {
      const flood = Array.from({ length: 5000 }, () => key('2026-12-03'));
      expect(changesFromSubmission({ rows: rows(), checked: flood, wholePeriod: [] })).toMatchObject({ ok: false, error: 'invalid_date' });
    });
  });
});

describe('parseCellKey', () => {
  it('splits at the last colon', () => {
    expect(parseCellKey('a:b:2026-12-01')).toEqual({ activityId: 'a:b', day: '2026-12-01' });
    expect(parseCellKey(':2026-12-01')).toBeNull();
    expect(parseCellKey('abc:')).toBeNull();
  });
});

/**
 * From what the parent submitted (the checked cells and the « Tout le mois » rows) to basket lines, checked against
 * the cells the server computes itself. The submission describes the wanted state of the period; every editable
 * cell whose wanted state differs from its booked/waiting state becomes a line (add, or wait when the day is full;
 * cancel), and every other editable cell loses its pending line (a change that undoes itself disappears).
 * Disabled checkboxes are never submitted by browsers, so a locked cell absent from the submission keeps its state.
 *
 * Forged input is refused as a whole, nothing changed: a malformed key or date, a day outside the period, an
 * activity that is not one of the child's rows, a locked or closed day asked to change, a « Tout le mois » for an
 * activity the child is not enrolled in.
 */
import { isPlainDate, type PlainDate } from '../calendar';
import type { BasketAction, DayCell } from './model';
import { isChecked } from './day-cells';

export interface RowCells {
  activityId: string;
  enrolled: boolean;
  cells: readonly DayCell[];
}

export interface LineChange {
  activityId: string;
  day: PlainDate;
  action: BasketAction;
}

export interface ChangeSet {
  /** The lines to store. */
  lines: LineChange[];
  /** Every editable cell considered: its pending line (if any) is replaced by `lines`. */
  scope: { activityId: string; day: PlainDate }[];
}

export type ChangeRefusal = 'not_found' | 'invalid_date' | 'locked_day';
export type ChangeResult = { ok: true; value: ChangeSet } | { ok: false; error: ChangeRefusal; detail: string };

/** More cells than any period can hold (a month × a dozen activities): refused before any work. */
export const MAX_SUBMITTED_CELLS = 2000;

export function cellKey(activityId: string, day: PlainDate): string {
  return `${activityId}:${day}`;
}

export function parseCellKey(key: unknown): { activityId: string; day: string } | null {
  if (typeof key !== 'string') return null;
  const at = key.lastIndexOf(':');
  if (at <= 0 || at === key.length - 1) return null;
  return { activityId: key.slice(0, at), day: key.slice(at + 1) };
}

/** The line that brings a cell from its booked/waiting state to the wanted one; null when nothing changes. */
export function lineFor(cell: Pick<DayCell, 'booked' | 'waiting' | 'full'>, wanted: boolean): BasketAction | null {
  const base = cell.booked || cell.waiting;
  if (wanted === base) return null;
  if (wanted) return cell.full ? 'wait' : 'add';
  return 'cancel';
}

function refuse(error: ChangeRefusal, detail: string): ChangeResult {
  return { ok: false, error, detail };
}

export function changesFromSubmission(input: {
  rows: readonly RowCells[];
  checked: readonly unknown[];
  wholePeriod: readonly unknown[];
}): ChangeResult {
  if (input.checked.length + input.wholePeriod.length > MAX_SUBMITTED_CELLS) return refuse('invalid_date', 'too_many_cells');
  const rows = new Map(input.rows.map((row) => [row.activityId, row]));
  const cells = new Map<string, DayCell>();
  for (const row of input.rows) for (const cell of row.cells) cells.set(cellKey(row.activityId, cell.day), cell);

  const checked = new Set<string>();
  for (const raw of input.checked) {
    const parsed = parseCellKey(raw);
    if (!parsed) return refuse('invalid_date', String(raw).slice(0, 100));
    if (!isPlainDate(parsed.day)) return refuse('invalid_date', String(raw).slice(0, 100));
    if (!rows.has(parsed.activityId)) return refuse('not_found', parsed.activityId.slice(0, 100));
    const key = cellKey(parsed.activityId, parsed.day);
    const cell = cells.get(key);
    if (!cell) return refuse('invalid_date', key); // a day outside the displayed period
    // A locked day may be sent checked only when it already shows checked (a client resending the whole state).
    if (!cell.editable && !isChecked(cell)) return refuse('locked_day', key);
    checked.add(key);
  }

  const whole = new Set<string>();
  for (const raw of input.wholePeriod) {
    if (typeof raw !== 'string' || !rows.has(raw)) return refuse('not_found', String(raw).slice(0, 100));
    if (!rows.get(raw)!.enrolled) return refuse('locked_day', raw);
    whole.add(raw);
  }

  const lines: LineChange[] = [];
  const scope: ChangeSet['scope'] = [];
  for (const row of input.rows) {
    for (const cell of row.cells) {
      if (!cell.editable) continue;
      scope.push({ activityId: row.activityId, day: cell.day });
      const action = lineFor(cell, whole.has(row.activityId) || checked.has(cellKey(row.activityId, cell.day)));
      if (action) lines.push({ activityId: row.activityId, day: cell.day, action });
    }
  }
  return { ok: true, value: { lines, scope } };
}

/**
 * Modification avancée: a weekday pattern per activity (« Cantine lundi, mardi, jeudi, vendredi ») over a date range.
 * For each open day of the range the wanted state is « booked » on the pattern's weekdays and « not booked » on the
 * others; the lines are the same as a planning submission's (add / wait / cancel, pending lines replaced), and the
 * days that cannot follow the pattern are listed with their lock (past, deadline, holiday, closure, full…).
 * Days the activity never runs (another weekday, outside its school year) are left out silently.
 */
import { weekday, type PlainDate } from '../calendar';
import { lineFor, type ChangeSet, type LineChange, type RowCells } from './changes';
import type { DayCell } from './model';

export interface PatternEntry {
  activityId: string;
  /** ISO weekdays wanted (1 = Monday); an empty list cancels every changeable day of the range. */
  weekdays: readonly number[];
}

export interface SkippedDay {
  activityId: string;
  day: PlainDate;
  lock: NonNullable<DayCell['lock']>;
  /** What the pattern wanted: true = book it, false = cancel it. */
  wanted: boolean;
}

export interface PatternPlan extends ChangeSet {
  additions: LineChange[];
  cancellations: LineChange[];
  skipped: SkippedDay[];
}

export function isValidWeekdayList(weekdays: unknown): weekdays is number[] {
  return Array.isArray(weekdays) && weekdays.every((n) => Number.isInteger(n) && n >= 1 && n <= 7);
}

/** Applies the pattern to one child's rows (cells over the whole range). Rows absent from the pattern are untouched. */
export function planPattern(rows: readonly RowCells[], pattern: readonly PatternEntry[]): PatternPlan {
  const plan: PatternPlan = { lines: [], scope: [], additions: [], cancellations: [], skipped: [] };
  for (const entry of pattern) {
    const row = rows.find((r) => r.activityId === entry.activityId);
    if (!row) continue;
    const wantedDays = new Set(entry.weekdays);
    for (const cell of row.cells) {
      const wanted = wantedDays.has(weekday(cell.day));
      if (!cell.open) {
        // A holiday, a public holiday or a closure on a wanted weekday: say why it is skipped.
        if (wanted && cell.lock && cell.lock.reason !== 'not_open') {
          plan.skipped.push({ activityId: row.activityId, day: cell.day, lock: cell.lock, wanted });
        }
        continue;
      }
      const action = lineFor(cell, wanted);
      if (!cell.editable) {
        if (action && cell.lock) plan.skipped.push({ activityId: row.activityId, day: cell.day, lock: cell.lock, wanted });
        continue;
      }
      plan.scope.push({ activityId: row.activityId, day: cell.day });
      if (!action) continue;
      const line = { activityId: row.activityId, day: cell.day, action };
      plan.lines.push(line);
      (action === 'cancel' ? plan.cancellations : plan.additions).push(line);
    }
  }
  return plan;
}

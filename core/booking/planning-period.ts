/**
 * The periods the planning shows (Mensuel, Quinzaine, Semaine) around an anchor date, with the anchors of the
 * previous / next arrows. Weeks run Monday to Sunday; a fortnight is two such weeks starting on the Monday of the
 * anchor's week (not the 1st–15th of a month), so that it lines up with the week view and the weekly deadlines.
 */
import { addDays, addMonths, eachDay, endOfMonth, parisToday, startOfMonth, startOfWeek, type PlainDate } from '../calendar';
import type { PlanningPeriod, PlanningViewKind } from './model';

export const PLANNING_VIEWS: readonly PlanningViewKind[] = ['month', 'fortnight', 'week'];

export function isPlanningViewKind(value: unknown): value is PlanningViewKind {
  return typeof value === 'string' && (PLANNING_VIEWS as readonly string[]).includes(value);
}

/** The period of that kind containing `date`; `today` is the Paris date of `now` (for the Aujourd'hui button). */
export function planningPeriod(kind: PlanningViewKind, date: PlainDate, now: Date): PlanningPeriod {
  const today = parisToday(now);
  switch (kind) {
    case 'month': {
      const start = startOfMonth(date);
      return { kind, start, end: endOfMonth(date), previous: addMonths(start, -1), next: addMonths(start, 1), today };
    }
    case 'fortnight': {
      const start = startOfWeek(date);
      return { kind, start, end: addDays(start, 13), previous: addDays(start, -14), next: addDays(start, 14), today };
    }
    case 'week': {
      const start = startOfWeek(date);
      return { kind, start, end: addDays(start, 6), previous: addDays(start, -7), next: addDays(start, 7), today };
    }
  }
}

export function periodDays(period: Pick<PlanningPeriod, 'start' | 'end'>): PlainDate[] {
  return eachDay(period.start, period.end);
}

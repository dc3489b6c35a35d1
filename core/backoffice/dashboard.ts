/**
 * The dashboard's figures: meals booked and children present per day and site over the last open days, and the
 * waiting lists. (Occupancy against capacity comes from the booking service's occupancy; revenue from
 * invoicing-reports.ts.) Animateurs see their sites only.
 */
import { addDays, parisToday, type PlainDate } from '../calendar';
import { mealCounts } from './meals';
import type { Viewer } from './model';
import type { BackOfficeDeps, WaitingRow } from './ports';
import { scopeIds, siteScope } from './staff-sites';

export const DASHBOARD_DAYS = 10;

export interface MealSeries {
  siteId: string;
  siteName: string;
  days: { day: PlainDate; booked: number; present: number | null }[];
}

/** Sums the meal rows of each site and day (a site may have a canteen and a Wednesday centre). */
export function mealSeries(rows: readonly { day: PlainDate; siteId: string; siteName: string; bookedNow: number; present: number | null }[], maxDays: number): MealSeries[] {
  const days = [...new Set(rows.map((r) => r.day))].sort().slice(-maxDays);
  const keep = new Set(days);
  const sites = new Map<string, MealSeries>();
  for (const row of rows) {
    if (!keep.has(row.day)) continue;
    let series = sites.get(row.siteId);
    if (!series) {
      series = { siteId: row.siteId, siteName: row.siteName, days: days.map((day) => ({ day, booked: 0, present: null })) };
      sites.set(row.siteId, series);
    }
    const point = series.days.find((d) => d.day === row.day)!;
    point.booked += row.bookedNow;
    if (row.present !== null) point.present = (point.present ?? 0) + row.present;
  }
  return [...sites.values()].sort((a, b) => a.siteName.localeCompare(b.siteName, 'fr'));
}

export async function dashboardFigures(
  input: { viewer: Viewer },
  deps: Pick<BackOfficeDeps, 'store' | 'calendar' | 'clock'>,
): Promise<{ today: PlainDate; meals: MealSeries[]; waiting: WaitingRow[] }> {
  const today = parisToday(deps.clock.now());
  const scope = await siteScope(input.viewer, deps);
  const [meals, waiting] = await Promise.all([
    mealCounts({ from: addDays(today, -20), to: today, siteId: null, viewer: input.viewer }, deps),
    deps.store.dashboard.waiting(today, scopeIds(scope)),
  ]);
  return { today, meals: meals.ok ? mealSeries(meals.rows, DASHBOARD_DAYS) : [], waiting };
}

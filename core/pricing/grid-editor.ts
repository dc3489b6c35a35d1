/**
 * Staff edit price grids (a minimal editor until the back-office issue lands): per activity, a grid in force from an
 * effective date. Saving a grid with a new date adds a version (the old one still prices the days before it);
 * saving with an existing date replaces that version. A grid that validateGrid refuses is never stored. Audited.
 */
import { addDays, isPlainDate, type PlainDate } from '../calendar';
import type { AuditLog, Clock } from '../ports';
import { validateGrid, type GridIssue, type PriceGrid } from './grid';

export interface StoredGrid extends PriceGrid {
  id: string;
  activityId: string;
  schoolYearId: string;
  effectiveFrom: PlainDate;
  source: string;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface GridActivity {
  id: string;
  name: string;
  kind: string;
  siteName: string;
  schoolYearId: string;
  schoolYearStartsOn: PlainDate;
  schoolYearEndsOn: PlainDate;
  billingMode: string;
  /** Oldest first. */
  grids: StoredGrid[];
}

export interface PriceGridRepository {
  activities(): Promise<GridActivity[]>;
  activity(activityId: string): Promise<GridActivity | null>;
  /** Inserts the version of that date, or replaces it (rules and brackets); returns its id. */
  save(
    input: { activityId: string; schoolYearId: string; effectiveFrom: PlainDate; grid: PriceGrid; source: string; by: string },
    now: Date,
  ): Promise<string>;
  /** The last day of the last month in which this activity was invoiced; null when it never was. */
  lastInvoicedDay(activityId: string): Promise<PlainDate | null>;
  /** Reserved bookings of the activity in [from, until] (until null: no end), the families they belong to, how many were paid when booked. */
  impact(activityId: string, from: PlainDate, until: PlainDate | null): Promise<{ bookings: number; families: number; prepaid: number }>;
}

/** What a new grid version would price, shown before it is saved. */
export interface GridImpact {
  from: PlainDate;
  /** The day before the next version, if any. */
  until: PlainDate | null;
  bookings: number;
  families: number;
  /** Already paid at booking: they keep the price they were paid. */
  prepaid: number;
  /** Sent back with the confirmation: saving goes ahead only for exactly what was shown. */
  confirmation: string;
}

export interface GridEditorStore {
  grids: PriceGridRepository;
  transaction<T>(work: (repos: { grids: PriceGridRepository; audit: AuditLog }) => Promise<T>): Promise<T>;
}

export type SaveGridResult =
  { ok: true; gridId: string } | { ok: false; issues: GridIssue[] } | { ok: false; issues: []; impact: GridImpact };

export interface GridEditor {
  activities(): Promise<GridActivity[]>;
  activity(activityId: string): Promise<GridActivity | null>;
  /**
   * Saves a version. When future bookings would be priced by it, the first call answers with its impact; saving needs
   * the impact's confirmation sent back with the same grid and date.
   */
  save(input: {
    activityId: string;
    effectiveFrom: string;
    grid: PriceGrid;
    source?: string;
    confirmation?: string;
    actor: { userId: string; label: string; ip: string | null };
  }): Promise<SaveGridResult>;
}

export function createGridEditor(deps: { store: GridEditorStore; clock: Clock }): GridEditor {
  return {
    activities: () => deps.store.grids.activities(),
    activity: (id) => deps.store.grids.activity(id),
    async save(input) {
      const activity = await deps.store.grids.activity(input.activityId);
      if (!activity) return { ok: false, issues: [{ field: 'activity', message: 'Cette activité n’existe pas.' }] };
      const issues: GridIssue[] = [];
      if (!isPlainDate(input.effectiveFrom)) {
        issues.push({ field: 'effectiveFrom', message: 'Indiquez une date d’entrée en vigueur valide, par exemple 01/09/2026.' });
      } else if (input.effectiveFrom > activity.schoolYearEndsOn) {
        issues.push({
          field: 'effectiveFrom',
          message: 'La date d’entrée en vigueur doit tomber avant la fin de l’année scolaire de l’activité.',
        });
      }
      issues.push(...validateGrid(input.grid));
      if (issues.length > 0) return { ok: false, issues };
      const effectiveFrom = input.effectiveFrom as PlainDate;
      // What was invoiced stays as it was: a version may only start after the last invoiced month.
      const invoicedUntil = await deps.store.grids.lastInvoicedDay(activity.id);
      if (invoicedUntil && effectiveFrom <= invoicedUntil) {
        const [y, m, d] = invoicedUntil.split('-');
        return {
          ok: false,
          issues: [
            {
              field: 'effectiveFrom',
              message: `Les jours jusqu’au ${d}/${m}/${y} sont déjà facturés : la grille doit entrer en vigueur après cette date.`,
            },
          ],
        };
      }
      const next = activity.grids
        .map((g) => g.effectiveFrom)
        .filter((day) => day > effectiveFrom)
        .sort()[0];
      const until = next ? addDays(next, -1) : null;
      const counts = await deps.store.grids.impact(activity.id, effectiveFrom, until);
      const confirmation = JSON.stringify({ effectiveFrom, grid: input.grid, counts });
      if (counts.bookings > 0 && input.confirmation !== confirmation) {
        return { ok: false, issues: [], impact: { from: effectiveFrom, until, ...counts, confirmation } };
      }
      const now = deps.clock.now();
      const gridId = await deps.store.transaction(async (repos) => {
        const id = await repos.grids.save(
          {
            activityId: activity.id,
            schoolYearId: activity.schoolYearId,
            effectiveFrom,
            grid: input.grid,
            source: (input.source ?? 'Saisie du service enfance').slice(0, 300),
            by: input.actor.label,
          },
          now,
        );
        await repos.audit.record(
          {
            actorUserId: input.actor.userId,
            actorLabel: input.actor.label,
            ip: input.actor.ip,
            action: 'prices.grid_saved',
            target: `activity:${activity.id}`,
            details: { gridId: id, effectiveFrom: input.effectiveFrom, brackets: input.grid.brackets.length },
          },
          now,
        );
        return id;
      });
      return { ok: true, gridId };
    },
  };
}

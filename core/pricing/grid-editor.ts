/**
 * Staff edit price grids (a minimal editor until the back-office issue lands): per activity, a grid in force from an
 * effective date. Saving a grid with a new date adds a version (the old one still prices the days before it);
 * saving with an existing date replaces that version. A grid that validateGrid refuses is never stored. Audited.
 */
import { isPlainDate, type PlainDate } from '../calendar';
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
  save(input: { activityId: string; schoolYearId: string; effectiveFrom: PlainDate; grid: PriceGrid; source: string; by: string }, now: Date): Promise<string>;
}

export interface GridEditorStore {
  grids: PriceGridRepository;
  transaction<T>(work: (repos: { grids: PriceGridRepository; audit: AuditLog }) => Promise<T>): Promise<T>;
}

export type SaveGridResult = { ok: true; gridId: string } | { ok: false; issues: GridIssue[] };

export interface GridEditor {
  activities(): Promise<GridActivity[]>;
  activity(activityId: string): Promise<GridActivity | null>;
  save(input: { activityId: string; effectiveFrom: string; grid: PriceGrid; source?: string; actor: { userId: string; label: string; ip: string | null } }): Promise<SaveGridResult>;
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
        issues.push({ field: 'effectiveFrom', message: 'La date d’entrée en vigueur doit tomber avant la fin de l’année scolaire de l’activité.' });
      }
      issues.push(...validateGrid(input.grid));
      if (issues.length > 0) return { ok: false, issues };
      const now = deps.clock.now();
      const gridId = await deps.store.transaction(async (repos) => {
        const id = await repos.grids.save(
          {
            activityId: activity.id, schoolYearId: activity.schoolYearId, effectiveFrom: input.effectiveFrom, grid: input.grid,
            source: (input.source ?? 'Saisie du service enfance').slice(0, 300), by: input.actor.label,
          },
          now,
        );
        await repos.audit.record(
          {
            actorUserId: input.actor.userId, actorLabel: input.actor.label, ip: input.actor.ip, action: 'prices.grid_saved', target: `activity:${activity.id}`,
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

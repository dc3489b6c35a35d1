/**
 * Exports for staff: families (in the questionnaire's own columns, so an export can be corrected and imported
 * again), children, bookings, attendance and meal counts, as tables that the web layer writes as CSV (core/
 * backoffice/csv.ts) or XLSX (adapters/exports/xlsx.ts). Text cells are neutralised against formula injection by
 * both writers. Health columns only for roles that read health data, income columns only for billing roles; an
 * export carrying PAI flags is an audit event like any other read of a PAI.
 */
import { diffDays, isPlainDate, type PlainDate } from '../calendar';
import type { CellValue } from './csv';
import { allImportFields, canonicalHeader, MAX_CHILDREN, MAX_GUARDIANS, type ImportField } from './family-import/fields';
import { mealCounts, type MealRow } from './meals';
import { canReadHealth, canReadIncome, type Viewer } from './model';
import type { BackOfficeDeps } from './ports';
import { scopeIds, siteScope } from './staff-sites';

export const EXPORT_DATASETS = ['familles', 'enfants', 'reservations', 'pointage', 'repas'] as const;
export type ExportDataset = (typeof EXPORT_DATASETS)[number];
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Datasets read over a date range (the others are the whole file). */
export const DATED_DATASETS: readonly ExportDataset[] = ['reservations', 'pointage', 'repas'];
export const EXPORT_RANGE_MAX_DAYS = 400;

export interface ExportTable {
  /** Sheet name and file name stem. */
  name: string;
  header: string[];
  rows: CellValue[][];
}

export function isExportDataset(value: string): value is ExportDataset {
  return (EXPORT_DATASETS as readonly string[]).includes(value);
}

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

const DIET_LABELS: Record<string, string> = { standard: 'standard', sans_porc: 'sans porc', vegetarien: 'végétarien' };
const STATUS_LABELS: Record<string, string> = {
  reserved: 'réservé', cancelled: 'annulé', waiting: 'liste d’attente',
  present: 'présent', absent: 'absent', present_unbooked: 'présent sans réservation',
};
const yesNo = (value: boolean) => (value ? 'oui' : 'non');
/** 'YYYY-MM-DD' → 'JJ/MM/AAAA', as French spreadsheets read dates. */
export const frenchDate = (day: string | null) => (day ? `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}` : null);
const euros = (cents: number) => Math.round(cents) / 100;

export type ExportError = 'invalid_range';

export async function buildExport(
  input: { dataset: ExportDataset; from: string | null; to: string | null; siteId: string | null; viewer: Viewer },
  deps: Pick<BackOfficeDeps, 'store' | 'calendar' | 'clock'>,
): Promise<{ ok: true; table: ExportTable } | { ok: false; error: ExportError }> {
  const { dataset, viewer } = input;
  const health = canReadHealth(viewer.role);
  const income = canReadIncome(viewer.role);
  const now = deps.clock.now();
  let from: PlainDate | null = null;
  let to: PlainDate | null = null;
  if (DATED_DATASETS.includes(dataset)) {
    if (!input.from || !input.to || !isPlainDate(input.from) || !isPlainDate(input.to) || input.to < input.from || diffDays(input.from, input.to) > EXPORT_RANGE_MAX_DAYS) {
      return { ok: false, error: 'invalid_range' };
    }
    from = input.from;
    to = input.to;
  }
  const scope = scopeIds(await siteScope(viewer, deps));
  const audit = async (rows: number, pai: number) => {
    await deps.store.audit.record(
      { actorUserId: viewer.userId, actorLabel: viewer.label, action: 'export.downloaded', target: `export:${dataset}`, ip: viewer.ip, details: { rows, from, to } },
      now,
    );
    if (pai > 0) {
      await deps.store.audit.record(
        { actorUserId: viewer.userId, actorLabel: viewer.label, action: 'health.pai_read', target: `export:${dataset}`, ip: viewer.ip, details: { context: 'export', children: pai } },
        now,
      );
    }
  };

  if (dataset === 'familles') {
    const [families, sites] = await Promise.all([deps.store.exports.families(), deps.store.families.sites()]);
    const siteName = new Map(sites.map((s) => [s.id, s.name]));
    const healthFields = new Set(['diet', 'allergies', 'pai']);
    const fields = allImportFields().filter((f) => {
      const name = f.split('.')[1] ?? f;
      if (!health && f.startsWith('child') && healthFields.has(name)) return false;
      if (!income && (f === 'qf' || f === 'qfValidUntil')) return false;
      return true;
    });
    let pai = 0;
    const rows = families.map((family) => {
      const values: Partial<Record<ImportField, CellValue>> = {
        fileNumber: family.fileNumber, familyName: family.name, address: family.addressLine, postalCode: family.postalCode, city: family.city,
        familyPhone: family.phone, familyEmail: family.email, resident: yesNo(family.resident), qf: family.qf, qfValidUntil: frenchDate(family.qfValidUntil),
      };
      family.guardians.slice(0, MAX_GUARDIANS).forEach((g, i) => {
        const p = `guardian${i + 1}` as const;
        Object.assign(values, { [`${p}.firstName`]: g.firstName, [`${p}.lastName`]: g.lastName, [`${p}.relationship`]: g.relationship, [`${p}.email`]: g.email, [`${p}.phone`]: g.phone });
      });
      family.children.slice(0, MAX_CHILDREN).forEach((c, i) => {
        const p = `child${i + 1}` as const;
        if (c.hasPai) pai++;
        Object.assign(values, {
          [`${p}.firstName`]: c.firstName, [`${p}.lastName`]: c.lastName, [`${p}.birthDate`]: frenchDate(c.birthDate),
          [`${p}.school`]: c.siteId ? (siteName.get(c.siteId) ?? null) : null, [`${p}.level`]: c.level,
          [`${p}.diet`]: DIET_LABELS[c.diet] ?? c.diet, [`${p}.allergies`]: c.allergies, [`${p}.pai`]: yesNo(c.hasPai),
        });
      });
      return fields.map((f) => values[f] ?? null);
    });
    await audit(rows.length, health ? pai : 0);
    return { ok: true, table: { name: 'familles', header: fields.map(canonicalHeader), rows } };
  }

  if (dataset === 'enfants') {
    const [families, sites] = await Promise.all([deps.store.exports.families(), deps.store.families.sites()]);
    const siteName = new Map(sites.map((s) => [s.id, s.name]));
    const header = ['N° dossier', 'Famille', 'Prénom', 'Nom', 'Date de naissance', 'École', 'Classe', ...(health ? ['Régime', 'Allergies', 'PAI'] : [])];
    const rows: CellValue[][] = [];
    let pai = 0;
    for (const family of families) {
      for (const c of family.children) {
        if (c.hasPai) pai++;
        rows.push([
          family.fileNumber, family.name, c.firstName, c.lastName, frenchDate(c.birthDate), c.siteId ? (siteName.get(c.siteId) ?? null) : null, c.level,
          ...(health ? [DIET_LABELS[c.diet] ?? c.diet, c.allergies, yesNo(c.hasPai)] : []),
        ]);
      }
    }
    await audit(rows.length, health ? pai : 0);
    return { ok: true, table: { name: 'enfants', header, rows } };
  }

  if (dataset === 'reservations') {
    const list = await deps.store.exports.bookings(from!, to!, input.siteId ? [input.siteId].filter((id) => !scope || scope.includes(id)) : scope);
    const rows = list.map((b) => [frenchDate(b.day), b.siteName, b.activityName, b.fileNumber, b.familyName, b.childFirstName, b.childLastName, b.level, STATUS_LABELS[b.status] ?? b.status, euros(b.unitPriceCents)]);
    await audit(rows.length, 0);
    return { ok: true, table: { name: 'reservations', header: ['Date', 'Site', 'Activité', 'N° dossier', 'Famille', 'Prénom', 'Nom', 'Classe', 'État', 'Prix unitaire (€)'], rows } };
  }

  if (dataset === 'pointage') {
    const list = await deps.store.exports.attendance(from!, to!, input.siteId ? [input.siteId].filter((id) => !scope || scope.includes(id)) : scope);
    const rows = list.map((a) => [
      frenchDate(a.day), a.siteName, a.activityName, a.fileNumber, a.childFirstName, a.childLastName, a.level, STATUS_LABELS[a.status] ?? a.status,
      a.status === 'absent' ? yesNo(a.justified) : null, a.markedAt,
    ]);
    await audit(rows.length, 0);
    return { ok: true, table: { name: 'pointage', header: ['Date', 'Site', 'Activité', 'N° dossier', 'Prénom', 'Nom', 'Classe', 'Pointage', 'Absence justifiée', 'Pointé le (UTC)'], rows } };
  }

  const result = await mealCounts({ from: from!, to: to!, siteId: input.siteId, viewer }, deps);
  if (!result.ok) return result;
  const table = mealCountsTable(result.rows);
  await audit(table.rows.length, 0);
  return { ok: true, table };
}

/** The kitchen's table (also the meal counts page's CSV). */
export function mealCountsTable(rows: readonly MealRow[]): ExportTable {
  return {
    name: 'repas',
    header: ['Date', 'Site', 'Activité', 'Standard', 'Sans porc', 'Végétarien', 'Total', 'Dont PAI', 'État', 'Réservés à ce jour', 'Présents', 'Écart présents – repas'],
    rows: rows.map((r) => [
      frenchDate(r.day), r.siteName, r.activityName, r.counts.standard, r.counts.sans_porc, r.counts.vegetarien, r.counts.total, r.counts.pai,
      r.frozen ? 'figé' : 'prévision', r.bookedNow, r.present, r.present === null ? null : r.present - r.counts.total,
    ]),
  };
}

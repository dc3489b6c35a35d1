/** Département → académie → school holiday zone (academies-zones.csv: departement,academie,zone). */
import { csvIssue, readCsvTable, type CsvIssue, type CsvResult } from './csv';
import { normalizeDepartementCode } from './departement';
import type { SchoolZone } from './school-holidays';

export type AcademyRow = { departement: string; academie: string; zone: SchoolZone };

export function parseAcademiesCsv(text: string): CsvResult<AcademyRow[]> {
  const table = readCsvTable(text, ['departement', 'academie', 'zone'] as const);
  if (!table.ok) return table;
  const rows: AcademyRow[] = [];
  const errors: CsvIssue[] = [];
  const lineOf = new Map<string, number>();
  for (const { line, values } of table.value) {
    const departement = normalizeDepartementCode(values.departement);
    const rowErrors: string[] = [];
    if (departement === null) rowErrors.push(`code département invalide « ${values.departement} »`);
    else if (lineOf.has(departement)) rowErrors.push(`département « ${departement} » déjà présent ligne ${lineOf.get(departement)}`);
    if (values.academie === '') rowErrors.push('académie manquante');
    if (values.zone === '') rowErrors.push('zone manquante');
    if (departement === null || rowErrors.length > 0) { errors.push(...rowErrors.map((message) => csvIssue(line, message))); continue; }
    lineOf.set(departement, line);
    rows.push({ departement, academie: values.academie, zone: values.zone });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: rows };
}

/** The holiday zone of a département ('75' → 'Zone C'), or undefined when the table does not list it. */
export function holidayZoneForDepartement(code: string, rows: readonly AcademyRow[]): SchoolZone | undefined {
  const departement = normalizeDepartementCode(code);
  return departement === null ? undefined : rows.find((row) => row.departement === departement)?.zone;
}

/**
 * Reads vacances-scolaires.csv (description,zone,start_date,end_date,school_year; both dates inclusive days
 * without school). Staff may import a newer official file: every problem is reported in French, nothing thrown.
 */
import { csvIssue, readCsvTable, type CsvIssue, type CsvResult } from './csv';
import { isPlainDate } from './plain-date';
import type { SchoolHolidayPeriod } from './school-holidays';

const COLUMNS = ['description', 'zone', 'start_date', 'end_date', 'school_year'] as const;

// "Début des Vacances d'Été": only the start of that holiday was published.
const START_MARKER = /^début des (vacances .*)$/i;

function validSchoolYear(value: string): boolean {
  const match = /^(\d{4})(?:-(\d{4}))?$/.exec(value);
  return match !== null && (match[2] === undefined || Number(match[2]) === Number(match[1]) + 1);
}

export function parseSchoolHolidaysCsv(text: string): CsvResult<SchoolHolidayPeriod[]> {
  const table = readCsvTable(text, COLUMNS);
  if (!table.ok) return table;
  const periods: SchoolHolidayPeriod[] = [];
  const errors: CsvIssue[] = [];
  const seen = new Set<string>();
  for (const { line, values } of table.value) {
    const { description, zone, start_date: start, end_date: endText, school_year: schoolYear } = values;
    const rowErrors: string[] = [];
    if (description === '') rowErrors.push('description manquante');
    if (zone === '') rowErrors.push('zone manquante');
    if (!isPlainDate(start)) rowErrors.push(`date de début invalide « ${start} »`);
    const marker = START_MARKER.exec(description);
    if (!isPlainDate(endText) && !(marker && endText === '')) rowErrors.push(`date de fin invalide « ${endText} »`);
    else if (!marker && isPlainDate(start) && endText < start) {
      rowErrors.push(`la date de fin « ${endText} » précède la date de début « ${start} »`);
    }
    if (!validSchoolYear(schoolYear)) rowErrors.push(`année scolaire invalide « ${schoolYear} » (attendu 2026-2027 ou 2026)`);
    if (rowErrors.length > 0) { errors.push(...rowErrors.map((message) => csvIssue(line, message))); continue; }
    const key = [description, zone, start, endText].join('\u0000');
    if (seen.has(key)) continue; // the official export repeats a period once per académie
    seen.add(key);
    periods.push(
      marker?.[1] !== undefined
        ? { description: marker[1].charAt(0).toUpperCase() + marker[1].slice(1), zone, start, end: null, schoolYear }
        : { description, zone, start, end: endText, schoolYear },
    );
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: periods };
}

/**
 * The calendar data shipped with Tartine (data/, see data/ATTRIBUTION.md), read and parsed once, on first use.
 * The only file of core/calendar that touches the file system; not re-exported by index.ts so that the rest
 * stays usable in a browser bundle.
 */
import { readFileSync } from 'node:fs';
import { parseAcademiesCsv, type AcademyRow } from './academies';
import type { CsvResult } from './csv';
import { parseSchoolHolidaysCsv } from './school-holidays-csv';
import { resolveOpenEnds, type Rentree, type SchoolHolidayPeriod } from './school-holidays';
import { knownRentree } from './school-year';

function load<T>(file: string, parse: (text: string) => CsvResult<T>): T {
  const result = parse(readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8'));
  if (!result.ok) throw new Error(`core/calendar/data/${file}: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.value;
}

/** Published metropolitan rentrées, used to close the end of a summer given only by its start. */
function metropolitanRentrees(): Rentree[] {
  const rentrees: Rentree[] = [];
  for (let year = 2000; year <= 2100; year++) {
    const day = knownRentree(year);
    if (day !== undefined) for (const zone of ['Zone A', 'Zone B', 'Zone C']) rentrees.push({ zone, day });
  }
  return rentrees;
}

let schoolHolidays: readonly SchoolHolidayPeriod[] | undefined;
let academies: readonly AcademyRow[] | undefined;

export function shippedSchoolHolidays(): readonly SchoolHolidayPeriod[] {
  schoolHolidays ??= Object.freeze(resolveOpenEnds(load('vacances-scolaires.csv', parseSchoolHolidaysCsv), metropolitanRentrees()));
  return schoolHolidays;
}

export function shippedAcademies(): readonly AcademyRow[] {
  academies ??= Object.freeze(load('academies-zones.csv', parseAcademiesCsv));
  return academies;
}

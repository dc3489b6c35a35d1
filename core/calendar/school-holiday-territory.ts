/**
 * The académie de Guadeloupe's rows cover three territories, and some name the ones they apply to:
 * "Mi-carême (Guadeloupe & Saint-Martin)", "Abolition de l'esclavage (Guadeloupe sauf Saint-Martin)".
 * Here "X & Y" means only those territories, and "sauf Z" means the whole académie except Z.
 */
import { normalizeDepartementCode } from './departement';
import type { SchoolHolidayPeriod } from './school-holidays';

const TERRITORIES: readonly { departement: string; name: RegExp }[] = [
  { departement: '971', name: /guadeloupe/i },
  { departement: '977', name: /saint[- ]barth[ée]l[ée]my/i },
  { departement: '978', name: /saint[- ]martin/i },
];

/** Whether a period applies to a département; periods naming no territory apply everywhere in their zone. */
export function periodAppliesToDepartement(period: SchoolHolidayPeriod, departementCode: string): boolean {
  const qualifier = /\(([^()]*)\)\s*$/.exec(period.description)?.[1];
  if (qualifier === undefined || !TERRITORIES.some((t) => t.name.test(qualifier))) return true;
  const territory = TERRITORIES.find((t) => t.departement === normalizeDepartementCode(departementCode));
  if (!territory) return true;
  const [included = '', excluded] = qualifier.split(/\bsauf\b/i);
  if (excluded !== undefined) return !territory.name.test(excluded);
  return territory.name.test(included);
}

export function periodsForDepartement(
  periods: readonly SchoolHolidayPeriod[], departementCode: string,
): SchoolHolidayPeriod[] {
  return periods.filter((period) => periodAppliesToDepartement(period, departementCode));
}

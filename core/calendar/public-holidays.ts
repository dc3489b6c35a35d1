/** French public holidays (jours fériés) per region: Code du travail L3133-1 plus local law. */
import { normalizeDepartementCode } from './departement';
import { easterSunday } from './easter';
import { addDays, fromParts, type PlainDate } from './plain-date';

/** Region names as in jours-feries-2024-2028.csv. */
export const HOLIDAY_REGIONS = [
  'Métropole', 'Alsace-Moselle', 'Guadeloupe', 'Martinique', 'Guyane', 'La Réunion', 'Mayotte',
  'Saint-Barthélemy', 'Saint-Martin', 'Saint-Pierre-et-Miquelon', 'Wallis-et-Futuna', 'Polynésie française',
  'Nouvelle-Calédonie',
] as const;
export type HolidayRegion = (typeof HOLIDAY_REGIONS)[number];

export type PublicHoliday = { day: PlainDate; name: string };

type Fixed = readonly [month: number, day: number, name: string];

const NATIONAL_FIXED: readonly Fixed[] = [
  [1, 1, "Jour de l'an"], [5, 1, 'Fête du travail'], [5, 8, 'Victoire 1945'], [7, 14, 'Fête nationale'],
  [8, 15, 'Assomption'], [11, 1, 'Toussaint'], [11, 11, 'Armistice 1918'], [12, 25, 'Noël'],
];

const ABOLITION = "Abolition de l'esclavage";

const LOCAL_FIXED: Partial<Record<HolidayRegion, readonly Fixed[]>> = {
  'Alsace-Moselle': [[12, 26, 'Saint Étienne (26 décembre)']],
  Mayotte: [[4, 27, ABOLITION]],
  Martinique: [[5, 22, ABOLITION]],
  Guadeloupe: [[5, 27, ABOLITION]],
  'Saint-Martin': [[5, 28, ABOLITION]],
  Guyane: [[6, 10, ABOLITION]],
  'Saint-Barthélemy': [[10, 9, ABOLITION]],
  'La Réunion': [[12, 20, ABOLITION]],
  'Polynésie française': [[6, 29, "Fête de l'autonomie"]],
  'Nouvelle-Calédonie': [[9, 24, 'Fête de la citoyenneté']],
  'Wallis-et-Futuna': [[4, 28, 'Saint Pierre Chanel'], [7, 29, 'Fête du Territoire']],
};

export function isHolidayRegion(value: unknown): value is HolidayRegion {
  return typeof value === 'string' && (HOLIDAY_REGIONS as readonly string[]).includes(value);
}

/** Holidays of one year and region, sorted by day. Rules as in force since 2018. */
export function publicHolidays(year: number, region: HolidayRegion): PublicHoliday[] {
  const easter = easterSunday(year);
  const holidays: PublicHoliday[] = [
    ...NATIONAL_FIXED.map(([month, day, name]) => ({ day: fromParts(year, month, day), name })),
    { day: addDays(easter, 1), name: 'Lundi de Pâques' },
    { day: addDays(easter, 39), name: 'Ascension' },
    { day: addDays(easter, 50), name: 'Lundi de Pentecôte' },
    ...(LOCAL_FIXED[region] ?? []).map(([month, day, name]) => ({ day: fromParts(year, month, day), name })),
  ];
  if (region === 'Alsace-Moselle') holidays.push({ day: addDays(easter, -2), name: 'Vendredi saint' });
  return holidays.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.name.localeCompare(b.name)));
}

const REGION_BY_DEPARTEMENT: Readonly<Record<string, HolidayRegion>> = {
  '57': 'Alsace-Moselle', '67': 'Alsace-Moselle', '68': 'Alsace-Moselle',
  '971': 'Guadeloupe', '972': 'Martinique', '973': 'Guyane', '974': 'La Réunion', '975': 'Saint-Pierre-et-Miquelon',
  '976': 'Mayotte', '977': 'Saint-Barthélemy', '978': 'Saint-Martin', '986': 'Wallis-et-Futuna',
  '987': 'Polynésie française', '988': 'Nouvelle-Calédonie',
};

/** Public-holiday region of a département; anything unlisted (or invalid) is Métropole. */
export function regionForDepartement(code: string): HolidayRegion {
  const normalized = normalizeDepartementCode(code);
  return (normalized !== null ? REGION_BY_DEPARTEMENT[normalized] : undefined) ?? 'Métropole';
}

import { describe, expect, it } from 'vitest';
import { parseSchoolHolidaysCsv } from './school-holidays-csv';

const HEADER = 'description,zone,start_date,end_date,school_year';

describe('parseSchoolHolidaysCsv', () => {
  it('reads periods with inclusive dates', () => {
    const result = parseSchoolHolidaysCsv(`${HEADER}\nVacances de la Toussaint,Zone A,2026-10-17,2026-11-01,2026-2027\n`);
    expect(result).toEqual({
      ok: true,
      value: [{ description: 'Vacances de la Toussaint', zone: 'Zone A', start: '2026-10-17', end: '2026-11-01', schoolYear: '2026-2027' }],
    });
  });

  it('turns start markers into open-ended periods', () => {
    const result = parseSchoolHolidaysCsv([
      HEADER,
      "Début des Vacances d'Été,Saint Pierre et Miquelon,2027-07-01,2027-07-01,2026-2027",
      "Début des Vacances d'Hiver austral,Réunion,2027-07-03,,2026-2027",
      "Début des Vacances d'Été,Nouvelle Calédonie,2026-12-19,2026-12-19,2026",
    ].join('\n'));
    expect(result).toEqual({
      ok: true,
      value: [
        { description: "Vacances d'Été", zone: 'Saint Pierre et Miquelon', start: '2027-07-01', end: null, schoolYear: '2026-2027' },
        { description: "Vacances d'Hiver austral", zone: 'Réunion', start: '2027-07-03', end: null, schoolYear: '2026-2027' },
        { description: "Vacances d'Été", zone: 'Nouvelle Calédonie', start: '2026-12-19', end: null, schoolYear: '2026' },
      ],
    });
  });

  it('drops exact duplicates (one per académie in the official export)', () => {
    const row = 'Vacances de Noël,Zone C,2026-12-19,2027-01-03,2026-2027';
    const result = parseSchoolHolidaysCsv(`${HEADER}\n${row}\n${row}\n`);
    expect(result.ok && result.value).toHaveLength(1);
  });

  it('lists every problem in French with its line number', () => {
    const result = parseSchoolHolidaysCsv([
      HEADER,
      'Vacances de Noël,Zone A,2026-12-19,2027-01-03,2026-2027',
      'Vacances de Noël,Zone B,2026-12-19,2027-01-03,2026-2027',
      'Vacances de Printemps,Zone A,2026-13-01,2027-01-03,2026-2027',
      'Vacances de Printemps,Zone A,2027-04-10,2027-02-30,2026-2027',
      'Vacances de Printemps,Zone A,2027-04-10,2027-04-01,2026-2027',
      ',,2027-04-10,2027-04-25,26-27',
      'Vacances de Printemps,Zone A,2027-04-10,,2026-2027',
      'Vacances,Zone A,2027-04-10,2027-04-25,2026-2028',
    ].join('\n'));
    expect(result).toEqual({
      ok: false,
      errors: [
        { line: 4, message: 'Ligne 4 : date de début invalide « 2026-13-01 »' },
        { line: 5, message: 'Ligne 5 : date de fin invalide « 2027-02-30 »' },
        { line: 6, message: 'Ligne 6 : la date de fin « 2027-04-01 » précède la date de début « 2027-04-10 »' },
        { line: 7, message: 'Ligne 7 : description manquante' },
        { line: 7, message: 'Ligne 7 : zone manquante' },
        { line: 7, message: 'Ligne 7 : année scolaire invalide « 26-27 » (attendu 2026-2027 ou 2026)' },
        { line: 8, message: 'Ligne 8 : date de fin invalide «  »' },
        { line: 9, message: 'Ligne 9 : année scolaire invalide « 2026-2028 » (attendu 2026-2027 ou 2026)' },
      ],
    });
  });

  it('rejects the raw official export format, naming the missing columns', () => {
    const result = parseSchoolHolidaysCsv('Description;Population;Date de début;Date de fin;Zones\n');
    expect(result.ok === false && result.errors.map((error) => error.message)).toEqual(
      ['zone', 'start_date', 'end_date', 'school_year'].map((column) => `Ligne 1 : colonne « ${column} » manquante dans l'en-tête`),
    );
  });
});

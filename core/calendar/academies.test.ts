import { describe, expect, it } from 'vitest';
import { holidayZoneForDepartement, parseAcademiesCsv, type AcademyRow } from './academies';

describe('parseAcademiesCsv', () => {
  it('reads rows and normalises codes', () => {
    expect(parseAcademiesCsv('departement,academie,zone\n3,Clermont-Ferrand,Zone A\n2a,Corse,Corse\n')).toEqual({
      ok: true,
      value: [
        { departement: '03', academie: 'Clermont-Ferrand', zone: 'Zone A' },
        { departement: '2A', academie: 'Corse', zone: 'Corse' },
      ],
    });
  });
  it('reports invalid codes, duplicates and empty fields', () => {
    expect(parseAcademiesCsv('departement,academie,zone\n75,Paris,Zone C\n99,Nulle part,Zone X\n075,Paris,\n75,Paris,Zone C\n')).toEqual({
      ok: false,
      errors: [
        { line: 3, message: 'Ligne 3 : code département invalide « 99 »' },
        { line: 4, message: 'Ligne 4 : code département invalide « 075 »' },
        { line: 4, message: 'Ligne 4 : zone manquante' },
        { line: 5, message: 'Ligne 5 : département « 75 » déjà présent ligne 2' },
      ],
    });
  });
});

describe('holidayZoneForDepartement', () => {
  const rows: AcademyRow[] = [
    { departement: '01', academie: 'Lyon', zone: 'Zone A' },
    { departement: '75', academie: 'Paris', zone: 'Zone C' },
    { departement: '974', academie: 'La Réunion', zone: 'Réunion' },
  ];
  it('finds the zone from any spelling of the code', () => {
    expect(holidayZoneForDepartement('75', rows)).toBe('Zone C');
    expect(holidayZoneForDepartement('1', rows)).toBe('Zone A');
    expect(holidayZoneForDepartement(' 974 ', rows)).toBe('Réunion');
  });
  it('returns undefined for unknown or invalid codes', () => {
    expect(holidayZoneForDepartement('13', rows)).toBeUndefined();
    expect(holidayZoneForDepartement('abc', rows)).toBeUndefined();
  });
});

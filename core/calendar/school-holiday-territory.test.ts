import { describe, expect, it } from 'vitest';
import { periodAppliesToDepartement, periodsForDepartement } from './school-holiday-territory';
import type { SchoolHolidayPeriod } from './school-holidays';

const period = (description: string): SchoolHolidayPeriod =>
  ({ description, zone: 'Guadeloupe', start: '2026-05-27', end: '2026-05-27', schoolYear: '2025-2026' });

describe('periodAppliesToDepartement', () => {
  const cases: [string, Record<'971' | '977' | '978', boolean>][] = [
    ['Vacances de Carnaval', { '971': true, '977': true, '978': true }],
    ['Abolition de l’esclavage (Saint-Barthélémy)', { '971': false, '977': true, '978': false }],
    ['Mi-carême (Guadeloupe & Saint-Martin)', { '971': true, '977': false, '978': true }],
    ['Semaine en mai (Guadeloupe & Saint-Barthélémy)', { '971': true, '977': true, '978': false }],
    ['Semaine en mai (Saint Martin)', { '971': false, '977': false, '978': true }],
    ['Abolition de l’esclavage (Guadeloupe sauf Saint-Martin)', { '971': true, '977': true, '978': false }],
    ['Abolition de l’esclavage (Saint-Martin)', { '971': false, '977': false, '978': true }],
  ];
  for (const [description, expected] of cases) {
    it(description, () => {
      for (const [code, applies] of Object.entries(expected)) {
        expect(periodAppliesToDepartement(period(description), code), code).toBe(applies);
      }
    });
  }
  it('ignores qualifiers that name no Guadeloupe territory, and other départements', () => {
    expect(periodAppliesToDepartement(period('Grandes Vacances (Élèves du premier degré)'), '987')).toBe(true);
    expect(periodAppliesToDepartement(period('Mi-carême (Guadeloupe & Saint-Martin)'), '75')).toBe(true);
  });
  it('filters a list', () => {
    const list = [period('Vacances de Noël'), period('Semaine en mai (Saint Martin)')];
    expect(periodsForDepartement(list, '971').map((p) => p.description)).toEqual(['Vacances de Noël']);
    expect(periodsForDepartement(list, '978')).toHaveLength(2);
  });
});

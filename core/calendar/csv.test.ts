import { describe, expect, it } from 'vitest';
import { readCsvTable } from './csv';

describe('readCsvTable', () => {
  it('reads records by column name, in any order, ignoring extra columns', () => {
    const result = readCsvTable('\uFEFFzone,extra,description\r\nZone A,x,Noël\r\n\r\n"Zone ""B""", y ,"Hiver, février"\n', ['description', 'zone']);
    expect(result).toEqual({
      ok: true,
      value: [
        { line: 2, values: { description: 'Noël', zone: 'Zone A' } },
        { line: 4, values: { description: 'Hiver, février', zone: 'Zone "B"' } },
      ],
    });
  });
  it('accepts semicolons when the header uses them', () => {
    const result = readCsvTable('Description;Zone\nPâques;Zone C\n', ['description', 'zone']);
    expect(result).toEqual({ ok: true, value: [{ line: 2, values: { description: 'Pâques', zone: 'Zone C' } }] });
  });
  it('reports an empty file and missing columns', () => {
    expect(readCsvTable(' \n', ['a'])).toEqual({ ok: false, errors: [{ line: 1, message: 'Ligne 1 : fichier vide, en-tête attendu « a »' }] });
    expect(readCsvTable('\na,c\n1,2', ['a', 'b'])).toEqual({
      ok: false, errors: [{ line: 2, message: "Ligne 2 : colonne « b » manquante dans l'en-tête" }],
    });
  });
  it('reports every bad line, not only the first', () => {
    expect(readCsvTable('a,b\n1,2\n3\n"4,5\n6,7,8', ['a', 'b'])).toEqual({
      ok: false,
      errors: [
        { line: 3, message: 'Ligne 3 : 1 colonne(s) au lieu de 2' },
        { line: 4, message: 'Ligne 4 : guillemet non refermé' },
        { line: 5, message: 'Ligne 5 : 3 colonne(s) au lieu de 2' },
      ],
    });
  });
  it('returns no records for a header alone', () => {
    expect(readCsvTable('a,b\n', ['a'])).toEqual({ ok: true, value: [] });
  });
});

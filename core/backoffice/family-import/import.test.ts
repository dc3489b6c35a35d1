import { describe, expect, it } from 'vitest';
import { readCsv } from '../csv';
import { allImportFields, autoMap, canonicalHeader, fieldForHeader, mappingFromEntries, missingRequired } from './fields';
import { findDuplicates, parseFrenchDate, parseLine, type ParsedLine } from './parse';
import { planImport, type ExistingFamily } from './plan';
import { analyseText, nextFileNumbers } from './service';

const SITES = [
  { id: 'lutins', name: 'Groupe scolaire Les Lutins' },
  { id: 'jaures', name: 'École élémentaire Jean-Jaurès' },
  { id: 'coquelicots', name: 'École maternelle Les Coquelicots' },
];
const OPTIONS = { sites: SITES, communeName: 'Saint-Exemple', today: '2026-11-27' };

const HEADER = [
  'N° dossier', 'Nom de famille', 'Adresse', 'Code postal', 'Ville', 'Téléphone', 'E-mail', 'Résident', 'QF', 'QF valable jusqu’au',
  'Responsable 1 prénom', 'Responsable 1 nom', 'Responsable 1 lien', 'Responsable 1 e-mail', 'Responsable 1 téléphone',
  'Enfant 1 prénom', 'Enfant 1 nom', 'Enfant 1 date de naissance', 'Enfant 1 école', 'Enfant 1 classe', 'Enfant 1 régime', 'Enfant 1 allergies', 'Enfant 1 PAI',
  'Enfant 2 prénom', 'Enfant 2 nom', 'Enfant 2 date de naissance', 'Enfant 2 école', 'Enfant 2 classe', 'Enfant 2 régime', 'Enfant 2 allergies', 'Enfant 2 PAI',
];

function line(values: Partial<Record<string, string>>): string {
  return HEADER.map((h) => values[h] ?? '').join(';');
}

const DUPONT = {
  'N° dossier': 'Q-0001', 'Nom de famille': 'Dupont', Adresse: '3 rue des Lilas', 'Code postal': '69999', Ville: 'Saint-Exemple',
  'E-mail': 'dupont@example.fr', QF: '850', 'QF valable jusqu’au': '31/08/2027',
  'Responsable 1 prénom': 'Camille', 'Responsable 1 nom': 'Dupont', 'Responsable 1 lien': 'mère', 'Responsable 1 e-mail': 'camille.dupont@example.fr',
  'Enfant 1 prénom': 'Léa', 'Enfant 1 date de naissance': '14/05/2018', 'Enfant 1 école': 'Les Lutins', 'Enfant 1 classe': 'CE2', 'Enfant 1 régime': 'sans porc',
  'Enfant 2 prénom': 'Hugo', 'Enfant 2 date de naissance': '2021-02-03', 'Enfant 2 école': 'Groupe scolaire Les Lutins', 'Enfant 2 classe': 'moyenne section', 'Enfant 2 PAI': 'oui', 'Enfant 2 allergies': 'arachide',
};

function parseAll(text: string): ParsedLine[] {
  const csv = readCsv(text);
  if (!csv.ok) throw new Error(csv.error);
  const mapping = autoMap(csv.header.fields);
  const lines = csv.records.map((r) => parseLine(r, csv.header.fields.length, mapping, OPTIONS));
  findDuplicates(lines);
  return lines;
}

describe('column mapping', () => {
  it('maps the questionnaire’s own headers, and reads them back from canonical names', () => {
    const mapping = autoMap(HEADER);
    expect(mapping.fileNumber).toBe(0);
    expect(mapping.qfValidUntil).toBe(9);
    expect(mapping['guardian1.email']).toBe(13);
    expect(mapping['child2.pai']).toBe(30);
    expect(missingRequired(mapping)).toEqual([]);
    for (const field of allImportFields()) expect(fieldForHeader(canonicalHeader(field)), canonicalHeader(field)).toBe(field);
  });

  it('understands common variants', () => {
    expect(fieldForHeader('Prénom enfant 1')).toBe('child1.firstName');
    expect(fieldForHeader('NOM DE FAMILLE')).toBe('familyName');
    expect(fieldForHeader('Resp.2 Tél')).toBe('guardian2.phone');
    expect(fieldForHeader('Courriel')).toBe('familyEmail');
    expect(fieldForHeader('Quotient familial')).toBe('qf');
    expect(fieldForHeader('Enfant 5 prénom')).toBeNull();
    expect(fieldForHeader('Commentaire')).toBeNull();
  });

  it('reports missing required columns and reads a mapping from form values', () => {
    expect(missingRequired(autoMap(['Nom', 'Ville']))).toEqual(['address', 'postalCode', 'guardian1.firstName', 'guardian1.lastName', 'child1.firstName', 'child1.birthDate']);
    const mapping = mappingFromEntries([['map.familyName', '2'], ['map.city', '9'], ['map.nope', '1'], ['map.address', 'x'], ['other', '1']], 5);
    expect(mapping).toEqual({ familyName: 2 });
  });
});

describe('parsing lines', () => {
  it('reads a complete family', () => {
    const [parsed] = parseAll([HEADER.join(';'), line(DUPONT)].join('\n'));
    expect(parsed.issues).toEqual([]);
    expect(parsed.family).toEqual({
      fileNumber: 'Q-0001', name: 'Dupont', addressLine: '3 rue des Lilas', postalCode: '69999', city: 'Saint-Exemple', email: 'dupont@example.fr', phone: null,
      resident: null, qf: 850, qfValidUntil: '2027-08-31',
      guardians: [{ firstName: 'Camille', lastName: 'Dupont', relationship: 'mère', email: 'camille.dupont@example.fr', phone: null }],
      children: [
        { position: 1, firstName: 'Léa', lastName: 'Dupont', birthDate: '2018-05-14', siteId: 'lutins', level: 'CE2', diet: 'sans_porc', allergies: null, pai: null },
        { position: 2, firstName: 'Hugo', lastName: 'Dupont', birthDate: '2021-02-03', siteId: 'lutins', level: 'MS', diet: null, allergies: 'arachide', pai: true },
      ],
    });
  });

  it('reports every problem of a line with its field and value', () => {
    const bad = {
      ...DUPONT, 'Code postal': '6999X', 'E-mail': 'pas-un-mail', QF: 'beaucoup', 'Enfant 1 date de naissance': '31/02/2018', 'Enfant 1 classe': 'CM3',
      'Enfant 1 régime': 'sans gluten', 'Enfant 2 école': 'École inconnue', 'Enfant 2 PAI': 'peut-être', 'Responsable 1 prénom': '',
    };
    const [parsed] = parseAll([HEADER.join(';'), line(bad)].join('\n'));
    expect(parsed.family).toBeNull();
    expect(parsed.issues.map((i) => [i.code, i.field, i.value])).toEqual([
      ['invalid_postal_code', 'postalCode', '6999X'],
      ['invalid_email', 'familyEmail', 'pas-un-mail'],
      ['invalid_qf', 'qf', 'beaucoup'],
      ['required', 'guardian1.firstName', undefined],
      ['invalid_date', 'child1.birthDate', '31/02/2018'],
      ['invalid_level', 'child1.level', 'CM3'],
      ['invalid_diet', 'child1.diet', 'sans gluten'],
      ['unknown_school', 'child2.school', 'École inconnue'],
      ['invalid_yes_no', 'child2.pai', 'peut-être'],
    ]);
  });

  it('parses French and ISO dates and refuses impossible ones', () => {
    expect(parseFrenchDate('14/05/2018')).toBe('2018-05-14');
    expect(parseFrenchDate('4/5/2018')).toBe('2018-05-04');
    expect(parseFrenchDate('2018-05-14')).toBe('2018-05-14');
    expect(parseFrenchDate('29/02/2019')).toBeNull();
    expect(parseFrenchDate('14/05/18')).toBeNull();
    expect(parseFrenchDate('mai 2018')).toBeNull();
  });

  it('pads a postal code whose leading zero a spreadsheet dropped (warning only)', () => {
    const [parsed] = parseAll([HEADER.join(';'), line({ ...DUPONT, 'Code postal': '1000' })].join('\n'));
    expect(parsed.family?.postalCode).toBe('01000');
    expect(parsed.issues).toEqual([{ code: 'postal_code_padded', severity: 'warning', field: 'postalCode', value: '01000' }]);
  });

  it('refuses a line with too many columns, a family without child, the same child twice', () => {
    const lines = parseAll(
      [
        HEADER.join(';'),
        `${line(DUPONT)};en trop`,
        line({ ...DUPONT, 'N° dossier': 'Q-2', 'Enfant 1 prénom': '', 'Enfant 1 date de naissance': '', 'Enfant 1 école': '', 'Enfant 1 classe': '', 'Enfant 1 régime': '', 'Enfant 2 prénom': '', 'Enfant 2 date de naissance': '', 'Enfant 2 école': '', 'Enfant 2 classe': '', 'Enfant 2 allergies': '', 'Enfant 2 PAI': '' }),
        line({ ...DUPONT, 'N° dossier': 'Q-3', 'Responsable 1 e-mail': 'autre@example.fr', 'Enfant 2 prénom': 'Léa', 'Enfant 2 date de naissance': '14/05/2018' }),
      ].join('\n'),
    );
    expect(lines[0].issues).toEqual([{ code: 'column_count', severity: 'error', counts: { got: HEADER.length + 1, expected: HEADER.length } }]);
    expect(lines[1].issues.map((i) => i.code)).toEqual(['no_child']);
    expect(lines[2].issues.map((i) => i.code)).toEqual(['duplicate_child_in_line']);
  });

  it('finds the same family or the same child on two lines', () => {
    const lines = parseAll(
      [
        HEADER.join(';'),
        line(DUPONT),
        line({ ...DUPONT }),
        line({ ...DUPONT, 'N° dossier': 'Q-0009', 'Responsable 1 e-mail': 'other@example.fr' }),
      ].join('\n'),
    );
    expect(lines[0].issues).toEqual([]);
    expect(lines[1].issues.map((i) => [i.code, i.otherLine])).toEqual([
      ['duplicate_family', 2],
      ['duplicate_child', 2],
      ['duplicate_child', 2],
    ]);
    expect(lines[2].issues.map((i) => [i.code, i.otherLine])).toEqual([
      ['duplicate_child', 2],
      ['duplicate_child', 2],
    ]);
  });
});

describe('planning against the database', () => {
  const existing: ExistingFamily = {
    id: 'fam-1', fileNumber: 'Q-0001', name: 'Dupont', addressLine: '1 ancienne rue', postalCode: '69999', city: 'Saint-Exemple',
    email: 'dupont@example.fr', phone: '04 00 00 00 00', resident: true, qf: 850, qfValidUntil: '2027-08-31',
    guardians: [{ id: 'g-1', firstName: 'Camille', lastName: 'Dupont', relationship: 'mère', email: 'camille.dupont@example.fr', phone: null }],
    children: [{ id: 'c-1', firstName: 'Lea', lastName: 'Dupont', birthDate: '2018-05-14', siteId: 'lutins', level: 'CE1', diet: 'sans_porc', allergies: '', hasPai: false }],
  };

  it('plans a creation, an update (with its changes) and nothing for an identical line', () => {
    const lines = parseAll([HEADER.join(';'), line(DUPONT), line({ ...DUPONT, 'N° dossier': 'Q-0002', 'Responsable 1 e-mail': 'x@example.fr', 'Enfant 1 prénom': 'Zoé', 'Enfant 2 prénom': 'Noé' })].join('\n'));
    const plan = planImport(lines, [existing], { communeName: 'Saint-Exemple' });
    expect(plan.counts).toEqual({ create: 1, update: 1, unchanged: 0, error: 0, warnings: 0 });
    expect(plan.importable).toBe(true);
    const update = plan.lines[0];
    expect(update.action).toBe('update');
    expect(update.familyId).toBe('fam-1');
    expect(update.changes).toEqual([
      { kind: 'family', field: 'addressLine' },
      { kind: 'child_updated', name: 'Léa Dupont', fields: ['level'] },
      { kind: 'child_added', name: 'Hugo Dupont' },
    ]);
    // Empty cells never erase: the stored phone stays.
    expect(update.operations?.family).toEqual({ addressLine: '3 rue des Lilas' });
    const creation = plan.lines[1];
    expect(creation.action).toBe('create');
    expect(creation.family?.resident).toBe(true); // city is the commune

    const again = planImport(lines.slice(0, 1), [{ ...existing, addressLine: '3 rue des Lilas', children: [{ ...existing.children[0], level: 'CE2' }, { id: 'c-2', firstName: 'Hugo', lastName: 'Dupont', birthDate: '2021-02-03', siteId: 'lutins', level: 'MS', diet: 'standard', allergies: 'arachide', hasPai: true }] }], { communeName: 'Saint-Exemple' });
    expect(again.lines[0].action).toBe('unchanged');
    expect(again.importable).toBe(true);
  });

  it('matches without a file number by e-mail, then by child; refuses a child of another family', () => {
    const noNumber = { ...DUPONT, 'N° dossier': '' };
    const byEmail = planImport(parseAll([HEADER.join(';'), line(noNumber)].join('\n')), [existing], { communeName: 'Saint-Exemple' });
    expect(byEmail.lines[0].familyId).toBe('fam-1');
    const byChild = planImport(parseAll([HEADER.join(';'), line({ ...noNumber, 'Responsable 1 e-mail': 'new@example.fr' })].join('\n')), [existing], { communeName: 'Saint-Exemple' });
    expect(byChild.lines[0].familyId).toBe('fam-1');
    const other = planImport(parseAll([HEADER.join(';'), line({ ...DUPONT, 'N° dossier': 'Q-0777', 'Responsable 1 e-mail': 'new@example.fr' })].join('\n')), [existing], { communeName: 'Saint-Exemple' });
    expect(other.lines[0].action).toBe('error');
    expect(other.lines[0].issues).toEqual([expect.objectContaining({ code: 'child_in_other_family', other: 'Q-0001' })]);
    expect(other.importable).toBe(false);
  });
});

describe('analysis and numbering', () => {
  it('analyses a text and proposes the mapping', () => {
    const result = analyseText([HEADER.join(';'), line(DUPONT)].join('\r\n'), 'utf-8');
    expect(result.ok && result.value.lineCount).toBe(1);
    expect(result.ok && result.value.mapping.familyName).toBe(1);
    expect(analyseText(HEADER.join(';'), 'utf-8')).toEqual({ ok: false, error: 'no_data' });
  });

  it('numbers new files after the highest one in use', () => {
    expect(nextFileNumbers('F-2026-', ['F-2026-0040', 'F-2026-0007', 'F-2026-X', 'F-2025-0900'], 2)).toEqual(['F-2026-0041', 'F-2026-0042']);
    expect(nextFileNumbers('F-2026-', [], 1)).toEqual(['F-2026-0001']);
  });
});

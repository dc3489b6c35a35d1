/**
 * The fields of the families' questionnaire an import can fill, and the automatic column mapping: one line per
 * family, up to two guardians (responsables légaux) and four children. Staff may change every mapping before the
 * dry run; only the family name, address, postal code, city, the first guardian's names and the first child's
 * first name and birth date are required columns.
 */

export const MAX_GUARDIANS = 2;
export const MAX_CHILDREN = 4;

export const FAMILY_FIELDS = [
  'fileNumber', 'familyName', 'address', 'postalCode', 'city', 'familyEmail', 'familyPhone', 'resident', 'qf', 'qfValidUntil',
] as const;
export const GUARDIAN_FIELDS = ['firstName', 'lastName', 'relationship', 'email', 'phone'] as const;
export const CHILD_FIELDS = ['firstName', 'lastName', 'birthDate', 'school', 'level', 'diet', 'allergies', 'pai'] as const;

export type FamilyField = (typeof FAMILY_FIELDS)[number];
export type GuardianField = (typeof GUARDIAN_FIELDS)[number];
export type ChildField = (typeof CHILD_FIELDS)[number];

/** 'familyName', 'guardian1.email', 'child3.birthDate'… */
export type ImportField = FamilyField | `guardian${number}.${GuardianField}` | `child${number}.${ChildField}`;

export function allImportFields(): ImportField[] {
  const fields: ImportField[] = [...FAMILY_FIELDS];
  for (let g = 1; g <= MAX_GUARDIANS; g++) for (const f of GUARDIAN_FIELDS) fields.push(`guardian${g}.${f}`);
  for (let c = 1; c <= MAX_CHILDREN; c++) for (const f of CHILD_FIELDS) fields.push(`child${c}.${f}`);
  return fields;
}

export const REQUIRED_FIELDS: readonly ImportField[] = [
  'familyName', 'address', 'postalCode', 'city', 'guardian1.firstName', 'guardian1.lastName', 'child1.firstName', 'child1.birthDate',
];

export function isImportField(value: string): value is ImportField {
  return allImportFields().includes(value as ImportField);
}

/** Which source column (0-based index in the header) fills each field; absent = not in the file. */
export type ColumnMapping = Partial<Record<ImportField, number>>;

/** 'Responsable 1 – E-mail' → 'responsable 1 e mail' (no accents, no punctuation, single spaces). */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/n°|no\./g, 'numero ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

const FAMILY_SYNONYMS: Record<FamilyField, string[]> = {
  fileNumber: ['numero dossier', 'numero de dossier', 'dossier', 'num dossier', 'numero famille', 'reference dossier', 'id famille'],
  familyName: ['nom de famille', 'nom famille', 'famille', 'nom'],
  address: ['adresse', 'adresse postale', 'rue', 'adresse ligne 1'],
  postalCode: ['code postal', 'cp'],
  city: ['ville', 'commune', 'localite'],
  familyEmail: ['e mail', 'email', 'courriel', 'mail', 'e mail famille', 'email famille', 'courriel famille'],
  familyPhone: ['telephone', 'tel', 'telephone famille', 'tel famille'],
  resident: ['resident', 'residant', 'habite la commune', 'resident de la commune'],
  qf: ['qf', 'quotient familial', 'quotient', 'qf caf'],
  qfValidUntil: [
    'qf valable jusqu au', 'validite qf', 'fin de validite qf', 'fin de validite du qf', 'qf valide jusqu au', 'date de fin qf',
    'quotient familial valable jusqu au',
  ],
};

const GUARDIAN_SYNONYMS: Record<GuardianField, string[]> = {
  firstName: ['prenom'],
  lastName: ['nom'],
  relationship: ['lien', 'lien de parente', 'qualite', 'lien avec l enfant'],
  email: ['e mail', 'email', 'courriel', 'mail'],
  phone: ['telephone', 'tel', 'portable', 'mobile'],
};

const CHILD_SYNONYMS: Record<ChildField, string[]> = {
  firstName: ['prenom'],
  lastName: ['nom'],
  birthDate: ['date de naissance', 'naissance', 'ne le', 'ne e le', 'date naissance'],
  school: ['ecole', 'etablissement', 'site', 'groupe scolaire'],
  level: ['classe', 'niveau', 'niveau scolaire'],
  diet: ['regime', 'regime alimentaire', 'repas'],
  allergies: ['allergies', 'allergie', 'allergies alimentaires'],
  pai: ['pai', 'projet d accueil individualise'],
};

const GUARDIAN_PREFIX = /^(?:responsable|resp|parent|representant legal|rl|r)\s?([1-9])\b\s*|\s*\b(?:responsable|resp|parent|representant legal|rl|r)\s?([1-9])$/;
const CHILD_PREFIX = /^(?:enfant|enf|e)\s?([1-9])\b\s*|\s*\b(?:enfant|enf|e)\s?([1-9])$/;

/** The field a header names, or null. */
export function fieldForHeader(header: string): ImportField | null {
  const text = normaliseHeader(header);
  if (!text) return null;
  const guardian = GUARDIAN_PREFIX.exec(text);
  if (guardian) {
    const n = Number(guardian[1] ?? guardian[2]);
    const rest = text.replace(GUARDIAN_PREFIX, '').trim();
    const field = (Object.keys(GUARDIAN_SYNONYMS) as GuardianField[]).find((f) => GUARDIAN_SYNONYMS[f].includes(rest));
    return field && n <= MAX_GUARDIANS ? `guardian${n}.${field}` : null;
  }
  const child = CHILD_PREFIX.exec(text);
  if (child) {
    const n = Number(child[1] ?? child[2]);
    const rest = text.replace(CHILD_PREFIX, '').trim();
    const field = (Object.keys(CHILD_SYNONYMS) as ChildField[]).find((f) => CHILD_SYNONYMS[f].includes(rest));
    return field && n <= MAX_CHILDREN ? `child${n}.${field}` : null;
  }
  return (Object.keys(FAMILY_SYNONYMS) as FamilyField[]).find((f) => FAMILY_SYNONYMS[f].includes(text)) ?? null;
}

/** The automatic mapping: each field takes the first column that names it. */
export function autoMap(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  headers.forEach((header, index) => {
    const field = fieldForHeader(header);
    if (field && mapping[field] === undefined) mapping[field] = index;
  });
  return mapping;
}

/** Required fields the mapping leaves without a column. */
export function missingRequired(mapping: ColumnMapping): ImportField[] {
  return REQUIRED_FIELDS.filter((field) => mapping[field] === undefined);
}

/** The mapping as form values ('map.<field>' → column index) and back, ignoring unknown fields and bad indexes. */
export function mappingFromEntries(entries: Iterable<[string, string]>, columnCount: number): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const [key, value] of entries) {
    if (!key.startsWith('map.')) continue;
    const field = key.slice(4);
    if (!isImportField(field) || value === '') continue;
    const index = Number(value);
    if (Number.isInteger(index) && index >= 0 && index < columnCount) mapping[field] = index;
  }
  return mapping;
}

const FAMILY_HEADERS: Record<FamilyField, string> = {
  fileNumber: 'N° dossier',
  familyName: 'Nom de famille',
  address: 'Adresse',
  postalCode: 'Code postal',
  city: 'Ville',
  familyPhone: 'Téléphone',
  familyEmail: 'E-mail',
  resident: 'Résident',
  qf: 'QF',
  qfValidUntil: 'QF valable jusqu’au',
};
const GUARDIAN_HEADERS: Record<GuardianField, string> = { firstName: 'prénom', lastName: 'nom', relationship: 'lien', email: 'e-mail', phone: 'téléphone' };
const CHILD_HEADERS: Record<ChildField, string> = {
  firstName: 'prénom', lastName: 'nom', birthDate: 'date de naissance', school: 'école', level: 'classe', diet: 'régime', allergies: 'allergies', pai: 'PAI',
};

/** The questionnaire's own column names (the sample file and the families export use them; autoMap reads them back). */
export function canonicalHeader(field: ImportField): string {
  const [group, name] = field.split('.') as [string, string | undefined];
  if (!name) return FAMILY_HEADERS[field as FamilyField];
  const n = group.replace(/\D/g, '');
  return group.startsWith('guardian') ? `Responsable ${n} ${GUARDIAN_HEADERS[name as GuardianField]}` : `Enfant ${n} ${CHILD_HEADERS[name as ChildField]}`;
}

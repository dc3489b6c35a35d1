/**
 * From CSV records to families: every line checked on its own (required values, dates, e-mails, levels, diets,
 * schools, duplicate children), then across lines (the same family or the same child twice). Pure; problems are
 * codes with the line, the field and the value, turned into sentences by the web layer's catalog.
 */
import { isPlainDate, type PlainDate } from '../../calendar';
import type { CsvRecord } from '../csv';
import { DIETS, type Diet, type SchoolLevelCode } from '../model';
import { MAX_CHILDREN, MAX_GUARDIANS, normaliseHeader, type ColumnMapping, type ImportField } from './fields';

export interface ImportedGuardian {
  firstName: string;
  lastName: string;
  relationship: string;
  email: string | null;
  phone: string | null;
}

export interface ImportedChild {
  /** 1..4: the child's group of columns. */
  position: number;
  firstName: string;
  lastName: string;
  birthDate: PlainDate;
  /** The site matched from the school column; null when the column is empty or absent. */
  siteId: string | null;
  level: SchoolLevelCode;
  /** Null: not given (an existing child keeps its value; a new one gets 'standard'). */
  diet: Diet | null;
  allergies: string | null;
  pai: boolean | null;
}

export interface ImportedFamily {
  fileNumber: string | null;
  name: string;
  addressLine: string;
  postalCode: string;
  city: string;
  email: string | null;
  phone: string | null;
  /** Null: not given (new families are resident when their city is the commune). */
  resident: boolean | null;
  qf: number | null;
  qfValidUntil: PlainDate | null;
  guardians: ImportedGuardian[];
  children: ImportedChild[];
}

export type ImportIssueCode =
  | 'column_count'
  | 'required'
  | 'too_long'
  | 'invalid_date'
  | 'implausible_birth_date'
  | 'invalid_email'
  | 'invalid_phone'
  | 'invalid_postal_code'
  | 'postal_code_padded'
  | 'invalid_yes_no'
  | 'invalid_qf'
  | 'qf_without_date'
  | 'date_without_qf'
  | 'invalid_level'
  | 'invalid_diet'
  | 'unknown_school'
  | 'ambiguous_school'
  | 'no_child'
  | 'duplicate_child_in_line'
  | 'duplicate_family'
  | 'duplicate_child'
  | 'child_in_other_family'
  | 'family_matched_twice';

export interface ImportIssue {
  code: ImportIssueCode;
  severity: 'error' | 'warning';
  field?: ImportField;
  value?: string;
  /** The other line of a duplicate, or the file number of the family a child already belongs to. */
  otherLine?: number;
  other?: string;
  /** For column_count: how many columns the line has and the header has. */
  counts?: { got: number; expected: number };
}

export interface ParsedLine {
  line: number;
  /** The family name and file number as written (shown in the report even when the line is refused). */
  label: string;
  family: ImportedFamily | null;
  issues: ImportIssue[];
}

export interface ParseOptions {
  sites: readonly { id: string; name: string }[];
  communeName: string;
  today: PlainDate;
}

const MAX = { name: 100, address: 200, city: 100, email: 254, phone: 30, relationship: 40, allergies: 300, fileNumber: 40 };
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

const YES = new Set(['oui', 'o', 'yes', 'y', '1', 'x', 'vrai', 'true']);
const NO = new Set(['non', 'n', 'no', '0', 'faux', 'false']);

const LEVELS: Record<string, SchoolLevelCode> = {
  tps: 'TPS', 'toute petite section': 'TPS', ps: 'PS', 'petite section': 'PS', ms: 'MS', 'moyenne section': 'MS',
  gs: 'GS', 'grande section': 'GS', cp: 'CP', ce1: 'CE1', 'ce 1': 'CE1', ce2: 'CE2', 'ce 2': 'CE2', cm1: 'CM1', 'cm 1': 'CM1',
  cm2: 'CM2', 'cm 2': 'CM2',
};

const DIET_WORDS: Record<string, Diet> = {
  standard: 'standard', normal: 'standard', classique: 'standard', aucun: 'standard', 'sans regime': 'standard',
  'sans porc': 'sans_porc', 'sans_porc': 'sans_porc', sp: 'sans_porc', 'pas de porc': 'sans_porc',
  vegetarien: 'vegetarien', vegetarienne: 'vegetarien', vege: 'vegetarien', 'sans viande': 'vegetarien',
};

/** 'JJ/MM/AAAA', 'J/M/AAAA', 'JJ-MM-AAAA', 'JJ.MM.AAAA' or 'AAAA-MM-JJ'; null when it is not a real date. */
export function parseFrenchDate(text: string): PlainDate | null {
  const value = text.trim();
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (fr) [d, m, y] = [Number(fr[1]), Number(fr[2]), Number(fr[3])];
  else return null;
  const date = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isPlainDate(date) ? date : null;
}

/** Names compared without case, accents, hyphens or extra spaces: 'Chloé  Le-Gall' ≈ 'chloe le gall'. */
export function nameKey(text: string): string {
  return normaliseHeader(text);
}

export function childKey(firstName: string, lastName: string, birthDate: string): string {
  return `${nameKey(firstName)}|${nameKey(lastName)}|${birthDate}`;
}

function matchSite(text: string, sites: ParseOptions['sites']): { siteId: string } | { error: 'unknown_school' | 'ambiguous_school' } {
  const wanted = nameKey(text);
  const exact = sites.filter((s) => nameKey(s.name) === wanted);
  if (exact.length === 1) return { siteId: exact[0].id };
  const partial = sites.filter((s) => nameKey(s.name).includes(wanted) || wanted.includes(nameKey(s.name)));
  if (partial.length === 1) return { siteId: partial[0].id };
  return { error: partial.length > 1 ? 'ambiguous_school' : 'unknown_school' };
}

/** Checks one record against the mapping. */
export function parseLine(record: CsvRecord, columnCount: number, mapping: ColumnMapping, options: ParseOptions): ParsedLine {
  const issues: ImportIssue[] = [];
  const error = (code: ImportIssueCode, field?: ImportField, value?: string, extra: Partial<ImportIssue> = {}) =>
    issues.push({ code, severity: 'error', ...(field ? { field } : {}), ...(value !== undefined ? { value } : {}), ...extra });
  const warn = (code: ImportIssueCode, field?: ImportField, value?: string) =>
    issues.push({ code, severity: 'warning', ...(field ? { field } : {}), ...(value !== undefined ? { value } : {}) });

  if (record.fields.length !== columnCount) {
    // Spreadsheets drop trailing empty cells: fewer columns is fine when the missing ones are empty; more is not.
    const extra = record.fields.slice(columnCount);
    if (record.fields.length > columnCount && extra.some((f) => f !== '')) {
      error('column_count', undefined, undefined, { counts: { got: record.fields.length, expected: columnCount } });
      return { line: record.line, label: record.fields.slice(0, 3).join(' ').slice(0, 80), family: null, issues };
    }
  }
  const raw = (field: ImportField): string => {
    const index = mapping[field];
    return index === undefined ? '' : (record.fields[index] ?? '').replace(/\s+/g, ' ').trim();
  };
  const text = (field: ImportField, max: number, required = false): string => {
    const value = raw(field);
    if (!value && required) error('required', field);
    if (value.length > max) error('too_long', field, value.slice(0, 40));
    return value.slice(0, max);
  };
  const email = (field: ImportField): string | null => {
    const value = raw(field).toLowerCase();
    if (!value) return null;
    if (value.length > MAX.email || !EMAIL.test(value)) {
      error('invalid_email', field, value.slice(0, 60));
      return null;
    }
    return value;
  };
  const phone = (field: ImportField): string | null => {
    const value = raw(field);
    if (!value) return null;
    const digits = value.replace(/\D/g, '');
    if (value.length > MAX.phone || digits.length < 6 || !/^[0-9+ ().\-/]+$/.test(value)) {
      error('invalid_phone', field, value.slice(0, 40));
      return null;
    }
    return value;
  };
  const yesNo = (field: ImportField): boolean | null => {
    const value = nameKey(raw(field));
    if (!value) return null;
    if (YES.has(value)) return true;
    if (NO.has(value)) return false;
    error('invalid_yes_no', field, raw(field).slice(0, 40));
    return null;
  };
  const date = (field: ImportField): PlainDate | null => {
    const value = raw(field);
    if (!value) return null;
    const parsed = parseFrenchDate(value);
    if (!parsed) error('invalid_date', field, value.slice(0, 40));
    return parsed;
  };

  // ---- the family
  const fileNumber = text('fileNumber', MAX.fileNumber).toUpperCase() || null;
  const name = text('familyName', MAX.name, true);
  const addressLine = text('address', MAX.address, true);
  let postalCode = raw('postalCode').replace(/\s/g, '');
  if (!postalCode) error('required', 'postalCode');
  else if (/^\d{4}$/.test(postalCode)) {
    postalCode = `0${postalCode}`; // a spreadsheet dropped the leading zero
    warn('postal_code_padded', 'postalCode', postalCode);
  } else if (!/^\d{5}$/.test(postalCode)) error('invalid_postal_code', 'postalCode', postalCode.slice(0, 20));
  const city = text('city', MAX.city, true);
  const familyEmail = email('familyEmail');
  const familyPhone = phone('familyPhone');
  const resident = yesNo('resident');
  let qf: number | null = null;
  const qfText = raw('qf').replace(/[\s\u00a0\u202f€]/g, '').replace(/,00?$/, '').replace(/\.00?$/, '');
  if (qfText) {
    if (/^\d{1,6}$/.test(qfText) && Number(qfText) <= 100_000) qf = Number(qfText);
    else error('invalid_qf', 'qf', raw('qf').slice(0, 20));
  }
  const qfValidUntil = date('qfValidUntil');
  if (qf !== null && qfValidUntil === null && !raw('qfValidUntil')) error('qf_without_date', 'qfValidUntil');
  if (qf === null && qfValidUntil !== null && !qfText) warn('date_without_qf', 'qfValidUntil', raw('qfValidUntil'));

  // ---- guardians
  const guardians: ImportedGuardian[] = [];
  for (let g = 1; g <= MAX_GUARDIANS; g++) {
    const p = `guardian${g}` as const;
    const present = (['firstName', 'lastName', 'relationship', 'email', 'phone'] as const).some((f) => raw(`${p}.${f}`) !== '');
    if (g > 1 && !present) continue;
    const guardian: ImportedGuardian = {
      firstName: text(`${p}.firstName`, MAX.name, true),
      lastName: text(`${p}.lastName`, MAX.name, g === 1) || name,
      relationship: text(`${p}.relationship`, MAX.relationship) || 'responsable légal',
      email: email(`${p}.email`),
      phone: phone(`${p}.phone`),
    };
    guardians.push(guardian);
  }

  // ---- children
  const children: ImportedChild[] = [];
  const seen = new Map<string, number>();
  for (let c = 1; c <= MAX_CHILDREN; c++) {
    const p = `child${c}` as const;
    const present = (['firstName', 'lastName', 'birthDate', 'school', 'level', 'diet', 'allergies', 'pai'] as const).some(
      (f) => raw(`${p}.${f}`) !== '' && !(f === 'pai' && NO.has(nameKey(raw(`${p}.${f}`)))),
    );
    if (!present) continue;
    const firstName = text(`${p}.firstName`, MAX.name, true);
    const lastName = text(`${p}.lastName`, MAX.name) || name;
    const birthDate = date(`${p}.birthDate`);
    if (!raw(`${p}.birthDate`)) error('required', `${p}.birthDate`);
    else if (birthDate) {
      const age = Number(options.today.slice(0, 4)) - Number(birthDate.slice(0, 4));
      if (birthDate > options.today || age > 20) error('implausible_birth_date', `${p}.birthDate`, raw(`${p}.birthDate`));
    }
    let siteId: string | null = null;
    const school = raw(`${p}.school`);
    if (school) {
      const match = matchSite(school, options.sites);
      if ('siteId' in match) siteId = match.siteId;
      else error(match.error, `${p}.school`, school.slice(0, 60));
    }
    const levelText = raw(`${p}.level`);
    const level = LEVELS[nameKey(levelText)] ?? null;
    if (!levelText) error('required', `${p}.level`);
    else if (!level) error('invalid_level', `${p}.level`, levelText.slice(0, 20));
    const dietText = raw(`${p}.diet`);
    const diet = dietText ? (DIET_WORDS[nameKey(dietText)] ?? null) : null;
    if (dietText && !diet) error('invalid_diet', `${p}.diet`, dietText.slice(0, 30));
    const allergiesText = raw(`${p}.allergies`);
    const allergies = allergiesText ? (NO.has(nameKey(allergiesText)) || nameKey(allergiesText) === 'aucune' ? '' : text(`${p}.allergies`, MAX.allergies)) : null;
    const pai = yesNo(`${p}.pai`);
    if (firstName && birthDate) {
      const key = `${nameKey(firstName)}|${birthDate}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) error('duplicate_child_in_line', `${p}.firstName`, firstName, { other: String(earlier) });
      else seen.set(key, c);
    }
    if (firstName && birthDate && level) {
      children.push({ position: c, firstName, lastName, birthDate, siteId, level, diet, allergies, pai });
    }
  }
  if (children.length === 0 && !issues.some((i) => i.field?.startsWith('child'))) error('no_child', 'child1.firstName');

  const family: ImportedFamily = {
    fileNumber,
    name,
    addressLine,
    postalCode,
    city,
    email: familyEmail,
    phone: familyPhone,
    resident,
    qf,
    qfValidUntil,
    guardians,
    children,
  };
  const label = [name, fileNumber ? `(${fileNumber})` : ''].filter(Boolean).join(' ');
  return { line: record.line, label, family: issues.some((i) => i.severity === 'error') ? null : family, issues };
}

/** The same family (file number or first guardian's e-mail) or the same child (names and birth date) on two lines. */
export function findDuplicates(lines: ParsedLine[]): void {
  const byFileNumber = new Map<string, number>();
  const byEmail = new Map<string, number>();
  const byChild = new Map<string, number>();
  for (const line of lines) {
    const family = line.family;
    if (!family) continue;
    const before = line.issues.length;
    if (family.fileNumber) {
      const other = byFileNumber.get(family.fileNumber);
      if (other !== undefined) line.issues.push({ code: 'duplicate_family', severity: 'error', field: 'fileNumber', value: family.fileNumber, otherLine: other });
      else byFileNumber.set(family.fileNumber, line.line);
    }
    const email = family.guardians[0]?.email;
    if (email) {
      const other = byEmail.get(email);
      if (other !== undefined && line.issues.length === before) {
        line.issues.push({ code: 'duplicate_family', severity: 'error', field: 'guardian1.email', value: email, otherLine: other });
      } else if (other === undefined) byEmail.set(email, line.line);
    }
    for (const child of family.children) {
      const key = childKey(child.firstName, child.lastName, child.birthDate);
      const other = byChild.get(key);
      if (other !== undefined) {
        line.issues.push({ code: 'duplicate_child', severity: 'error', field: `child${child.position}.firstName`, value: `${child.firstName} ${child.lastName}`, otherLine: other });
      } else byChild.set(key, line.line);
    }
    if (line.issues.some((i) => i.severity === 'error')) line.family = null;
  }
}

export { DIETS, MAX_CHILDREN };

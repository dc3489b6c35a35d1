/**
 * Server-side checks of what a family types in Mon dossier. Each returns the cleaned value or a problem code the
 * web catalog turns into words. Pure functions.
 */
import { isPlainDate, type PlainDate } from '../calendar';
import { isDiet, type Address, type AuthorisedPerson, type ChildHealth } from './model';

export type FieldProblem = 'required' | 'too_long' | 'invalid';
export type Checked<T> = { ok: true; value: T } | { ok: false; error: FieldProblem };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = <T>(error: FieldProblem): Checked<T> => ({ ok: false, error });

export const LIMITS = {
  addressLine: 200,
  city: 100,
  allergies: 500,
  note: 1_000,
  personName: 120,
  relationship: 60,
  message: 1_000,
  authorisedPersons: 6,
  email: 254,
  qfMax: 99_999,
} as const;

/** Trims and collapses inner whitespace; control characters (CR, LF, tabs…) become spaces. */
export function cleanLine(value: unknown): string {
  return typeof value === 'string' ? value.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim() : '';
}

/** Multi-line text: CRLF normalised, other control characters removed, trimmed. */
export function cleanText(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '').trim() : '';
}

/**
 * A French number (`06 12 34 56 78`, `0612345678`, `+33 6 12 34 56 78`, with spaces, dots or dashes) becomes
 * `06 12 34 56 78`; an international one (`+32 …`) is kept as typed with single spaces. Empty: null when optional.
 */
export function checkPhone(value: unknown, { required }: { required: boolean }): Checked<string | null> {
  const text = cleanLine(value);
  if (!text) return required ? fail('required') : ok(null);
  if (text.length > 30) return fail('too_long');
  const compact = text.replace(/[\s.()-]/g, '');
  const french = /^(?:\+33|0033|0)([1-9]\d{8})$/.exec(compact);
  if (french) return ok(`0${french[1]}`.replace(/(\d{2})(?=\d)/g, '$1 '));
  if (/^\+(?!33)\d{7,15}$/.test(compact)) return ok(text.replace(/\s+/g, ' '));
  return fail('invalid');
}

export function checkEmail(value: unknown): Checked<string> {
  const text = cleanLine(value).toLowerCase();
  if (!text) return fail('required');
  if (text.length > LIMITS.email) return fail('too_long');
  if (!/^[^\s@<>()"',;:\\]+@[^\s@<>()"',;:\\]+\.[a-z]{2,}$/.test(text)) return fail('invalid');
  return ok(text);
}

export type AddressErrors = Partial<Record<keyof Address, FieldProblem>>;

export function checkAddress(input: { addressLine: unknown; postalCode: unknown; city: unknown }): { ok: true; value: Address } | { ok: false; errors: AddressErrors } {
  const addressLine = cleanLine(input.addressLine);
  const postalCode = cleanLine(input.postalCode).replace(/\s/g, '');
  const city = cleanLine(input.city);
  const errors: AddressErrors = {};
  if (!addressLine) errors.addressLine = 'required';
  else if (addressLine.length > LIMITS.addressLine) errors.addressLine = 'too_long';
  if (!postalCode) errors.postalCode = 'required';
  else if (!/^\d{5}$/.test(postalCode)) errors.postalCode = 'invalid';
  if (!city) errors.city = 'required';
  else if (city.length > LIMITS.city) errors.city = 'too_long';
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: { addressLine, postalCode, city } };
}

export type QfErrors = Partial<Record<'qf' | 'validUntil', FieldProblem>>;

/** The QF is a whole number of euros; the attestation's end must be today or later, and within two years. */
export function checkQf(input: { qf: unknown; validUntil: unknown }, today: PlainDate): { ok: true; value: { qf: number; validUntil: PlainDate } } | { ok: false; errors: QfErrors } {
  const errors: QfErrors = {};
  const qfText = cleanLine(input.qf).replace(/[\s\u202f]/g, '');
  const qf = Number(qfText);
  if (!qfText) errors.qf = 'required';
  else if (!/^\d+$/.test(qfText) || !Number.isSafeInteger(qf) || qf > LIMITS.qfMax) errors.qf = 'invalid';
  const validUntil = cleanLine(input.validUntil);
  const limit = `${Number(today.slice(0, 4)) + 2}${today.slice(4)}`;
  if (!validUntil) errors.validUntil = 'required';
  else if (!isPlainDate(validUntil) || validUntil < today || validUntil > limit) errors.validUntil = 'invalid';
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: { qf, validUntil } };
}

export type HealthErrors = Partial<Record<'diet' | 'allergies', FieldProblem>>;

export function checkHealth(input: { diet: unknown; allergies: unknown; hasPai: unknown }): { ok: true; value: ChildHealth } | { ok: false; errors: HealthErrors } {
  const errors: HealthErrors = {};
  if (!isDiet(input.diet)) errors.diet = 'invalid';
  const allergies = cleanText(input.allergies);
  if (allergies.length > LIMITS.allergies) errors.allergies = 'too_long';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { diet: input.diet as ChildHealth['diet'], allergies, hasPai: input.hasPai === true || input.hasPai === '1' || input.hasPai === 'on' } };
}

export type PersonErrors = Partial<Record<`person${number}-${'fullName' | 'relationship' | 'phone'}`, FieldProblem>>;

/**
 * Rows of the authorised persons form: fully empty rows are skipped, any other row needs a name, a relationship
 * and a phone. An empty list is allowed (nobody but the guardians).
 */
export function checkAuthorisedPersons(rows: { fullName: unknown; relationship: unknown; phone: unknown }[]): { ok: true; value: AuthorisedPerson[] } | { ok: false; errors: PersonErrors } {
  const errors: PersonErrors = {};
  const persons: AuthorisedPerson[] = [];
  rows.slice(0, LIMITS.authorisedPersons).forEach((row, index) => {
    const fullName = cleanLine(row.fullName);
    const relationship = cleanLine(row.relationship);
    const phoneText = cleanLine(row.phone);
    if (!fullName && !relationship && !phoneText) return;
    const key = (field: 'fullName' | 'relationship' | 'phone') => `person${index}-${field}` as const;
    if (!fullName) errors[key('fullName')] = 'required';
    else if (fullName.length > LIMITS.personName) errors[key('fullName')] = 'too_long';
    if (!relationship) errors[key('relationship')] = 'required';
    else if (relationship.length > LIMITS.relationship) errors[key('relationship')] = 'too_long';
    const phone = checkPhone(phoneText, { required: true });
    if (!phone.ok) errors[key('phone')] = phone.error;
    if (fullName && relationship && phone.ok && phone.value) persons.push({ fullName, relationship, phone: phone.value });
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: persons };
}

export function checkNote(value: unknown): Checked<string> {
  const text = cleanText(value);
  return text.length > LIMITS.note ? fail('too_long') : ok(text);
}

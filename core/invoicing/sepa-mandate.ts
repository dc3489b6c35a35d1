/**
 * A family's SEPA direct-debit mandate: the form's server-side checks (IBAN and BIC with ibantools), the masked IBAN
 * shown to parents and staff, the unique mandate reference (RUM) and the sequence type of the next collection.
 * Pure functions; storage and pages call them (decision record 014).
 */
import { isSEPACountry, validateBIC, validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import { isPlainDate, type PlainDate } from '../calendar';
import { isSepaIdentifier, toSepaText } from './sepa-charset';
import { SEPA_MESSAGES_FR as M } from './sepa-messages-fr';

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = <T>(error: string): Checked<T> => ({ ok: false, error });

/** EPC limit for a party name in pain.008 (the XSD allows 140, banks 70). */
export const SEPA_NAME_MAX = 70;
/** RUM and other SEPA identifiers: Max35Text. */
export const SEPA_ID_MAX = 35;

/** The IBAN as stored and sent: no spaces or dashes, upper case (« fr76 3000 6000… » → « FR763000600… »). */
export function normalizeIban(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

export function checkIban(raw: string): Checked<string> {
  const iban = normalizeIban(raw);
  if (!iban) return fail(M.ibanRequired);
  const { errorCodes } = validateIBAN(iban);
  if (errorCodes.includes(ValidationErrorsIBAN.NoIBANCountry)) return fail(M.ibanCountry);
  if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANLength) || errorCodes.includes(ValidationErrorsIBAN.WrongBBANFormat)) {
    return fail(M.ibanFormat);
  }
  if (errorCodes.length > 0) return fail(M.ibanChecksum);
  if (!isSEPACountry(iban.slice(0, 2))) return fail(M.ibanNotSepa);
  return ok(iban);
}

/** French overseas territories have their own BIC country code but French IBANs (same list as the `sepa` package). */
const TERRITORIES: Record<string, readonly string[]> = {
  FR: ['GF', 'GP', 'MQ', 'RE', 'PF', 'TF', 'YT', 'NC', 'BL', 'MF', 'PM', 'WF'],
  FI: ['AX'],
  GB: ['IM', 'JE', 'GG'],
};

/**
 * The BIC is optional: since 2016 a SEPA debit needs only the IBAN (the file then says NOTPROVIDED). When given, it
 * must be a valid BIC of the IBAN's country. `iban` is the already checked IBAN, null when it is not valid (the
 * countries are then not compared).
 */
export function checkBic(raw: string, iban: string | null): Checked<string | null> {
  const bic = raw.replace(/\s/g, '').toUpperCase();
  if (!bic) return ok(null);
  if (!/^[A-Z0-9]{8}([A-Z0-9]{3})?$/.test(bic) || !validateBIC(bic).valid) return fail(M.bicFormat);
  if (iban === null) return ok(bic);
  const bicCountry = bic.slice(4, 6);
  const ibanCountry = iban.slice(0, 2);
  if (bicCountry !== ibanCountry && !(TERRITORIES[ibanCountry] ?? []).includes(bicCountry)) return fail(M.bicCountry);
  return ok(bic);
}

export interface MandateInput {
  holderName: string;
  iban: string;
  bic: string;
  signedOn: string;
}

export interface ValidMandate {
  holderName: string;
  iban: string;
  bic: string | null;
  signedOn: PlainDate;
}

export type MandateField = keyof MandateInput;
export type MandateValidation = { ok: true; mandate: ValidMandate } | { ok: false; errors: Partial<Record<MandateField, string>> };

/** Checks a mandate form; `today` is the Europe/Paris day (a mandate cannot be signed tomorrow). */
export function validateMandate(input: MandateInput, today: PlainDate): MandateValidation {
  const errors: Partial<Record<MandateField, string>> = {};
  const holderName = input.holderName.replace(/\s+/g, ' ').trim();
  if (!toSepaText(holderName)) errors.holderName = M.holderRequired;
  else if (toSepaText(holderName).length > SEPA_NAME_MAX) errors.holderName = M.holderTooLong;

  const iban = checkIban(input.iban);
  if (!iban.ok) errors.iban = iban.error;
  const bic = checkBic(input.bic, iban.ok ? iban.value : null);
  if (!bic.ok) errors.bic = bic.error;

  const signedOn = input.signedOn.trim();
  if (!signedOn) errors.signedOn = M.signedOnRequired;
  else if (!isPlainDate(signedOn)) errors.signedOn = M.signedOnInvalid;
  else if (signedOn > today) errors.signedOn = M.signedOnFuture;

  if (!iban.ok || !bic.ok || errors.holderName || errors.signedOn) return { ok: false, errors };
  return { ok: true, mandate: { holderName, iban: iban.value, bic: bic.value, signedOn } };
}

/**
 * The IBAN as shown on screens and invoices: country and check digits, then only the last three characters
 * (« FR76 •••• •••• •••• •••• •••• 189 »).
 */
export function maskIban(iban: string): string {
  const compact = normalizeIban(iban);
  const masked = compact.slice(0, 4) + '•'.repeat(Math.max(compact.length - 7, 0)) + compact.slice(Math.max(compact.length - 3, 4));
  return masked.replace(/(.{4})(?=.)/g, '$1 ');
}

/** A RUM received from elsewhere (a mandate migrated from another system keeps its reference). */
export function checkRum(raw: string): Checked<string> {
  const rum = raw.trim();
  return isSepaIdentifier(rum, SEPA_ID_MAX) ? ok(rum) : fail(M.rumInvalid);
}

/**
 * A new RUM: `<prefix>-<family file number>-<mandate number of the family, 3 digits>`, e.g. « TRT-F-2026-0041-001 ».
 * Only A–Z, 0–9 and dashes, so every bank reads it the same. Unique as long as file numbers are; the mandates table
 * still needs a unique index on the RUM, since two file numbers may differ only by characters replaced here.
 */
export function generateRum(params: { prefix: string; fileNumber: string; sequence: number }): string {
  const part = (text: string) =>
    toSepaText(text)
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const prefix = part(params.prefix);
  const file = part(params.fileNumber);
  if (!prefix || !file) throw new RangeError('RUM: prefix and file number need letters or digits');
  if (!Number.isInteger(params.sequence) || params.sequence < 1 || params.sequence > 999)
    throw new RangeError(`RUM: sequence ${params.sequence} outside 1–999`);
  const rum = `${prefix}-${file}-${String(params.sequence).padStart(3, '0')}`;
  if (rum.length > SEPA_ID_MAX) throw new RangeError(`RUM longer than ${SEPA_ID_MAX} characters: ${rum}`);
  return rum;
}

export type SequenceType = 'FRST' | 'RCUR';

/**
 * Where a past collection of the mandate stands: `submitted` (in a file sent to the bank, no answer yet), `settled`,
 * `rejected` (refused before settlement: pain.002 RJCT or a reject entered by hand) or `returned` (sent back after
 * settlement, or refunded at the debtor's request).
 */
export type CollectionStatus = 'submitted' | 'settled' | 'rejected' | 'returned';

/**
 * FRST for the first collection of a mandate, RCUR afterwards. A first collection rejected before settlement never
 * reached the debtor's bank as a first, so the next one is FRST again; once one was submitted, settled or returned,
 * the debtor's bank knows the mandate and the next is RCUR (EPC SDD Core rulebook).
 */
export function sequenceTypeFor(pastCollections: readonly { status: CollectionStatus }[]): SequenceType {
  return pastCollections.some((collection) => collection.status !== 'rejected') ? 'RCUR' : 'FRST';
}

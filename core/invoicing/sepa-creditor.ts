/**
 * The commune (or its régie) as SEPA creditor: name, account and the ICS (identifiant créancier SEPA) given by the
 * Banque de France. Checked when the settings are loaded and again before each pain.008 file.
 */
import { toSepaText } from './sepa-charset';
import { SEPA_MESSAGES_FR as M } from './sepa-messages-fr';
import { checkBic, checkIban, SEPA_NAME_MAX, type Checked } from './sepa-mandate';

export interface CreditorInput {
  name: string;
  iban: string;
  bic: string;
  creditorId: string;
}

export interface ValidCreditor {
  /** Already in the SEPA character set, as it will appear in the file. */
  name: string;
  iban: string;
  bic: string | null;
  creditorId: string;
}

export type CreditorField = keyof CreditorInput;
export type CreditorValidation = { ok: true; creditor: ValidCreditor } | { ok: false; errors: Partial<Record<CreditorField, string>> };

/** ISO 7064 mod 97-10 over digits and letters (A = 10 … Z = 35), as for IBANs. */
function mod97(text: string): number {
  let rest = 0;
  for (const char of text) {
    const value = parseInt(char, 36);
    for (const digit of String(value)) rest = (rest * 10 + Number(digit)) % 97;
  }
  return rest;
}

/**
 * A French ICS: « FR », two check digits, a 3-character creditor business code (« ZZZ » unless the creditor chose
 * one; it is left out of the check digits) and the 6-character national identifier, e.g. « FR72ZZZ123456 ».
 */
export function checkCreditorId(raw: string): Checked<string> {
  const ics = raw.replace(/\s/g, '').toUpperCase();
  if (!ics) return { ok: false, error: M.creditorIdRequired };
  if (!/^FR\d{2}[A-Z0-9]{3}[A-Z0-9]{6}$/.test(ics)) return { ok: false, error: M.creditorIdFormat };
  if (mod97(ics.slice(7) + ics.slice(0, 4)) !== 1) return { ok: false, error: M.creditorIdChecksum };
  return { ok: true, value: ics };
}

export function validateCreditor(input: CreditorInput): CreditorValidation {
  const errors: Partial<Record<CreditorField, string>> = {};
  const name = toSepaText(input.name);
  if (!name) errors.name = M.creditorNameRequired;
  else if (name.length > SEPA_NAME_MAX) errors.name = M.creditorNameTooLong;
  const iban = checkIban(input.iban);
  if (!iban.ok) errors.iban = iban.error;
  const bic = checkBic(input.bic, iban.ok ? iban.value : null);
  if (!bic.ok) errors.bic = bic.error;
  const creditorId = checkCreditorId(input.creditorId);
  if (!creditorId.ok) errors.creditorId = creditorId.error;
  if (!iban.ok || !bic.ok || !creditorId.ok || errors.name) return { ok: false, errors };
  return { ok: true, creditor: { name, iban: iban.value, bic: bic.value, creditorId: creditorId.value } };
}

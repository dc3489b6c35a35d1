/**
 * The documents families upload, and how long each stays valid by default once staff accepted it (staff may set
 * another date when they accept it). Labels live in the web catalog (app/i18n) and, for e-mails, in
 * core/requests/messages-fr.ts.
 */
import { addDays, type PlainDate } from '../calendar';

export const DOCUMENT_KINDS = [
  'attestation_qf',
  'assurance',
  'certificat_medical',
  'justificatif_domicile',
  'pai',
  'autre',
] as const;

export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export function isDocumentKind(value: unknown): value is DocumentKind {
  return typeof value === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(value);
}

/** Reads activities.required_documents (a JSON array); unknown kinds are ignored, a broken value means none. */
export function parseRequiredDocuments(text: string | null | undefined): DocumentKind[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? [...new Set(value.filter(isDocumentKind))] : [];
  } catch {
    return [];
  }
}

/** The school year's last day of August that follows `today` (insurance and PAI run for a school year). */
function endOfSchoolYear(today: PlainDate): PlainDate {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return `${month >= 9 ? year + 1 : year}-08-31`;
}

/** Suggested expiry when staff accept a document of that kind (null: does not expire). */
export function defaultValidity(kind: DocumentKind, today: PlainDate): PlainDate | null {
  switch (kind) {
    case 'attestation_qf':
      return `${Number(today.slice(0, 4))}-12-31`;
    case 'assurance':
    case 'pai':
      return endOfSchoolYear(today);
    case 'certificat_medical':
      return addDays(today, 365);
    case 'justificatif_domicile':
    case 'autre':
      return null;
  }
}

export type DocumentStatus = 'pending' | 'accepted' | 'refused';

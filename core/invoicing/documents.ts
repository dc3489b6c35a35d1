/**
 * What an invoice, a credit note (avoir) and the yearly childcare attestation show, as plain data: the use cases build
 * these from the database, the PDF adapter (adapters/pdf) only lays them out. Money in integer cents, days as
 * 'YYYY-MM-DD', months as 'YYYY-MM'; the renderer formats them in French.
 */
import type { PlainDate } from '../calendar/plain-date';

/** The issuer, printed in the header of every page and as the PDF's Author. */
export interface IssuerBlock {
  /** « Ville de Saint-Exemple » */
  name: string;
  /** Postal address, one line each: « Hôtel de ville », « 1 place de la Mairie », « 12345 Saint-Exemple ». */
  addressLines: readonly string[];
  /** The régie collecting the money: « Régie périscolaire ». */
  regieName: string;
  contactEmail?: string;
  contactPhone?: string;
  /** Printed on the attestation, which the tax office may ask to identify the childcare provider. */
  siret?: string;
}

/** Who pays: the family's payer as on the invoice envelope. */
export interface PayerBlock {
  /** « M. et Mme Martin » or « Mme Claire Martin » */
  name: string;
  /** Street, complement, « 12345 Saint-Exemple »: one line each, as for a window envelope. */
  addressLines: readonly string[];
}

export interface InvoiceChild {
  name: string;
  /** « CE1 » */
  schoolLevel?: string;
  /** « École Jules-Ferry » */
  siteName?: string;
}

/** What a line is, for the few that are not a plain booked service (the renderer marks them). */
export type InvoiceLineKind = 'service' | 'surcharge' | 'reduction' | 'adjustment';

/** One line: quantity × unit price = amount (checked by `invoiceDocumentProblems`). */
export interface InvoiceLine {
  childName: string;
  /** « Restauration scolaire », « Accueil du soir » */
  activityName: string;
  /** A whole number of units (meals, sessions, half-hours). */
  quantity: number;
  /** May be negative for a reduction. */
  unitPriceCents: number;
  amountCents: number;
  /** The pricing rule's label from `explain`: « Tarif QF 3 (640–859 €) : 2,35 € ». */
  basis: string;
  /** Defaults to 'service'. */
  kind?: InvoiceLineKind;
}

/** A deduction from the total: an earlier avoir, a credit on the family's account. */
export interface AppliedCredit {
  /** « Avoir n° A-2026-000004 », « Crédit du 3 novembre 2026 » */
  label: string;
  /** Positive: the amount deducted. */
  amountCents: number;
}

/** The SEPA pre-notification printed on an invoice paid by direct debit. */
export interface DirectDebitNotice {
  debitDate: PlainDate;
  /** Mandate reference (RUM). */
  mandateRum: string;
  /** Already masked by the caller: « FR76 •••• •••• •••• •••• ••12 345 ». */
  ibanMasked: string;
  /** The creditor's SEPA identifier (ICS), shown with the mandate when known. */
  creditorId?: string;
}

export interface PaymentInstructions {
  /** How to pay, one paragraph each: « En ligne sur le portail famille », « À la régie, 1 place de la Mairie… ». */
  methods: readonly string[];
  /** Present when the amount due will be debited: replaces the methods by the debit notice. */
  directDebit?: DirectDebitNotice;
}

export interface InvoiceDocument {
  issuer: IssuerBlock;
  kind: 'invoice' | 'credit_note';
  /** The number assigned at issue: « F-2026-000123 », « A-2026-000004 ». */
  number: string;
  issueDate: PlainDate;
  /** The invoiced month, 'YYYY-MM'. */
  month: string;
  /** The days covered, usually the whole month. */
  period: { from: PlainDate; to: PlainDate };
  payer: PayerBlock;
  /** The family file's number, for the family to quote when paying at the régie. */
  familyFileNumber: string;
  children: readonly InvoiceChild[];
  lines: readonly InvoiceLine[];
  /** Sum of the lines. */
  totalCents: number;
  /** Invoice only; empty on a credit note. */
  creditsApplied: readonly AppliedCredit[];
  /** Already paid on this invoice (0 at issue, more on a reprint). */
  paidCents: number;
  /** totalCents − credits − paidCents; 0 on a credit note. */
  amountDueCents: number;
  /** Invoice only: the date the amount is due. */
  dueDate?: PlainDate;
  /** Invoice only. */
  payment?: PaymentInstructions;
  /** Credit note only: the invoice it cancels (in whole or in part). */
  relatedInvoiceNumber?: string;
  /** Credit note only: why, as recorded by staff. */
  reason?: string;
}

/** Amounts paid in one month, listed on the attestation. */
export interface AttestationMonth {
  month: string;
  amountPaidCents: number;
}

/**
 * The yearly statement of childcare costs paid for one child under 6, for the tax credit of article 200 quater B of
 * the CGI. The caller computes the amount: costs paid during `year`, without meals (not eligible).
 */
export interface ChildcareAttestation {
  issuer: IssuerBlock;
  /** The calendar year the costs were paid in. */
  year: number;
  /** « AT-2026-000045 », when the commune numbers its attestations. */
  number?: string;
  issueDate: PlainDate;
  payer: PayerBlock;
  child: { name: string; birthDate: PlainDate };
  amountPaidCents: number;
  /** The detail by month; when given, must add up to `amountPaidCents`. */
  months?: readonly AttestationMonth[];
  /** « Le régisseur, Jean Dupont »: printed under the statement. */
  signatory?: string;
}

/** The tax office's reading of « moins de 6 ans » for costs paid in `year`: born on or after 1 January of year − 6. */
export function isUnderSixForTaxYear(birthDate: PlainDate, year: number): boolean {
  return birthDate >= `${String(year - 6).padStart(4, '0')}-01-01`;
}

/** What makes a document unprintable (the renderer refuses it): amounts that do not add up, a missing field. */
export function invoiceDocumentProblems(doc: InvoiceDocument): string[] {
  const problems: string[] = [];
  doc.lines.forEach((line, i) => {
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 0) problems.push(`line ${i + 1}: quantity ${line.quantity}`);
    if (line.quantity * line.unitPriceCents !== line.amountCents)
      problems.push(`line ${i + 1}: ${line.quantity} × ${line.unitPriceCents} ≠ ${line.amountCents}`);
  });
  const sum = doc.lines.reduce((total, line) => total + line.amountCents, 0);
  if (sum !== doc.totalCents) problems.push(`total ${doc.totalCents} ≠ sum of lines ${sum}`);
  const credits = doc.creditsApplied.reduce((total, credit) => total + credit.amountCents, 0);
  if (doc.kind === 'invoice') {
    if (doc.totalCents - credits - doc.paidCents !== doc.amountDueCents)
      problems.push(`amount due ${doc.amountDueCents} ≠ total − credits − paid`);
    if (!doc.dueDate) problems.push('invoice without a due date');
    if (!doc.payment) problems.push('invoice without payment instructions');
  } else {
    if (!doc.relatedInvoiceNumber) problems.push('credit note without the invoice it cancels');
    if (doc.amountDueCents !== 0 || credits !== 0 || doc.paidCents !== 0)
      problems.push('credit note with credits, payments or an amount due');
  }
  return problems;
}

export function attestationProblems(doc: ChildcareAttestation): string[] {
  const problems: string[] = [];
  if (!Number.isSafeInteger(doc.amountPaidCents) || doc.amountPaidCents < 0) problems.push(`amount ${doc.amountPaidCents}`);
  if (!isUnderSixForTaxYear(doc.child.birthDate, doc.year))
    problems.push(`child born ${doc.child.birthDate} is too old for the ${doc.year} tax credit`);
  if (doc.months) {
    const sum = doc.months.reduce((total, month) => total + month.amountPaidCents, 0);
    if (sum !== doc.amountPaidCents) problems.push(`months add up to ${sum}, not ${doc.amountPaidCents}`);
    if (doc.months.some((m) => !m.month.startsWith(`${doc.year}-`))) problems.push(`a month outside ${doc.year}`);
  }
  return problems;
}

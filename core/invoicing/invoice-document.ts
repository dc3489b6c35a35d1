/**
 * From what is stored to what is printed: an issued invoice (or one of its credit notes) as the PDF's view model
 * (documents.ts). The credit deducted at issue and the credit notes are shown as deductions; payments received since
 * as « déjà payé »; the amount due is what is still open.
 */
import { monthRange } from './month';
import type { InvoiceDocument, IssuerBlock } from './documents';
import type { AllocationRecord, CreditNote, Invoice, InvoiceLine } from './ports';
import { maskIban } from './sepa-mandate';

export interface Issuer {
  communeName: string;
  regieName: string;
  address: string;
  contactEmail: string;
  sepaCreditorId: string | null;
}

export function issuerBlock(issuer: Issuer): IssuerBlock {
  return {
    name: `Commune de ${issuer.communeName}`,
    addressLines: issuer.address
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== ''),
    regieName: issuer.regieName,
    contactEmail: issuer.contactEmail || undefined,
  };
}

function children(lines: readonly InvoiceLine[]) {
  const seen = new Map<string, { name: string; siteName?: string }>();
  for (const line of lines) if (!seen.has(line.childId)) seen.set(line.childId, { name: line.childName, siteName: line.siteName });
  return [...seen.values()];
}

export function invoiceDocument(input: {
  invoice: Invoice;
  lines: readonly InvoiceLine[];
  allocations: readonly AllocationRecord[];
  creditNotes: readonly CreditNote[];
  issuer: Issuer;
  mandate: { rum: string; iban: string } | null;
}): InvoiceDocument {
  const { invoice, issuer } = input;
  const fromCredit = input.allocations.filter((a) => a.sourceKind === 'credit' && !a.reversedAt);
  const creditCents = fromCredit.reduce((sum, a) => sum + a.amountCents, 0);
  const paymentMethods = [
    `En ligne sur le portail famille, menu Facturation › Payer mes factures.`,
    `À la ${issuer.regieName} : espèces, chèque à l’ordre du Trésor public, CESU ou carte bancaire, en rappelant le numéro ${invoice.reference}.`,
  ];
  return {
    issuer: issuerBlock(issuer),
    kind: 'invoice',
    number: invoice.reference,
    issueDate: invoice.issueDate,
    month: invoice.month,
    period: monthRange(invoice.month),
    payer: { name: invoice.payerName, addressLines: invoice.payerAddress },
    familyFileNumber: invoice.familyFileNumber,
    children: children(input.lines),
    lines: input.lines.map((line) => ({
      childName: line.childName,
      activityName: line.activityName,
      quantity: line.quantity,
      unitPriceCents: line.unitPriceCents,
      amountCents: line.amountCents,
      basis: line.basis,
      kind:
        line.occasion === 'prepaid_refund'
          ? 'adjustment'
          : line.occasion === 'unbooked_attendance' || line.occasion === 'late_booking'
            ? 'surcharge'
            : 'service',
    })),
    totalCents: invoice.totalCents,
    creditsApplied: [
      ...(creditCents > 0 ? [{ label: 'Avoir de votre compte déduit', amountCents: creditCents }] : []),
      ...input.creditNotes.map((note) => ({ label: `Avoir n° ${note.reference}`, amountCents: note.amountCents })),
    ],
    paidCents: invoice.paidCents - creditCents,
    amountDueCents: invoice.openCents,
    dueDate: invoice.dueDate,
    payment: {
      methods: paymentMethods,
      directDebit:
        input.mandate && invoice.debitDate
          ? {
              debitDate: invoice.debitDate,
              mandateRum: input.mandate.rum,
              ibanMasked: maskIban(input.mandate.iban),
              creditorId: issuer.sepaCreditorId ?? undefined,
            }
          : undefined,
    },
  };
}

export function creditNoteDocument(input: { note: CreditNote; invoice: Invoice; issuer: Issuer }): InvoiceDocument {
  const { note, invoice } = input;
  return {
    issuer: issuerBlock(input.issuer),
    kind: 'credit_note',
    number: note.reference,
    issueDate: note.issueDate,
    month: invoice.month,
    period: monthRange(invoice.month),
    payer: { name: invoice.payerName, addressLines: invoice.payerAddress },
    familyFileNumber: invoice.familyFileNumber,
    children: [],
    lines: [
      {
        childName: '',
        activityName: `Avoir sur la facture ${invoice.reference}`,
        quantity: 1,
        unitPriceCents: note.amountCents,
        amountCents: note.amountCents,
        basis: note.reason,
        kind: 'adjustment',
      },
    ],
    totalCents: note.amountCents,
    creditsApplied: [],
    paidCents: 0,
    amountDueCents: 0,
    relatedInvoiceNumber: invoice.reference,
    reason: note.reason,
  };
}

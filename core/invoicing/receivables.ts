/**
 * What the treasury follows up: the « titres à émettre » (open invoices past their due date above 15 €, handed to the
 * public accountant for recovery), and the reconciliation view — money received and not put on any invoice (family
 * credits), invoices partly paid.
 */
import { parisToday } from '../calendar';
import { maskIban } from './sepa-mandate';
import { monthLabel, monthRange } from './month';
import type { Invoice, InvoicingRepositories } from './ports';

/** Below this, a debt is not worth a recovery title (the usual threshold of the public accountant). */
export const TITLE_THRESHOLD_CENTS = 1500;

export interface TitleRow {
  reference: string;
  debtorName: string;
  debtorAddress: string[];
  fileNumber: string;
  amountCents: number;
  object: string;
  periodFrom: string;
  periodTo: string;
  issueDate: string;
  dueDate: string;
  mandate: { rum: string; ibanMasked: string; signedOn: string } | null;
}

export interface Receivables {
  titles: TitleRow[];
  partlyPaid: Invoice[];
  credits: { familyId: string; familyName: string; fileNumber: string; creditCents: number }[];
}

export async function receivables(repos: InvoicingRepositories, now: Date): Promise<Receivables> {
  const [overdue, partlyPaid, credits] = await Promise.all([
    repos.invoicing.overdueInvoices(parisToday(now), TITLE_THRESHOLD_CENTS),
    repos.invoicing.partlyPaidInvoices(500),
    repos.invoicing.familiesWithCredit(500),
  ]);
  const mandates = new Map((await repos.sepa.mandates(overdue.flatMap((i) => (i.mandateId ? [i.mandateId] : [])))).map((m) => [m.id, m]));
  const titles = overdue.map((invoice): TitleRow => {
    const mandate = invoice.mandateId ? mandates.get(invoice.mandateId) : undefined;
    const period = monthRange(invoice.month);
    return {
      reference: invoice.reference,
      debtorName: invoice.payerName,
      debtorAddress: invoice.payerAddress,
      fileNumber: invoice.familyFileNumber,
      amountCents: invoice.openCents,
      object: `Restauration et accueils périscolaires, ${monthLabel(invoice.month)}, facture ${invoice.reference}`,
      periodFrom: period.from,
      periodTo: period.to,
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      mandate: mandate ? { rum: mandate.rum, ibanMasked: maskIban(mandate.iban), signedOn: mandate.signedOn } : null,
    };
  });
  return { titles, partlyPaid, credits };
}

/**
 * Invoices as something the payment layer can collect (Facturation › Payer mes factures): several at once, each
 * checked to belong to the family and to be open; when paid, the money goes on those invoices in the payment's own
 * transaction (what exceeds an invoice paid in between at the régie becomes the family's credit).
 */
import type { PayableSource } from '../payments/ports';
import { monthLabel } from './month';
import { putOnInvoices } from './money-in';

export function invoicePayableSource(): PayableSource {
  return {
    kind: 'invoice',
    async describe(repos, familyId, ids) {
      const invoicing = repos.invoicing;
      const lines = [];
      for (const id of ids) {
        const invoice = await invoicing.invoice(id);
        // Another family's invoice answers exactly like an unknown one.
        if (!invoice || invoice.familyId !== familyId) return { ok: false, error: 'not_found' };
        if (invoice.status !== 'open' || invoice.openCents <= 0) return { ok: false, error: 'not_payable' };
        lines.push({
          payableId: invoice.id,
          label: `Facture ${invoice.reference} (${monthLabel(invoice.month)})`,
          amountCents: invoice.openCents,
        });
      }
      return { ok: true, lines };
    },
    async settle(repos, familyId, lines, transaction, now) {
      await putOnInvoices(
        repos,
        {
          familyId,
          amountCents: lines.reduce((sum, line) => sum + line.amountCents, 0),
          source: 'online',
          sourceId: transaction.id,
          label: `Paiement en ligne ${transaction.reference}`,
          chosen: lines.map((line) => line.payableId).filter((id): id is string => id !== null),
        },
        now,
      );
    },
  };
}

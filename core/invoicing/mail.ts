/**
 * Issued invoices are e-mailed to the family with their PDF, after the run's transactions committed. Each invoice is
 * claimed by a conditional update so that it leaves once even with several processes; a failure releases it for the
 * next round (the jobs retry).
 */
import { formatDayFr } from '../calendar';
import { formatEuros } from '../pricing';
import { monthLabel } from './month';
import type { Invoice, InvoicingDeps } from './ports';

export function invoiceMail(invoice: Invoice, commune: string, link: string): { subject: string; text: string } {
  const due = formatDayFr(invoice.dueDate, { withYear: true });
  const payment =
    invoice.openCents === 0
      ? 'Elle est déjà réglée par votre avoir : vous n’avez rien à payer.'
      : invoice.debitDate
        ? `Elle sera prélevée le ${formatDayFr(invoice.debitDate, { withYear: true })} sur le compte de votre mandat SEPA.`
        : `Vous pouvez la payer en ligne avant le ${due} : ${link}`;
  return {
    subject: `Votre facture ${invoice.reference} (${monthLabel(invoice.month)}) – ${commune}`,
    text: [
      'Bonjour,',
      '',
      `Votre facture ${invoice.reference} pour ${monthLabel(invoice.month)} est disponible : ${formatEuros(invoice.totalCents)}, reste à payer ${formatEuros(invoice.openCents)}, échéance le ${due}.`,
      payment,
      '',
      'La facture est jointe en PDF ; vous la retrouvez aussi dans le menu Facturation de votre portail famille.',
      '',
      commune,
    ].join('\n'),
  };
}

/**
 * Sends up to `limit` pending invoices; returns how many were dealt with (sent, or nothing to send): 0 when none is
 * left or every one failed — callers loop until 0 without spinning on a mail server that is down.
 */
export async function sendInvoiceEmails(deps: InvoicingDeps, limit = 50): Promise<number> {
  const now = deps.clock.now();
  const claimed = await deps.store.invoicing.claimInvoiceEmails(limit, now);
  if (claimed.length === 0) return 0;
  const issuer = await deps.issuer();
  let failed = 0;
  for (const invoice of claimed) {
    try {
      const emails = await deps.store.invoicing.familyEmails(invoice.familyId);
      // Families without an e-mail address get their invoice on paper: nothing to send.
      if (emails.length === 0) continue;
      const pdf = await deps.renderInvoicePdf?.(invoice.id);
      const mail = invoiceMail(invoice, issuer.communeName, deps.links.invoices);
      for (const to of emails) {
        await deps.mailer.send({
          to,
          ...mail,
          attachments: pdf ? [{ filename: `facture-${invoice.reference}.pdf`, contentType: 'application/pdf', content: pdf }] : undefined,
        });
      }
    } catch (error) {
      failed++;
      await deps.store.invoicing.releaseInvoiceEmail(invoice.id);
      deps.onError?.(error, 'invoicing.mail');
    }
  }
  return claimed.length - failed;
}

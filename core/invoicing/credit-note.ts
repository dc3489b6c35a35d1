/**
 * Credit notes (avoirs): the only way to cancel all or part of an issued invoice — numbered in their own series, never
 * deleted. What the credit note covers of the open amount reduces what is owed; what covers an amount already paid is
 * given back as the family's credit.
 */
import { parisToday } from '../calendar';
import { formatEuros, parseEuros } from '../pricing';
import { counterName, formatReference } from './numbering';
import type { Actor, CreditNote, InvoicingDeps } from './ports';

export type CreditNoteResult =
  { ok: true; value: CreditNote } | { ok: false; errors: Partial<Record<'amount' | 'reason' | 'invoice', string>> };

export async function issueCreditNote(
  deps: InvoicingDeps,
  input: { invoiceId: string; amount: unknown; reason: unknown; actor: Actor },
): Promise<CreditNoteResult> {
  const reason = typeof input.reason === 'string' ? input.reason.trim().slice(0, 500) : '';
  const amount = parseEuros(typeof input.amount === 'string' ? input.amount : '');
  const now = deps.clock.now();
  return deps.store.transaction(async (repos): Promise<CreditNoteResult> => {
    const invoice = await repos.invoicing.invoice(input.invoiceId);
    if (!invoice) return { ok: false, errors: { invoice: 'Facture introuvable.' } };
    const creditable = invoice.totalCents - invoice.creditedCents;
    const errors: Partial<Record<'amount' | 'reason', string>> = {};
    if (!amount.ok || amount.cents === 0 || amount.cents > creditable)
      errors.amount = `Le montant de l’avoir doit être supérieur à 0 et au plus ${formatEuros(creditable)}.`;
    if (reason.length < 3) errors.reason = 'Indiquez le motif de l’avoir.';
    if (!amount.ok || Object.keys(errors).length > 0) return { ok: false, errors };
    const cents = amount.cents;
    const fromOpen = Math.min(cents, invoice.openCents);
    const refunded = cents - fromOpen;
    if (!(await repos.invoicing.adjustInvoice(invoice.id, { creditedCents: cents, paidCents: -refunded }, now))) {
      return { ok: false, errors: { amount: 'La facture a changé entre-temps : rechargez la page.' } };
    }
    const issueDate = parisToday(now);
    const year = Number(issueDate.slice(0, 4));
    const number = await repos.invoicing.nextNumber(counterName(invoice.regie, 'A', year));
    const note: CreditNote = {
      id: crypto.randomUUID(),
      invoiceId: invoice.id,
      familyId: invoice.familyId,
      reference: formatReference('A', year, number),
      amountCents: cents,
      reason,
      issueDate,
      createdAt: now.toISOString(),
    };
    await repos.invoicing.insertCreditNote({ ...note, regie: invoice.regie, series: 'A', year, number, createdBy: input.actor.label });
    const label = `Avoir ${note.reference} sur la facture ${invoice.reference} : ${reason}`;
    if (fromOpen > 0) {
      await repos.invoicing.addEntry({
        familyId: invoice.familyId,
        at: note.createdAt,
        kind: 'credit_note',
        amountCents: -fromOpen,
        label,
        invoiceId: invoice.id,
        sourceKind: 'credit_note',
        sourceId: note.id,
      });
    }
    if (refunded > 0) {
      await repos.credits.move(
        {
          familyId: invoice.familyId,
          amountCents: refunded,
          kind: 'credit_note_refund',
          label: `${label} (montant déjà payé rendu en avoir)`,
          transactionId: null,
        },
        now,
      );
    }
    await repos.audit.record(
      {
        actorUserId: input.actor.userId,
        actorLabel: input.actor.label,
        action: 'invoicing.credit_note',
        target: `family:${invoice.familyId}`,
        ip: input.actor.ip ?? null,
        details: { invoice: invoice.reference, creditNote: note.reference, amountCents: cents, reason },
      },
      now,
    );
    return { ok: true, value: note };
  });
}

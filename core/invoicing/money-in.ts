/**
 * Money reaching the family's invoices (a payment at the régie, online, a direct debit), in the caller's transaction:
 * allocated to the named invoices or oldest first, one account entry per invoice, and what exceeds the open amounts
 * becomes the family's credit — stated, never lost. The reverse (a cancelled payment, a rejected debit) reopens the
 * invoices with an entry each.
 */
import { formatEuros } from '../pricing';
import { allocate, type AllocationPlan } from './allocation';
import type { InvoicingRepositories, MoneySource } from './ports';

export async function putOnInvoices(
  repos: Pick<InvoicingRepositories, 'invoicing' | 'credits'>,
  input: { familyId: string; amountCents: number; source: MoneySource; sourceId: string; label: string; chosen?: readonly string[] },
  now: Date,
): Promise<AllocationPlan> {
  const open = await repos.invoicing.openInvoices(input.familyId);
  const plan = allocate(
    input.amountCents,
    open.map((i) => ({ id: i.id, reference: i.reference, dueDate: i.dueDate, openCents: i.openCents })),
    input.chosen,
  );
  const at = now.toISOString();
  for (const allocation of plan.allocations) {
    if (!(await repos.invoicing.adjustInvoice(allocation.invoiceId, { paidCents: allocation.amountCents }, now))) {
      throw new Error(`invoice ${allocation.invoiceId} changed while allocating`);
    }
    await repos.invoicing.addAllocation({
      invoiceId: allocation.invoiceId,
      familyId: input.familyId,
      sourceKind: input.source,
      sourceId: input.sourceId,
      amountCents: allocation.amountCents,
      createdAt: at,
    });
    await repos.invoicing.addEntry({
      familyId: input.familyId,
      at,
      kind: input.source === 'sepa' ? 'debit' : 'payment',
      amountCents: -allocation.amountCents,
      label: `${input.label} — facture ${allocation.reference}`,
      invoiceId: allocation.invoiceId,
      sourceKind: input.source,
      sourceId: input.sourceId,
    });
  }
  if (plan.surplusCents > 0) {
    await repos.credits.move(
      {
        familyId: input.familyId,
        amountCents: plan.surplusCents,
        kind: 'overpayment',
        label: `${input.label} : trop-perçu de ${formatEuros(plan.surplusCents)} mis en avoir`,
        transactionId: null,
      },
      now,
    );
  }
  return plan;
}

/** Takes back what a payment or a debit put on invoices; returns the amount reopened. */
export async function takeBackFromInvoices(
  repos: Pick<InvoicingRepositories, 'invoicing' | 'credits'>,
  input: { familyId: string; source: MoneySource; sourceId: string; label: string; reason: string },
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  let reopened = 0;
  for (const allocation of await repos.invoicing.allocationsOf(input.source, input.sourceId)) {
    if (allocation.reversedAt) continue;
    if (!(await repos.invoicing.reverseAllocation(allocation.id, input.reason, now))) continue;
    if (!(await repos.invoicing.adjustInvoice(allocation.invoiceId, { paidCents: -allocation.amountCents }, now))) {
      throw new Error(`invoice ${allocation.invoiceId} cannot be reopened`);
    }
    const invoice = await repos.invoicing.invoice(allocation.invoiceId);
    await repos.invoicing.addEntry({
      familyId: input.familyId,
      at,
      kind: input.source === 'sepa' ? 'debit_rejected' : 'payment_cancelled',
      amountCents: allocation.amountCents,
      label: `${input.label} — facture ${invoice?.reference ?? ''}`,
      invoiceId: allocation.invoiceId,
      sourceKind: input.source,
      sourceId: input.sourceId,
    });
    reopened += allocation.amountCents;
  }
  return reopened;
}

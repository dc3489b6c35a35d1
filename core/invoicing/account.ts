/**
 * The family's account (Facturation › Consulter l'historique de mon compte): one Restant dû, the same everywhere —
 * what the family owes on invoices minus its credit — and the ledger that explains it line by line: invoices,
 * payments, credit notes, rejected debits (account entries) and the credit's movements (avoirs, credit used or
 * carried into a payment). Each row carries its effect on the Restant dû and the running balance after it.
 */
import type { CreditMovement } from '../payments/ports';
import type { AccountEntry, Invoice, InvoicingRepositories } from './ports';

export interface LedgerRow {
  id: string;
  at: string;
  label: string;
  /** + owed more, − owed less; 0 for a transfer inside the account (credit deducted from an invoice). */
  amountCents: number;
  /** The Restant dû after this row. */
  balanceCents: number;
  invoiceId: string | null;
}

export interface FamilyAccount {
  /** Positive: owed; negative: the family's credit. */
  restantDuCents: number;
  owedOnInvoicesCents: number;
  creditCents: number;
  openInvoices: Invoice[];
  /** Oldest first. */
  ledger: LedgerRow[];
}

/** Credit movements that mirror an account entry (the credit deducted from a new invoice): shown once, by the entry. */
const MIRRORED_CREDIT_KINDS = new Set(['applied_to_invoice']);
export const LEDGER_LIMIT = 5000;

export function restantDu(owedOnInvoicesCents: number, creditCents: number): number {
  return owedOnInvoicesCents - creditCents;
}

/** Rows written in one transaction share their instant: the invoice first, then what paid it, then the credit. */
const RANK: Partial<Record<AccountEntry['kind'], number>> = { invoice: 0, credit_applied: 1 };

export function buildLedger(entries: readonly AccountEntry[], movements: readonly CreditMovement[]): LedgerRow[] {
  const rows = [
    ...entries.map((e) => ({
      row: { id: e.id, at: e.at, label: e.label, amountCents: e.kind === 'credit_applied' ? 0 : e.amountCents, invoiceId: e.invoiceId },
      rank: RANK[e.kind] ?? 2,
    })),
    ...movements
      .filter((m) => !MIRRORED_CREDIT_KINDS.has(m.kind))
      .map((m) => ({ row: { id: m.id, at: m.createdAt, label: m.label, amountCents: -m.amountCents, invoiceId: null }, rank: 3 })),
  ].sort(
    (a, b) =>
      a.row.at.localeCompare(b.row.at) ||
      a.rank - b.rank ||
      a.row.label.localeCompare(b.row.label, 'fr') ||
      a.row.id.localeCompare(b.row.id),
  );
  let balance = 0;
  return rows.map(({ row }) => {
    balance += row.amountCents;
    return { ...row, balanceCents: balance };
  });
}

export async function familyAccount(repos: InvoicingRepositories, familyId: string): Promise<FamilyAccount> {
  const [owed, credit, entries, movements, openInvoices] = await Promise.all([
    repos.invoicing.owedOnInvoices(familyId),
    repos.credits.balance(familyId),
    repos.invoicing.entries(familyId),
    repos.credits.movements(familyId, LEDGER_LIMIT),
    repos.invoicing.openInvoices(familyId),
  ]);
  return {
    restantDuCents: restantDu(owed, credit),
    owedOnInvoicesCents: owed,
    creditCents: credit,
    openInvoices,
    ledger: buildLedger(entries, movements),
  };
}

/**
 * Tables of migration 0006 (monthly invoicing and the family's account), part of `Database` in schema.ts.
 * Money is integer cents, instants ISO-8601 UTC text, days 'YYYY-MM-DD', months 'YYYY-MM'. Never deleted.
 */
/** One invoicing run per régie and month: 'running' (progress, resumable) → 'done'. */
export interface InvoiceRunTable {
  id: string;
  regie: string;
  month: string;
  status: string;
  issue_date: string;
  due_date: string;
  families_total: number;
  families_done: number;
  invoices_issued: number;
  started_by: string;
  started_at: string;
  updated_at: string;
  lease_until: string;
  finished_at: string | null;
}

/** 'open' → 'paid' (paid + credited = total) | 'cancelled' (a credit note for the whole amount). */
export interface InvoiceTable {
  id: string;
  family_id: string;
  regie: string;
  /** 'F' (invoices); numbers are continuous per régie, series and year. */
  series: string;
  year: number;
  number: number;
  /** « F2026-000123 » */
  reference: string;
  month: string;
  run_id: string | null;
  issue_date: string;
  due_date: string;
  payer_name: string;
  /** Address lines joined by '\n', as they were when the invoice was issued. */
  payer_address: string;
  family_file_number: string;
  total_cents: number;
  /** Allocated from credit, payments and debits. */
  paid_cents: number;
  /** Cancelled by credit notes. */
  credited_cents: number;
  status: string;
  mandate_id: string | null;
  debit_date: string | null;
  emailed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface InvoiceLineTable {
  id: string;
  invoice_id: string;
  position: number;
  child_id: string;
  child_name: string;
  activity_id: string;
  activity_name: string;
  activity_kind: string;
  site_name: string;
  /** core/pricing Occasion, or 'prepaid_refund' for a justified absence on a prepaid day. */
  occasion: string;
  quantity: number;
  unit_price_cents: number;
  /** Signed: a refund line is negative. */
  amount_cents: number;
  /** The pricing rule in words (`explain`). */
  basis: string;
  first_day: string;
  last_day: string;
}

/** Avoir: the only way to cancel (part of) an invoice; numbered in series 'A'. */
export interface CreditNoteTable {
  id: string;
  invoice_id: string;
  family_id: string;
  regie: string;
  series: string;
  year: number;
  number: number;
  reference: string;
  amount_cents: number;
  reason: string;
  issue_date: string;
  created_by: string;
  created_at: string;
}

/** What moved what the family owes on invoices, signed (+ owed more). */
export interface AccountEntryTable {
  id: string;
  family_id: string;
  at: string;
  /** 'invoice' | 'credit_applied' | 'payment' | 'payment_cancelled' | 'credit_note' | 'debit' | 'debit_rejected' */
  kind: string;
  amount_cents: number;
  label: string;
  invoice_id: string | null;
  source_kind: string | null;
  source_id: string | null;
}

export interface InvoiceAllocationTable {
  id: string;
  invoice_id: string;
  family_id: string;
  /** 'credit' | 'regie' | 'online' | 'sepa' */
  source_kind: string;
  source_id: string;
  amount_cents: number;
  created_at: string;
  reversed_at: string | null;
  reversal_reason: string | null;
}

/** A payment received at the régie's desk: espèces, chèque, CESU, carte sur place. */
export interface RegiePaymentTable {
  id: string;
  family_id: string;
  regie: string;
  receipt_number: string;
  method: string;
  amount_cents: number;
  received_on: string;
  /** Cheque number, CESU numbers, card ticket… */
  reference: string;
  payer_name: string;
  /** What exceeded the invoices and became the family's credit. */
  credited_cents: number;
  status: string;
  cancel_reason: string | null;
  cancelled_at: string | null;
  cancelled_by: string | null;
  created_by: string;
  created_at: string;
}

export interface SepaMandateTable {
  id: string;
  family_id: string;
  /** Référence unique du mandat. */
  rum: string;
  holder_name: string;
  iban: string;
  bic: string;
  signed_on: string;
  status: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
}

export interface SepaBatchTable {
  id: string;
  message_id: string;
  collection_date: string;
  debit_count: number;
  total_cents: number;
  /** The pain.008 file as generated (validated against the XSD in tests). */
  xml: string;
  created_by: string;
  created_at: string;
}

export interface SepaDebitTable {
  id: string;
  batch_id: string;
  invoice_id: string;
  mandate_id: string;
  family_id: string;
  end_to_end_id: string;
  sequence: string;
  amount_cents: number;
  /** 'submitted' | 'rejected' */
  status: string;
  reject_code: string | null;
  reject_reason: string | null;
  rejected_at: string | null;
  created_at: string;
}

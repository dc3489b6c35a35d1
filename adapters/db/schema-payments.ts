import type { ColumnType } from 'kysely';

/**
 * Tables of migration 0003 (prices and online payment), part of `Database` in schema.ts.
 * Money is integer cents, instants ISO-8601 UTC text, days 'YYYY-MM-DD', JSON as text.
 */
/** A family's credit (positive) or amount owed (negative): moved only by conditional updates, with a movement row each time. */
export interface FamilyBalanceTable {
  family_id: string;
  balance_cents: number;
  updated_at: string;
}

export interface FamilyCreditTable {
  id: string;
  family_id: string;
  /** Signed: + credit given to the family, − credit used or amount owed. */
  amount_cents: number;
  /** 'carried_into_payment' | 'carried_back' | 'unbooked_paid_day' | 'cancel_not_applied' | 'adjustment' */
  kind: string;
  label: string;
  transaction_id: string | null;
  created_at: string;
}

/** 'started' → 'waiting' → 'paid' | 'denied' | 'cancelled' | 'expired' | 'error'. Never deleted. */
export interface PaymentTransactionTable {
  id: string;
  /** Ours, sent to the provider (PayFiP refdet: 6–30 alphanumerics). */
  reference: string;
  family_id: string;
  /** 'demo' | 'payfip' | 'stripe' | 'credit' (paid entirely by the family's credit: no card). */
  provider: string;
  /** The provider's id: PayFiP idop, Stripe Checkout Session id, demo bank session id. */
  provider_ref: string | null;
  redirect_url: string | null;
  state: string;
  /** Charged to the card. */
  amount_cents: number;
  /** Credit used (positive) or amount owed carried into this payment (negative). */
  carried_cents: number;
  /** 'basket' | 'invoices' */
  purpose: string;
  /** One running transaction per payable key (basket id, invoice id): a partial unique index. */
  payable_key: string;
  checkout_id: string;
  checkout_position: number;
  basket_id: string | null;
  email: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  expires_at: string;
  settled_at: string | null;
  result_code: string | null;
  result_detail: string | null;
  receipt_number: string | null;
  receipt_sent_at: string | null;
  last_polled_at: string | null;
}

/** What a transaction pays, as it was when the parent clicked Payer (the receipt and the result page show these). */
export interface PaymentLineTable {
  id: string;
  transaction_id: string;
  position: number;
  /** 'booking' | 'invoice' | 'carried' */
  kind: string;
  payable_id: string | null;
  child_id: string | null;
  child_first_name: string | null;
  activity_id: string | null;
  activity_name: string | null;
  activity_kind: string | null;
  day: string | null;
  /** 'add' | 'cancel' | 'wait' for booking lines. */
  action: string | null;
  unit_price_cents: number;
  amount_cents: number;
  price_label: string;
  /** 0/1: a place is held in activity_days for this line while the payment runs. */
  held: number;
  /** After the payment: 'booked' | 'waiting' | 'cancelled' | 'failed:<reason>' | 'settled' | 'released'. */
  outcome: string | null;
}

/** Every notification or poll answer received, deduplicated by (provider, event_key): Stripe event ids, etc. */
export interface PaymentEventTable {
  id: string;
  provider: string;
  event_key: string;
  transaction_id: string | null;
  kind: string;
  payload: string;
  received_at: string;
}

/** For staff: a result that matches nothing we expect. Never a booking. */
export interface PaymentAnomalyTable {
  id: string;
  dedupe_key: string;
  provider: string;
  /** 'unknown_reference' | 'amount_mismatch' | 'reference_mismatch' | 'paid_after_close' | 'invalid_amount' */
  kind: string;
  reference: string | null;
  transaction_id: string | null;
  family_id: string | null;
  amount_cents: number | null;
  expected_cents: number | null;
  details: string;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution: string | null;
}

/** Numbering series (receipts per year): updated in the transaction that uses the number, so no gap and no double. */
export interface PaymentCounterTable {
  name: string;
  value: number;
}

/** The built-in fake bank's payment pages (PAYMENT_PROVIDER=demo): in the database, so several processes agree. */
export interface DemoBankSessionTable {
  id: string;
  reference: string;
  amount_cents: number;
  description: string;
  return_url: string;
  notify_url: string;
  /** 'open' | 'paid' | 'refused' | 'abandoned' | 'expired' */
  status: string;
  created_at: string;
  expires_at: string;
  decided_at: string | null;
}

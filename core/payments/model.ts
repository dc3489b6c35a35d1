/**
 * Online payment, provider-agnostic. A payment transaction pays one or several payables (a basket's prepaid lines;
 * later invoices) through one provider; its lines are the snapshot of what is paid, taken when the parent clicked
 * « Payer ». Money is integer cents, instants ISO-8601 UTC text, days 'YYYY-MM-DD'.
 */
import type { ActivityKind, BasketAction } from '../booking/model';

export type ProviderId = 'demo' | 'payfip' | 'stripe';
/** 'credit': nothing to charge (the family's credit covered everything), no provider involved. */
export type TransactionProvider = ProviderId | 'credit';

/** started → waiting → paid | denied | cancelled | expired | error (DESIGN.md). */
export type TransactionState = 'started' | 'waiting' | 'paid' | 'denied' | 'cancelled' | 'expired' | 'error';
export const RUNNING_STATES = ['started', 'waiting'] as const satisfies readonly TransactionState[];
export const FINAL_STATES = ['paid', 'denied', 'cancelled', 'expired', 'error'] as const satisfies readonly TransactionState[];
export type FinalState = (typeof FINAL_STATES)[number];

export function isRunning(state: TransactionState): state is 'started' | 'waiting' {
  return state === 'started' || state === 'waiting';
}

export type PaymentPurpose = 'basket' | 'invoices';

export interface PaymentTransaction {
  id: string;
  reference: string;
  familyId: string;
  provider: TransactionProvider;
  providerRef: string | null;
  redirectUrl: string | null;
  state: TransactionState;
  /** Charged to the card (0 when the credit covered everything). */
  amountCents: number;
  /** Credit used (positive) or Restant dû carried into this payment (negative). */
  carriedCents: number;
  purpose: PaymentPurpose;
  payableKey: string;
  checkoutId: string;
  checkoutPosition: number;
  basketId: string | null;
  email: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  /** Places are held until then; past it, the poller ends the transaction. */
  expiresAt: string;
  settledAt: string | null;
  resultCode: string | null;
  resultDetail: string | null;
  receiptNumber: string | null;
  receiptSentAt: string | null;
  lastPolledAt: string | null;
}

export type PaymentLineKind = 'booking' | 'invoice' | 'carried';

export interface PaymentLine {
  id: string;
  transactionId: string;
  position: number;
  kind: PaymentLineKind;
  payableId: string | null;
  childId: string | null;
  childFirstName: string | null;
  activityId: string | null;
  activityName: string | null;
  activityKind: ActivityKind | null;
  day: string | null;
  action: BasketAction | null;
  unitPriceCents: number;
  /** Signed contribution to the total (a cancellation of a paid day gives back, a credit used lowers the total). */
  amountCents: number;
  /** The pricing rule in words (core/pricing explain), or what a carried line is. */
  priceLabel: string;
  held: boolean;
  /** 'booked' | 'waiting' | 'cancelled' | 'failed:<reason>' | 'settled' | 'released', once the payment ended. */
  outcome: string | null;
}

export type NewPaymentLine = Omit<PaymentLine, 'id' | 'transactionId' | 'position' | 'outcome'>;

export type AnomalyKind = 'unknown_reference' | 'amount_mismatch' | 'reference_mismatch' | 'paid_after_close' | 'invalid_amount';

export interface PaymentAnomaly {
  id: string;
  provider: string;
  kind: AnomalyKind;
  reference: string | null;
  transactionId: string | null;
  familyId: string | null;
  familyName: string | null;
  amountCents: number | null;
  expectedCents: number | null;
  details: Record<string, unknown>;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
}

/** A transaction with its lines, as the result page, the receipt and staff see it. */
export interface PaymentView {
  transaction: PaymentTransaction;
  lines: PaymentLine[];
  /** The other transactions of the same checkout (several invoices on PayFiP: one transaction each). */
  siblings: Pick<PaymentTransaction, 'id' | 'state' | 'amountCents' | 'checkoutPosition'>[];
}

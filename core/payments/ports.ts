/**
 * What the payment use cases need: a provider adapter (adapters/payment/{demo,payfip,stripe}.ts), storage
 * (adapters/db/repositories/{payments,credits}.ts) bound to one transaction together with the booking repositories,
 * a clock, a mailer, and the links put in e-mails and sent to providers.
 */
import type { BookingCalendar } from '../booking/activity';
import type { BookingRepositories, PlanningRepository } from '../booking/ports';
import type { InvoicingRepository } from '../invoicing/ports';
import type { Clock, Mailer } from '../ports';
import type {
  AnomalyKind, NewPaymentLine, PaymentAnomaly, PaymentLine, PaymentPurpose, PaymentTransaction, ProviderId, TransactionProvider,
  TransactionState,
} from './model';
import type { ProviderStatus } from './state';

// ---------------------------------------------------------------------------------------------------------------
// Providers

/** What a provider is asked to collect. */
export interface ProviderPayment {
  transactionId: string;
  /** 6–30 alphanumerics (PayFiP refdet). */
  reference: string;
  amountCents: number;
  /** The payer's e-mail (PayFiP `mel`, Stripe `customer_email`). */
  email: string | null;
  /** Short ASCII-safe description (PayFiP `objet`). */
  description: string;
  /** Financial year (PayFiP `exer`). */
  year: number;
  createdAt: string;
  expiresAt: string;
  urls: {
    /** Server-to-server notification. */
    notify: string;
    /** Where the parent's browser comes back, whatever happened. */
    return: string;
  };
}

export interface StartedPayment {
  providerRef: string;
  redirectUrl: string;
}

/** A provider's answer about one payment (poll or trusted notification). */
export interface ProviderResult {
  /** 'unknown': the provider does not know this payment (never a booking). */
  status: ProviderStatus | 'unknown';
  reference?: string;
  providerRef?: string;
  /** What the provider says was collected; anything but a non-negative integer of cents is an anomaly. */
  amount?: unknown;
  /** Provider code (PayFiP resultrans or error code, Stripe payment_status…). */
  code?: string;
  detail?: string;
}

export interface NotificationRequest {
  method: string;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  query: URLSearchParams;
  /** The body exactly as received (signatures are computed on it). */
  rawBody: string;
}

export type NotificationVerdict =
  /** A result we can trust as is (a verified signature). */
  | { kind: 'result'; eventId: string; eventType: string; result: ProviderResult }
  /** A ping naming a payment: ask the provider (poll) for the trusted answer (PayFiP, demo bank). */
  | { kind: 'check'; providerRef: string }
  /** A genuine event we do not act on. */
  | { kind: 'ignore'; eventId: string; eventType: string }
  /** Forged, unsigned or malformed: refused. */
  | { kind: 'reject'; status: 400 | 401 | 404; reason: string };

export interface PaymentProvider {
  readonly id: ProviderId;
  /** Amounts the provider accepts (PayFiP: 1 € to 100,000 €). */
  readonly limits: { minCents: number; maxCents: number };
  /** PayFiP: one transaction per invoice when several are paid. */
  readonly onePayablePerTransaction: boolean;
  /** The return page may ask the provider (poll) before showing the result; Stripe fulfils from webhooks only. */
  readonly pollOnReturn: boolean;
  /** start() can be called again with the same transaction and gives the same payment (Stripe idempotency key). */
  readonly idempotentStart: boolean;
  start(payment: ProviderPayment): Promise<StartedPayment>;
  handleNotification(request: NotificationRequest): Promise<NotificationVerdict>;
  poll(ref: { reference: string; providerRef: string; createdAt: string }, now: Date): Promise<ProviderResult>;
  /** Tries to end a running payment at the provider (expiry); answers what the provider then says. */
  cancel?(ref: { reference: string; providerRef: string; createdAt: string }, now: Date): Promise<ProviderResult>;
}

/** The provider refused to start the payment (PayFiP functional error R3…): nothing was charged. */
export class ProviderRefusedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ProviderRefusedError';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Storage

export interface NewTransaction {
  reference: string;
  familyId: string;
  provider: TransactionProvider;
  state: TransactionState;
  amountCents: number;
  carriedCents: number;
  purpose: PaymentPurpose;
  payableKey: string;
  checkoutId: string;
  checkoutPosition: number;
  basketId: string | null;
  email: string | null;
  createdBy: string | null;
  expiresAt: string;
}

export interface PaymentRepository {
  /** Inserts the transaction (false when another running one holds the payable: the unique index decides). */
  create(tx: NewTransaction & { id: string }, now: Date): Promise<boolean>;
  addLines(transactionId: string, lines: readonly NewPaymentLine[]): Promise<void>;
  find(id: string): Promise<PaymentTransaction | null>;
  findByReference(reference: string): Promise<PaymentTransaction | null>;
  findByProviderRef(provider: ProviderId, providerRef: string): Promise<PaymentTransaction | null>;
  /** The running transaction paying that payable, if any. */
  findRunning(payableKey: string): Promise<PaymentTransaction | null>;
  runningForFamily(familyId: string): Promise<PaymentTransaction[]>;
  lines(transactionId: string): Promise<PaymentLine[]>;
  checkout(checkoutId: string): Promise<PaymentTransaction[]>;
  /**
   * The one conditional state change: from one of `from` to `to` (with the result); false when the transaction was
   * no longer in `from` (someone else moved it first: do nothing).
   */
  transition(
    id: string,
    from: readonly TransactionState[],
    to: TransactionState,
    details: { now: Date; resultCode?: string | null; resultDetail?: string | null; settled?: boolean },
  ): Promise<boolean>;
  /** After the provider accepted the payment: its id and page (only while started). */
  attachProvider(id: string, providerRef: string, redirectUrl: string, now: Date): Promise<boolean>;
  setLineOutcome(lineId: string, outcome: string): Promise<void>;
  setReceiptNumber(id: string, receiptNumber: string): Promise<void>;
  /** Claims the receipt e-mail (conditional update): true for the one caller that may send it. */
  claimReceipt(id: string, now: Date): Promise<boolean>;
  releaseReceipt(id: string): Promise<void>;
  /** Paid transactions whose receipt was not sent (a crash after commit, a mail server down). */
  unsentReceipts(limit: number): Promise<PaymentTransaction[]>;
  /** Running transactions, oldest first (the poller). */
  running(limit: number): Promise<PaymentTransaction[]>;
  markPolled(id: string, now: Date): Promise<void>;
  hasEvent(provider: string, key: string): Promise<boolean>;
  /** Records a notification / answer; false when (provider, key) was already recorded (a replay). */
  recordEvent(event: { provider: string; key: string; transactionId: string | null; kind: string; payload: unknown }, now: Date): Promise<boolean>;
  /** Records an anomaly once per dedupe key; false when it was already listed. */
  recordAnomaly(anomaly: {
    dedupeKey: string;
    provider: string;
    kind: AnomalyKind;
    reference: string | null;
    transactionId: string | null;
    familyId: string | null;
    amountCents: number | null;
    expectedCents: number | null;
    details: Record<string, unknown>;
  }, now: Date): Promise<boolean>;
  anomalies(options: { resolved: boolean; limit: number }): Promise<PaymentAnomaly[]>;
  resolveAnomaly(id: string, by: string, resolution: string, now: Date): Promise<boolean>;
  /** Next number of a series ('receipt-2026'), in the caller's transaction: no gap, no double. */
  nextNumber(series: string): Promise<number>;
  familyTransactions(familyId: string, limit: number): Promise<PaymentTransaction[]>;
}

export interface CreditMovement {
  id: string;
  familyId: string;
  amountCents: number;
  kind: string;
  label: string;
  transactionId: string | null;
  createdAt: string;
}

export interface CreditRepository {
  /** Credit (positive) or amount owed (negative); 0 for a family never credited. */
  balance(familyId: string): Promise<number>;
  /**
   * Moves the balance by `amountCents` and records the movement. With `expectedBalance`, only if the balance still is
   * that (a conditional update): false when it changed in between (another payment used the credit first).
   */
  move(input: { familyId: string; amountCents: number; kind: string; label: string; transactionId: string | null; expectedBalance?: number }, now: Date): Promise<boolean>;
  movements(familyId: string, limit: number): Promise<CreditMovement[]>;
}

export interface PaymentRepositories extends BookingRepositories {
  payments: PaymentRepository;
  credits: CreditRepository;
  /** Invoices paid online are settled in the payment's transaction (core/invoicing/payable.ts). */
  invoicing: InvoicingRepository;
}

export interface PaymentStore extends PaymentRepositories {
  /** One transaction, retried as a whole after a deadlock or a busy database: keep `work` free of network I/O. */
  transaction<T>(work: (repos: PaymentRepositories) => Promise<T>): Promise<T>;
}

// ---------------------------------------------------------------------------------------------------------------
// Other payables (the invoicing issue plugs invoices in here)

export interface PayableLine {
  payableId: string;
  /** « Facture 2026-000123 (novembre 2026) » */
  label: string;
  amountCents: number;
}

/**
 * Something else than a basket that a family pays online: invoices. Both methods run inside the payment's database
 * transaction, with the repositories the store binds to it.
 */
export interface PayableSource {
  readonly kind: 'invoice';
  /** What each payable costs now, checked to belong to the family and to be payable; an error code otherwise. */
  describe(repos: PaymentRepositories, familyId: string, ids: readonly string[]): Promise<{ ok: true; lines: PayableLine[] } | { ok: false; error: string }>;
  /** The payment is recorded: mark these payables paid (same transaction). */
  settle(repos: PaymentRepositories, familyId: string, lines: readonly PaymentLine[], transaction: PaymentTransaction, now: Date): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------

export interface PaymentSettings {
  /** How long prepaid lines hold their places while the parent pays. */
  holdMinutes: number;
  /** An open basket expires this long after its last change (lines given back to it after a failed payment). */
  basketTtlHours: number;
}

export const DEFAULT_PAYMENT_SETTINGS: PaymentSettings = { holdMinutes: 30, basketTtlHours: 72 };

export interface PaymentDeps {
  store: PaymentStore;
  provider: PaymentProvider;
  calendar: { current(): Promise<BookingCalendar> };
  clock: Clock;
  mailer: Mailer;
  /** Absolute URLs: the notification endpoint of a provider, the browser's return, the result page, the recap. */
  links: {
    notify(provider: ProviderId): string;
    return(transactionId: string): string;
    result(transactionId: string): string;
    recap: string;
    planning: string;
  };
  /** The commune's name, for the e-mails. */
  communeName?: () => Promise<string | null>;
  payables?: { invoice?: PayableSource };
  settings?: Partial<PaymentSettings>;
  /** Failures after commit (mails) and provider errors in the background: reported, never thrown. */
  onError?: (error: unknown, context: string) => void;
}

export type { PlanningRepository };

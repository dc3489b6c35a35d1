/**
 * What invoicing needs from storage (adapters/db/repositories/invoicing.ts), bound to one transaction together with
 * the planning (activities, price grids), the family's credit (core/payments) and the audit log.
 */
import type { PlainDate } from '../calendar';
import type { PlanningRepository } from '../booking/ports';
import type { CreditRepository } from '../payments/ports';
import type { AuditLog, Clock, Mailer } from '../ports';
import type { BillableDay, BillingFamily, DraftLine } from './compute';
import type { Month } from './month';
import type { Series } from './numbering';

export type InvoiceStatus = 'open' | 'paid' | 'cancelled';

export interface InvoiceRun {
  id: string;
  regie: string;
  month: Month;
  status: 'running' | 'done';
  issueDate: PlainDate;
  dueDate: PlainDate;
  familiesTotal: number;
  familiesDone: number;
  invoicesIssued: number;
  startedBy: string;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface Invoice {
  id: string;
  familyId: string;
  regie: string;
  series: Series;
  year: number;
  number: number;
  reference: string;
  month: Month;
  runId: string | null;
  issueDate: PlainDate;
  dueDate: PlainDate;
  payerName: string;
  payerAddress: string[];
  familyFileNumber: string;
  totalCents: number;
  paidCents: number;
  creditedCents: number;
  /** total − paid − credited */
  openCents: number;
  status: InvoiceStatus;
  mandateId: string | null;
  debitDate: PlainDate | null;
  emailedAt: string | null;
  createdAt: string;
}

export interface InvoiceLine extends DraftLine {
  id: string;
  position: number;
}

export interface CreditNote {
  id: string;
  invoiceId: string;
  familyId: string;
  reference: string;
  amountCents: number;
  reason: string;
  issueDate: PlainDate;
  createdAt: string;
}

export type EntryKind = 'invoice' | 'credit_applied' | 'payment' | 'payment_cancelled' | 'credit_note' | 'debit' | 'debit_rejected';
export type MoneySource = 'credit' | 'regie' | 'online' | 'sepa' | 'credit_note';

export interface AccountEntry {
  id: string;
  familyId: string;
  at: string;
  kind: EntryKind;
  /** Signed: + the family owes more, − less. */
  amountCents: number;
  label: string;
  invoiceId: string | null;
  sourceKind: MoneySource | null;
  sourceId: string | null;
}

export interface AllocationRecord {
  id: string;
  invoiceId: string;
  familyId: string;
  sourceKind: MoneySource;
  sourceId: string;
  amountCents: number;
  createdAt: string;
  reversedAt: string | null;
}

export type RegieMethod = 'especes' | 'cheque' | 'cesu' | 'carte';

export interface RegiePayment {
  id: string;
  familyId: string;
  regie: string;
  receiptNumber: string;
  method: RegieMethod;
  amountCents: number;
  receivedOn: PlainDate;
  reference: string;
  payerName: string;
  creditedCents: number;
  status: 'recorded' | 'cancelled';
  cancelReason: string | null;
  cancelledAt: string | null;
  createdBy: string;
  createdAt: string;
}

/** What the run writes; amounts paid and credited start at 0, the status follows from them. */
export type NewInvoice = Pick<
  Invoice,
  | 'id'
  | 'familyId'
  | 'regie'
  | 'series'
  | 'year'
  | 'number'
  | 'reference'
  | 'month'
  | 'runId'
  | 'issueDate'
  | 'dueDate'
  | 'payerName'
  | 'payerAddress'
  | 'familyFileNumber'
  | 'totalCents'
  | 'mandateId'
  | 'debitDate'
>;

export interface InvoicingRepository {
  // Runs
  findRun(regie: string, month: Month): Promise<InvoiceRun | null>;
  runs(regie: string, limit: number): Promise<InvoiceRun[]>;
  /** false when the month already has a run (the unique index decides). */
  createRun(
    run: Omit<InvoiceRun, 'familiesDone' | 'invoicesIssued' | 'updatedAt' | 'finishedAt' | 'status'> & { leaseUntil: string },
  ): Promise<boolean>;
  /** Takes the run for this issuer: only when it is running and nobody holds it (lease expired). */
  claimRun(id: string, now: Date, leaseUntil: string): Promise<boolean>;
  progressRun(id: string, progress: { familiesDone: number; invoicesIssued: number }, now: Date, leaseUntil: string): Promise<void>;
  finishRun(id: string, now: Date): Promise<void>;

  // What to bill
  /** Families with a reserved booking or an attendance mark in [from, to], by file number. */
  billableFamilyIds(from: PlainDate, to: PlainDate): Promise<string[]>;
  billingFamilies(familyIds: readonly string[]): Promise<BillingFamily[]>;
  billableDays(familyIds: readonly string[], from: PlainDate, to: PlainDate): Promise<(BillableDay & { familyId: string })[]>;
  /** The families' active mandates, by family (their invoices announce the debit). */
  activeMandates(familyIds: readonly string[]): Promise<Map<string, { id: string }>>;

  // Invoices
  invoicedFamilies(regie: string, month: Month, familyIds: readonly string[]): Promise<Set<string>>;
  /** Next number of a counter, in the caller's transaction: no gap, no double (a rollback gives it back). */
  nextNumber(counter: string): Promise<number>;
  /** Reserves `count` consecutive numbers at once (same guarantees); returns the first. */
  reserveNumbers(counter: string, count: number): Promise<number>;
  insertInvoices(invoices: readonly { invoice: NewInvoice; lines: readonly DraftLine[] }[], now: Date): Promise<void>;
  /** The families among these whose credit is positive. */
  positiveBalances(familyIds: readonly string[]): Promise<Set<string>>;
  invoice(id: string): Promise<Invoice | null>;
  invoiceByReference(reference: string): Promise<Invoice | null>;
  lines(invoiceId: string): Promise<InvoiceLine[]>;
  familyInvoices(familyId: string): Promise<Invoice[]>;
  openInvoices(familyId: string): Promise<Invoice[]>;
  /** Moves the paid and credited amounts (conditional: never above the total); false when it would overflow. */
  adjustInvoice(id: string, delta: { paidCents?: number; creditedCents?: number }, now: Date): Promise<boolean>;
  creditNotes(invoiceId: string): Promise<CreditNote[]>;
  creditNote(id: string): Promise<CreditNote | null>;
  insertCreditNote(note: CreditNote & { regie: string; series: Series; year: number; number: number; createdBy: string }): Promise<void>;

  // The account
  addEntry(entry: Omit<AccountEntry, 'id'>): Promise<void>;
  addEntries(entries: readonly Omit<AccountEntry, 'id'>[]): Promise<void>;
  entries(familyId: string): Promise<AccountEntry[]>;
  /** Σ of the family's entries: what it owes on invoices. */
  owedOnInvoices(familyId: string): Promise<number>;
  addAllocation(allocation: Omit<AllocationRecord, 'id' | 'reversedAt'>): Promise<void>;
  allocationsOf(sourceKind: MoneySource, sourceId: string): Promise<AllocationRecord[]>;
  invoiceAllocations(invoiceId: string): Promise<AllocationRecord[]>;
  reverseAllocation(id: string, reason: string, now: Date): Promise<boolean>;

  // Régie
  insertRegiePayment(payment: RegiePayment): Promise<void>;
  regiePayment(id: string): Promise<RegiePayment | null>;
  familyRegiePayments(familyId: string): Promise<RegiePayment[]>;
  regiePayments(regie: string, from: PlainDate, to: PlainDate): Promise<(RegiePayment & { familyName: string; fileNumber: string })[]>;
  cancelRegiePayment(id: string, reason: string, by: string, now: Date): Promise<boolean>;

  // E-mails
  /** Claims up to `limit` issued invoices not yet e-mailed (conditional update): each is sent by one process. */
  claimInvoiceEmails(limit: number, now: Date): Promise<Invoice[]>;
  releaseInvoiceEmail(id: string): Promise<void>;
  familyEmails(familyId: string): Promise<string[]>;

  /** Open invoices due before `before` with at least `minOpenCents` left to pay (the titres to issue), oldest first. */
  overdueInvoices(before: PlainDate, minOpenCents: number): Promise<Invoice[]>;
  /** Open invoices already partly paid. */
  partlyPaidInvoices(limit: number): Promise<Invoice[]>;
  /** Families holding a credit (money received and not put on any invoice). */
  familiesWithCredit(limit: number): Promise<{ familyId: string; familyName: string; fileNumber: string; creditCents: number }[]>;

  /** Childcare (not meals) paid for a child in a calendar year, by month: paid invoices' lines and prepaid bookings. */
  childcarePaid(childId: string, year: number): Promise<{ month: Month; cents: number }[]>;
}

export interface SepaMandate {
  id: string;
  familyId: string;
  rum: string;
  holderName: string;
  iban: string;
  bic: string;
  signedOn: PlainDate;
  status: 'active' | 'revoked';
  createdAt: string;
  revokedAt: string | null;
}

export interface SepaDebit {
  id: string;
  batchId: string;
  invoiceId: string;
  invoiceReference: string;
  mandateId: string;
  familyId: string;
  endToEndId: string;
  sequence: 'FRST' | 'RCUR';
  amountCents: number;
  status: 'submitted' | 'rejected';
  rejectCode: string | null;
  rejectReason: string | null;
  rejectedAt: string | null;
  collectionDate: PlainDate;
  createdAt: string;
}

export interface SepaBatch {
  id: string;
  messageId: string;
  collectionDate: PlainDate;
  debitCount: number;
  totalCents: number;
  createdBy: string;
  createdAt: string;
}

export interface SepaRepository {
  familyMandates(familyId: string): Promise<SepaMandate[]>;
  mandate(id: string): Promise<SepaMandate | null>;
  /** Several mandates at once (any status). */
  mandates(ids: readonly string[]): Promise<SepaMandate[]>;
  insertMandate(mandate: SepaMandate & { createdBy: string }): Promise<void>;
  revokeMandate(id: string, now: Date): Promise<boolean>;
  /** The family's open invoices due on or after `from` will be debited on their due date under this mandate. */
  attachOpenInvoices(familyId: string, mandateId: string, from: PlainDate, now: Date): Promise<number>;
  /** Open invoices announced for debit under this mandate and not yet in a batch go back to being paid otherwise. */
  detachOpenInvoices(mandateId: string, now: Date): Promise<number>;
  /** Open invoices of families with an active mandate, whose debit date is on or before `until`, not already in a debit. */
  invoicesToDebit(until: PlainDate): Promise<{ invoice: Invoice; mandate: SepaMandate }[]>;
  mandateDebits(mandateId: string): Promise<SepaDebit[]>;
  insertBatch(batch: SepaBatch & { xml: string }): Promise<void>;
  insertDebit(
    debit: Omit<SepaDebit, 'invoiceReference' | 'collectionDate' | 'rejectCode' | 'rejectReason' | 'rejectedAt' | 'status'>,
  ): Promise<void>;
  batches(limit: number): Promise<SepaBatch[]>;
  batchXml(id: string): Promise<{ batch: SepaBatch; xml: string } | null>;
  debitsByEndToEnd(ids: readonly string[]): Promise<SepaDebit[]>;
  batchDebits(batchId: string): Promise<SepaDebit[]>;
  familyDebits(familyId: string): Promise<SepaDebit[]>;
  rejectDebit(id: string, code: string | null, reason: string, now: Date): Promise<boolean>;
}

export interface InvoicingRepositories {
  invoicing: InvoicingRepository;
  sepa: SepaRepository;
  credits: CreditRepository;
  planning: Pick<PlanningRepository, 'activities' | 'priceGrids'>;
  audit: AuditLog;
}

export interface InvoicingStore extends InvoicingRepositories {
  /** One transaction, retried as a whole after a deadlock or a busy database. */
  transaction<T>(work: (repos: InvoicingRepositories) => Promise<T>): Promise<T>;
}

export interface InvoicingDeps {
  store: InvoicingStore;
  clock: Clock;
  mailer: Mailer;
  /** The régie's code (numbering series are per régie). */
  regie: string;
  /** The commune and régie as printed on invoices. */
  issuer: () => Promise<{ communeName: string; regieName: string; address: string; contactEmail: string }>;
  /** Renders an invoice's PDF (adapters/pdf), for the e-mail. */
  renderInvoicePdf?: (invoiceId: string) => Promise<Uint8Array | null>;
  /** Where the family reads and pays its invoices. */
  links: { invoices: string };
  onError?: (error: unknown, context: string) => void;
}

export interface Actor {
  /** null for the CLI. */
  userId: string | null;
  label: string;
  ip?: string | null;
}

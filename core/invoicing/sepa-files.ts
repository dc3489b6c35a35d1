/**
 * The SEPA files as the use cases see them (core/invoicing/sepa.ts): what a pain.008 batch carries, what a pain.002
 * report says. The adapters (adapters/sepa) write and read the XML.
 */
import type { PlainDate } from '../calendar';
import type { SequenceType } from './sepa-mandate';

export interface Pain008Creditor {
  name: string;
  iban: string;
  bic?: string | null;
  /** ICS, e.g. FR72ZZZ123456. */
  creditorId: string;
}

export interface Pain008Debit {
  /** Our reference of this debit, sent back by the bank in a reject (pain.002 OrgnlEndToEndId). */
  endToEndId: string;
  amountCents: number;
  /** RUM. */
  mandateId: string;
  mandateSignedOn: PlainDate;
  sequence: SequenceType;
  debtorName: string;
  debtorIban: string;
  debtorBic?: string | null;
  /** What the debtor reads on the bank statement, e.g. « Facture 2026-000123 novembre 2026 ». */
  remittanceInfo: string;
}

export interface Pain008Batch {
  /** Unique per creditor; the package derives the block and instruction ids from it, hence 20 characters at most. */
  messageId: string;
  createdAt: Date;
  collectionDate: PlainDate;
  creditor: Pain008Creditor;
  debits: readonly Pain008Debit[];
}

export interface Pain008File {
  xml: string;
  transactionCount: number;
  totalCents: number;
  bySequence: Record<SequenceType, { count: number; totalCents: number }>;
}

export interface Pain002Reject {
  originalEndToEndId: string;
  originalMessageId: string;
  originalPaymentInfoId: string | null;
  status: 'RJCT';
  /** ISO reason code (AM04, MD01, AC04…), or the bank's proprietary code; null when the bank gave none. */
  reasonCode: string | null;
  reasonLabel: string;
  /** The debit's amount as the bank repeats it, null when absent. */
  amountCents: number | null;
}

/** A whole file or payment block rejected without a list of transactions: every debit in it is rejected. */
export interface Pain002BlockRejection {
  originalMessageId: string;
  /** Null when the whole file was rejected. */
  originalPaymentInfoId: string | null;
  reasonCode: string | null;
  reasonLabel: string;
}

export interface Pain002Report {
  messageId: string;
  createdAt: string | null;
  originalMessageId: string;
  rejects: Pain002Reject[];
  blockRejections: Pain002BlockRejection[];
}

export interface SepaFiles {
  /** Throws an error with `problems` (French sentences) when the batch cannot be written. */
  buildPain008(batch: Pain008Batch): Pain008File;
  /** Throws an error with a French message when the file is not a readable pain.002. */
  parsePain002(xml: string): Pain002Report;
}

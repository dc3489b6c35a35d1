/**
 * Wires monthly invoicing and the family's account (core/invoicing) to the adapters: the repositories bound to one
 * database transaction (retried after a deadlock or a busy database), the PDF renderers (adapters/pdf), the SEPA
 * files (adapters/sepa), the mailer and the clock. Runs started from the back office continue in the background of
 * this process; the CLI awaits them.
 */
import type { Kysely } from 'kysely';
import { auditLog } from '../adapters/db/repositories/audit';
import { creditRepository } from '../adapters/db/repositories/credits';
import { invoicingRepository } from '../adapters/db/repositories/invoicing';
import { organisationRepository } from '../adapters/db/repositories/organisation';
import { planningRepository } from '../adapters/db/repositories/planning';
import { sepaRepository } from '../adapters/db/repositories/sepa';
import type { Database } from '../adapters/db/schema';
import type { Store } from '../adapters/db/store';
import { renderChildcareAttestationPdf } from '../adapters/pdf/attestation-pdf';
import { renderInvoicePdf } from '../adapters/pdf/invoice-pdf';
import { parsePain002 } from '../adapters/sepa/pain002';
import { buildPain008 } from '../adapters/sepa/pain008';
import { familyAccount } from '../core/invoicing/account';
import { childcareAttestation } from '../core/invoicing/attestation';
import { issueCreditNote } from '../core/invoicing/credit-note';
import { creditNoteDocument, invoiceDocument, type Issuer } from '../core/invoicing/invoice-document';
import { sendInvoiceEmails } from '../core/invoicing/mail';
import type { Month } from '../core/invoicing/month';
import type { Actor, InvoicingDeps, InvoicingRepositories, InvoicingStore } from '../core/invoicing/ports';
import { cancelRegiePayment, recordRegiePayment, regieDocket, type RegiePaymentInput } from '../core/invoicing/regie';
import { continueInvoicing, planInvoicing, startInvoicing } from '../core/invoicing/run';
import {
  applyRejects,
  createDebitBatch,
  createMandate,
  importRejectFile,
  revokeMandate,
  type RejectInput,
  type SepaDeps,
} from '../core/invoicing/sepa';
import { receivables } from '../core/invoicing/receivables';
import type { Clock, Mailer } from '../core/ports';
import { retryTransaction } from './booking-service';

/** The single régie of a commune today; numbering series are per régie, so a second one only needs its own code. */
export const DEFAULT_REGIE = 'principale';

export const INVOICING_PATHS = { invoices: '/portail/facturation' } as const;

function repositories(db: Kysely<Database>): InvoicingRepositories {
  return {
    invoicing: invoicingRepository(db),
    sepa: sepaRepository(db),
    credits: creditRepository(db),
    planning: planningRepository(db),
    audit: auditLog(db),
  };
}

export function invoicingStore(db: Kysely<Database>, hooks: { beforeCommit?: () => void | Promise<void> } = {}): InvoicingStore {
  return {
    ...repositories(db),
    transaction: (work) =>
      retryTransaction(() =>
        db.transaction().execute(async (trx) => {
          const result = await work(repositories(trx));
          await hooks.beforeCommit?.();
          return result;
        }),
      ),
  };
}

export interface InvoicingWiring {
  store: Pick<Store, 'db'>;
  clock: Clock;
  mailer: Mailer;
  publicUrl: string;
  onError?: (error: unknown, context: string) => void;
  /** Tests: make a transaction fail just before its commit. */
  beforeCommit?: () => void | Promise<void>;
}

export function createInvoicingServices(wiring: InvoicingWiring) {
  const store = invoicingStore(wiring.store.db, { beforeCommit: wiring.beforeCommit });
  const organisation = organisationRepository(wiring.store.db);
  const issuer = async (): Promise<Issuer> => organisation.issuer();
  const report = (error: unknown, context: string) => wiring.onError?.(error, context);

  async function pdfOfInvoice(invoiceId: string): Promise<Uint8Array | null> {
    const invoice = await store.invoicing.invoice(invoiceId);
    if (!invoice) return null;
    const [lines, allocations, creditNotes, who, mandate] = await Promise.all([
      store.invoicing.lines(invoice.id),
      store.invoicing.invoiceAllocations(invoice.id),
      store.invoicing.creditNotes(invoice.id),
      issuer(),
      invoice.mandateId ? store.sepa.mandate(invoice.mandateId) : Promise.resolve(null),
    ]);
    return renderInvoicePdf(invoiceDocument({ invoice, lines, allocations, creditNotes, issuer: who, mandate }));
  }

  const deps: SepaDeps = {
    store,
    clock: wiring.clock,
    mailer: wiring.mailer,
    regie: DEFAULT_REGIE,
    issuer,
    renderInvoicePdf: pdfOfInvoice,
    links: { invoices: `${wiring.publicUrl}${INVOICING_PATHS.invoices}` },
    onError: report,
    files: { buildPain008, parsePain002 },
    creditor: async () => {
      const who = await organisation.issuer();
      return { name: who.regieName, iban: who.sepaIban, bic: who.sepaBic, creditorId: who.sepaCreditorId };
    },
  };

  /** Issues the run's invoices then e-mails them; errors are reported (the run can be resumed). */
  async function finishRun(runId: string, month: Month, onProgress?: Parameters<typeof continueInvoicing>[1]['onProgress']) {
    const run = await continueInvoicing(deps, { runId, month, onProgress });
    while ((await sendInvoiceEmails(deps, 50)) > 0);
    return run;
  }

  return {
    deps,
    plan: (month: unknown) => planInvoicing(deps, { month }),
    /** Opens (or takes over) the month's run and issues in the background. */
    async start(input: { month: unknown; dueDate?: unknown; actor: Actor }) {
      const started = await startInvoicing(deps, input);
      if (started.ok) void finishRun(started.value.id, started.value.month).catch((error: unknown) => report(error, 'invoicing.run'));
      return started;
    },
    /** Opens the month's run and waits until every invoice is issued and e-mailed (CLI, tests). */
    async runToEnd(input: {
      month: unknown;
      dueDate?: unknown;
      actor: Actor;
      onProgress?: Parameters<typeof continueInvoicing>[1]['onProgress'];
    }) {
      const started = await startInvoicing(deps, input);
      if (!started.ok) return started;
      return { ok: true as const, value: await finishRun(started.value.id, started.value.month, input.onProgress) };
    },
    /**
     * Runs whose issuer stopped (a restart, a crash: their lease passed) are taken over and finished (the jobs call
     * this); returns how many were resumed.
     */
    async resumeInterrupted() {
      let resumed = 0;
      for (const run of (await store.invoicing.runs(DEFAULT_REGIE, 24)).filter((r) => r.status === 'running')) {
        const taken = await startInvoicing(deps, {
          month: run.month,
          dueDate: run.dueDate,
          actor: { userId: null, label: run.startedBy, ip: null },
        });
        if (!taken.ok) continue;
        await finishRun(taken.value.id, taken.value.month);
        resumed++;
      }
      return resumed;
    },
    run: (month: Month) => store.invoicing.findRun(DEFAULT_REGIE, month),
    runs: () => store.invoicing.runs(DEFAULT_REGIE, 24),
    sendEmails: () => sendInvoiceEmails(deps, 50),

    account: (familyId: string) => familyAccount(store, familyId),
    /** The family as invoices name it (payer, address, file number); null when unknown. */
    family: async (familyId: string) => (await store.invoicing.billingFamilies([familyId]))[0] ?? null,
    familyInvoices: (familyId: string) => store.invoicing.familyInvoices(familyId),
    /** An invoice with its lines, money and credit notes; null when it is not that family's (when a family is given). */
    async invoice(invoiceId: string, familyId?: string) {
      const invoice = await store.invoicing.invoice(invoiceId);
      if (!invoice || (familyId !== undefined && invoice.familyId !== familyId)) return null;
      const [lines, allocations, creditNotes] = await Promise.all([
        store.invoicing.lines(invoice.id),
        store.invoicing.invoiceAllocations(invoice.id),
        store.invoicing.creditNotes(invoice.id),
      ]);
      return { invoice, lines, allocations, creditNotes };
    },
    async invoicePdf(invoiceId: string, familyId?: string) {
      const invoice = await store.invoicing.invoice(invoiceId);
      if (!invoice || (familyId !== undefined && invoice.familyId !== familyId)) return null;
      return { reference: invoice.reference, pdf: await pdfOfInvoice(invoice.id) };
    },
    async creditNotePdf(creditNoteId: string, familyId?: string) {
      const note = await store.invoicing.creditNote(creditNoteId);
      if (!note || (familyId !== undefined && note.familyId !== familyId)) return null;
      const invoice = (await store.invoicing.invoice(note.invoiceId))!;
      return { reference: note.reference, pdf: await renderInvoicePdf(creditNoteDocument({ note, invoice, issuer: await issuer() })) };
    },
    async attestationPdf(input: { familyId: string; childId: string; year: unknown }) {
      const result = await childcareAttestation(store, { ...input, issuer: await issuer(), now: wiring.clock.now() });
      if (!result.ok) return result;
      return { ok: true as const, value: { year: result.value.year, pdf: await renderChildcareAttestationPdf(result.value) } };
    },
    creditNote: (input: { invoiceId: string; amount: unknown; reason: unknown; actor: Actor }) => issueCreditNote(deps, input),

    recordPayment: (input: RegiePaymentInput) => recordRegiePayment(deps, input),
    cancelPayment: (input: { paymentId: string; reason: unknown; actor: Actor }) => cancelRegiePayment(deps, input),
    familyRegiePayments: (familyId: string) => store.invoicing.familyRegiePayments(familyId),
    /** How a régie payment was put on invoices (reversed ones included). */
    paymentAllocations: (paymentId: string) => store.invoicing.allocationsOf('regie', paymentId),
    docket: (month: Month) => regieDocket(deps, month),

    mandates: (familyId: string) => store.sepa.familyMandates(familyId),
    familyDebits: (familyId: string) => store.sepa.familyDebits(familyId),
    createMandate: (input: Parameters<typeof createMandate>[1]) => createMandate(deps, input),
    revokeMandate: (input: Parameters<typeof revokeMandate>[1]) => revokeMandate(deps, input),
    createBatch: (input: { collectionDate: unknown; actor: Actor }) => createDebitBatch(deps, input),
    batches: () => store.sepa.batches(50),
    batchXml: (id: string) => store.sepa.batchXml(id),
    batchDebits: (id: string) => store.sepa.batchDebits(id),
    importRejects: (input: { xml: string; actor: Actor }) => importRejectFile(deps, input),
    rejectByHand: (input: { rejects: RejectInput[]; actor: Actor }) => applyRejects(deps, { ...input, source: 'saisie manuelle' }),

    receivables: () => receivables(store, wiring.clock.now()),
  };
}

export type InvoicingServices = ReturnType<typeof createInvoicingServices>;
export type { InvoicingDeps };

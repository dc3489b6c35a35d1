/**
 * Direct debit (prélèvement SEPA): the family's mandate (IBAN/BIC checked, RUM generated, signature date), the batch
 * of debits for a collection date (a pain.008 file; the open invoices of families with an active mandate whose debit
 * date has come; FRST for a mandate's first debit, RCUR afterwards) — the money is put on the invoices when the batch
 * is made — and the bank's rejects (a pain.002 file, or one by hand) that reopen the invoices. A reject file naming a
 * debit we never sent is refused whole: nothing changes.
 */
import { addDays, isPlainDate, parisToday, type PlainDate } from '../calendar';
import { formatEuros } from '../pricing';
import { monthLabel } from './month';
import { putOnInvoices, takeBackFromInvoices } from './money-in';
import type { Actor, InvoicingDeps, SepaBatch, SepaMandate } from './ports';
import type { Pain008Debit, SepaFiles } from './sepa-files';
import { validateCreditor } from './sepa-creditor';
import { generateRum, sequenceTypeFor, validateMandate, type MandateField } from './sepa-mandate';
import { sepaReasonFr } from './sepa-reasons-fr';

export interface SepaDeps extends InvoicingDeps {
  files: SepaFiles;
  creditor: () => Promise<{ name: string; iban: string | null; bic: string | null; creditorId: string | null }>;
}

type Errors<F extends string> = Partial<Record<F, string>>;
export type SepaResult<T, F extends string = string> = { ok: true; value: T } | { ok: false; errors: Errors<F> };

/** A new mandate replaces the family's active one (revoked, kept). */
export async function createMandate(
  deps: InvoicingDeps,
  input: { familyId: string; holderName: unknown; iban: unknown; bic: unknown; signedOn: unknown; actor: Actor },
): Promise<SepaResult<SepaMandate, MandateField | 'family'>> {
  const now = deps.clock.now();
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const checked = validateMandate(
    { holderName: str(input.holderName), iban: str(input.iban), bic: str(input.bic), signedOn: str(input.signedOn) },
    parisToday(now),
  );
  if (!checked.ok) {
    // Nothing is stored; the attempt is recorded with the fields refused (never the IBAN typed).
    await deps.store.audit.record(
      {
        actorUserId: input.actor.userId,
        actorLabel: input.actor.label,
        action: 'sepa.mandate_refused',
        target: `family:${input.familyId.slice(0, 64)}`,
        ip: input.actor.ip ?? null,
        details: { fields: Object.keys(checked.errors) },
      },
      now,
    );
    return { ok: false, errors: checked.errors };
  }
  return deps.store.transaction(async (repos) => {
    const [family] = await repos.invoicing.billingFamilies([input.familyId]);
    if (!family) return { ok: false, errors: { family: 'Famille introuvable.' } };
    const previous = await repos.sepa.familyMandates(family.id);
    for (const old of previous.filter((m) => m.status === 'active')) await repos.sepa.revokeMandate(old.id, now);
    const mandate: SepaMandate = {
      id: crypto.randomUUID(),
      familyId: family.id,
      rum: generateRum({ prefix: 'TRT', fileNumber: family.fileNumber, sequence: previous.length + 1 }),
      holderName: checked.mandate.holderName,
      iban: checked.mandate.iban,
      bic: checked.mandate.bic ?? '',
      signedOn: checked.mandate.signedOn as PlainDate,
      status: 'active',
      createdAt: now.toISOString(),
      revokedAt: null,
    };
    await repos.sepa.insertMandate({ ...mandate, createdBy: input.actor.label });
    for (const old of previous.filter((m) => m.status === 'active')) await repos.sepa.detachOpenInvoices(old.id, now);
    // Invoices already issued and not yet due are debited on their due date from now on (shown in Mes prélèvements).
    const attached = await repos.sepa.attachOpenInvoices(family.id, mandate.id, addDays(parisToday(now), 1), now);
    await repos.audit.record(
      {
        actorUserId: input.actor.userId,
        actorLabel: input.actor.label,
        action: 'sepa.mandate_created',
        target: `family:${family.id}`,
        ip: input.actor.ip ?? null,
        details: { rum: mandate.rum, invoicesToDebit: attached },
      },
      now,
    );
    return { ok: true, value: mandate };
  });
}

export async function revokeMandate(deps: InvoicingDeps, input: { familyId: string; mandateId: string; actor: Actor }): Promise<boolean> {
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    const mandate = await repos.sepa.mandate(input.mandateId);
    if (!mandate || mandate.familyId !== input.familyId || !(await repos.sepa.revokeMandate(mandate.id, now))) return false;
    await repos.sepa.detachOpenInvoices(mandate.id, now);
    await repos.audit.record(
      {
        actorUserId: input.actor.userId,
        actorLabel: input.actor.label,
        action: 'sepa.mandate_revoked',
        target: `family:${input.familyId}`,
        ip: input.actor.ip ?? null,
        details: { rum: mandate.rum },
      },
      now,
    );
    return true;
  });
}

export type BatchField = 'collectionDate' | 'creditor' | 'debits';

/** Makes the batch for a collection date: at least tomorrow, within 60 days. */
export async function createDebitBatch(
  deps: SepaDeps,
  input: { collectionDate: unknown; actor: Actor },
): Promise<SepaResult<SepaBatch, BatchField>> {
  const now = deps.clock.now();
  const today = parisToday(now);
  const collectionDate = input.collectionDate;
  if (!isPlainDate(collectionDate) || collectionDate <= today || collectionDate > addDays(today, 60)) {
    return { ok: false, errors: { collectionDate: 'La date d’échéance du prélèvement doit être entre demain et dans 60 jours.' } };
  }
  const creditorSettings = await deps.creditor();
  const creditor = validateCreditor({
    name: creditorSettings.name,
    iban: creditorSettings.iban ?? '',
    bic: creditorSettings.bic ?? '',
    creditorId: creditorSettings.creditorId ?? '',
  });
  if (!creditor.ok) {
    return {
      ok: false,
      errors: {
        creditor: `Les coordonnées de créancier SEPA de la commune sont incomplètes : ${Object.values(creditor.errors).join(' ')}`,
      },
    };
  }
  return deps.store.transaction(async (repos): Promise<SepaResult<SepaBatch, BatchField>> => {
    const due = await repos.sepa.invoicesToDebit(collectionDate);
    if (due.length === 0) return { ok: false, errors: { debits: 'Aucune facture à prélever pour cette date.' } };
    const year = Number(today.slice(0, 4));
    const number = await repos.invoicing.nextNumber(`sepa-batch:${year}`);
    const messageId = `TRT${year}B${String(number).padStart(6, '0')}`;
    const batchId = crypto.randomUUID();
    const at = now.toISOString();
    const debits: (Pain008Debit & { id: string; invoiceId: string; mandate: SepaMandate })[] = [];
    const firstUsed = new Set<string>();
    for (const [index, { invoice, mandate }] of due.entries()) {
      // One FRST per mandate and batch: a second invoice of the same family waits for the next batch.
      const sequence = sequenceTypeFor(await repos.sepa.mandateDebits(mandate.id));
      if (sequence === 'FRST' && firstUsed.has(mandate.id)) continue;
      if (sequence === 'FRST') firstUsed.add(mandate.id);
      debits.push({
        id: crypto.randomUUID(),
        invoiceId: invoice.id,
        mandate,
        endToEndId: `${messageId}-${String(index + 1).padStart(5, '0')}`,
        amountCents: invoice.openCents,
        mandateId: mandate.rum,
        mandateSignedOn: mandate.signedOn,
        sequence,
        debtorName: mandate.holderName,
        debtorIban: mandate.iban,
        debtorBic: mandate.bic || null,
        remittanceInfo: `Facture ${invoice.reference} ${monthLabel(invoice.month)}`,
      });
    }
    let file;
    try {
      file = deps.files.buildPain008({ messageId, createdAt: now, collectionDate, creditor: creditor.creditor, debits });
    } catch (error) {
      const problems = (error as { problems?: readonly string[] }).problems;
      if (!problems) throw error;
      return { ok: false, errors: { debits: problems.join(' ') } };
    }
    const batch: SepaBatch = {
      id: batchId,
      messageId,
      collectionDate,
      debitCount: file.transactionCount,
      totalCents: file.totalCents,
      createdBy: input.actor.label,
      createdAt: at,
    };
    await repos.sepa.insertBatch({ ...batch, xml: file.xml });
    for (const debit of debits) {
      await repos.sepa.insertDebit({
        id: debit.id,
        batchId,
        invoiceId: debit.invoiceId,
        mandateId: debit.mandate.id,
        familyId: debit.mandate.familyId,
        endToEndId: debit.endToEndId,
        sequence: debit.sequence,
        amountCents: debit.amountCents,
        createdAt: at,
      });
      await putOnInvoices(
        repos,
        {
          familyId: debit.mandate.familyId,
          amountCents: debit.amountCents,
          source: 'sepa',
          sourceId: debit.id,
          label: `Prélèvement du ${collectionDate.split('-').reverse().join('/')}`,
          chosen: [debit.invoiceId],
        },
        now,
      );
    }
    await repos.audit.record(
      {
        actorUserId: input.actor.userId,
        actorLabel: input.actor.label,
        action: 'sepa.batch_created',
        target: `sepa:${messageId}`,
        ip: input.actor.ip ?? null,
        details: { debits: file.transactionCount, totalCents: file.totalCents, collectionDate },
      },
      now,
    );
    return { ok: true, value: batch };
  });
}

export interface RejectInput {
  endToEndId: string;
  reasonCode: string | null;
  reasonLabel: string;
}

export type RejectError = { ok: false; error: 'unreadable' | 'unknown_transactions' | 'nothing_to_reject'; detail: string };

/** Applies rejects: each debit is rejected once (a file imported twice changes nothing the second time). */
export async function applyRejects(
  deps: InvoicingDeps,
  input: { rejects: readonly RejectInput[]; actor: Actor; source: string },
): Promise<{ ok: true; value: { rejected: number; alreadyRejected: number; reopenedCents: number } } | RejectError> {
  const now = deps.clock.now();
  if (input.rejects.length === 0) return { ok: false, error: 'nothing_to_reject', detail: 'Le fichier ne contient aucun rejet.' };
  const known = await deps.store.sepa.debitsByEndToEnd(input.rejects.map((r) => r.endToEndId));
  const unknown = input.rejects.filter((r) => !known.some((d) => d.endToEndId === r.endToEndId)).map((r) => r.endToEndId);
  if (unknown.length > 0) {
    await deps.store.audit.record(
      {
        actorUserId: input.actor.userId,
        actorLabel: input.actor.label,
        action: 'sepa.rejects_refused',
        target: input.source,
        ip: input.actor.ip ?? null,
        details: { unknown: unknown.slice(0, 20) },
      },
      now,
    );
    return {
      ok: false,
      error: 'unknown_transactions',
      detail: `Transactions inconnues : ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? '…' : ''}. Aucun rejet n’a été appliqué.`,
    };
  }
  return deps.store.transaction(async (repos) => {
    let rejected = 0;
    let alreadyRejected = 0;
    let reopenedCents = 0;
    for (const reject of input.rejects) {
      const [debit] = await repos.sepa.debitsByEndToEnd([reject.endToEndId]);
      const reason = reject.reasonLabel || sepaReasonFr(reject.reasonCode);
      if (!debit || !(await repos.sepa.rejectDebit(debit.id, reject.reasonCode, reason, now))) {
        alreadyRejected++;
        continue;
      }
      reopenedCents += await takeBackFromInvoices(
        repos,
        { familyId: debit.familyId, source: 'sepa', sourceId: debit.id, label: `Prélèvement rejeté (${reason})`, reason },
        now,
      );
      rejected++;
    }
    await repos.audit.record(
      {
        actorUserId: input.actor.userId,
        actorLabel: input.actor.label,
        action: 'sepa.rejects_applied',
        target: input.source,
        ip: input.actor.ip ?? null,
        details: { rejected, alreadyRejected, reopened: formatEuros(reopenedCents) },
      },
      now,
    );
    return { ok: true, value: { rejected, alreadyRejected, reopenedCents } };
  });
}

/** Reads a pain.002 report and applies its rejects (a whole rejected block rejects every debit of that block). */
export async function importRejectFile(deps: SepaDeps, input: { xml: string; actor: Actor }): ReturnType<typeof applyRejects> {
  let report;
  try {
    report = deps.files.parsePain002(input.xml);
  } catch (error) {
    return { ok: false, error: 'unreadable', detail: error instanceof Error ? error.message : 'Fichier illisible.' };
  }
  const rejects: RejectInput[] = report.rejects.map((r) => ({
    endToEndId: r.originalEndToEndId,
    reasonCode: r.reasonCode,
    reasonLabel: r.reasonLabel,
  }));
  const batches = report.blockRejections.length > 0 ? await deps.store.sepa.batches(1000) : [];
  for (const block of report.blockRejections) {
    const batch = batches.find((b) => b.messageId === block.originalMessageId);
    if (!batch) {
      rejects.push({ endToEndId: `${block.originalMessageId} (fichier)`, reasonCode: block.reasonCode, reasonLabel: block.reasonLabel });
      continue;
    }
    for (const debit of await deps.store.sepa.batchDebits(batch.id)) {
      if (block.originalPaymentInfoId === null || block.originalPaymentInfoId.endsWith(`.${debit.sequence}`)) {
        rejects.push({ endToEndId: debit.endToEndId, reasonCode: block.reasonCode, reasonLabel: block.reasonLabel });
      }
    }
  }
  return applyRejects(deps, { rejects, actor: input.actor, source: `pain002:${report.messageId}` });
}

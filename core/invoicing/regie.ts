/**
 * The régie's desk: payments received in person (espèces, chèque, CESU, carte sur place) with a receipt number,
 * allocated to invoices (oldest first unless the agent names them; any excess becomes the family's credit, stated),
 * cancelled with a reason (the invoices reopen, the credit is taken back); and the monthly docket by method.
 */
import { isPlainDate, parisToday, addDays, type PlainDate } from '../calendar';
import { formatEuros, parseEuros } from '../pricing';
import type { AllocationPlan } from './allocation';
import { monthRange, type Month } from './month';
import { putOnInvoices, takeBackFromInvoices } from './money-in';
import type { Actor, InvoicingDeps, RegieMethod, RegiePayment } from './ports';

export const REGIE_METHODS: readonly RegieMethod[] = ['especes', 'cheque', 'cesu', 'carte'];
export const METHOD_LABEL: Record<RegieMethod, string> = {
  especes: 'Espèces',
  cheque: 'Chèque',
  cesu: 'CESU',
  carte: 'Carte bancaire sur place',
};
/** 100,000 € — far above any family's month; a typo guard. */
export const MAX_REGIE_PAYMENT_CENTS = 10_000_000;
const MAX_DAYS_BACK = 366;

export type FieldErrors = Partial<
  Record<'method' | 'amount' | 'receivedOn' | 'reference' | 'payerName' | 'invoices' | 'reason' | 'family', string>
>;

export type RegieResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export interface RegiePaymentInput {
  familyId: string;
  method: unknown;
  amount: unknown;
  receivedOn: unknown;
  reference: unknown;
  payerName: unknown;
  /** Invoices the payer named (optional: oldest first otherwise). */
  invoiceIds?: unknown;
  actor: Actor;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

export async function recordRegiePayment(
  deps: InvoicingDeps,
  input: RegiePaymentInput,
): Promise<RegieResult<{ payment: RegiePayment; plan: AllocationPlan }>> {
  const now = deps.clock.now();
  const today = parisToday(now);
  const errors: FieldErrors = {};
  const method = REGIE_METHODS.find((m) => m === input.method);
  if (!method) errors.method = 'Choisissez le moyen de paiement.';
  const amount = parseEuros(typeof input.amount === 'string' ? input.amount : '', MAX_REGIE_PAYMENT_CENTS);
  if (!amount.ok || amount.cents === 0)
    errors.amount = `Indiquez un montant en euros, supérieur à 0 et au plus ${formatEuros(MAX_REGIE_PAYMENT_CENTS)} (par exemple 42,50).`;
  const receivedOn = text(input.receivedOn);
  if (!isPlainDate(receivedOn) || receivedOn > today || receivedOn < addDays(today, -MAX_DAYS_BACK))
    errors.receivedOn = 'La date de réception doit être une date passée de moins d’un an, ou aujourd’hui.';
  const reference = text(input.reference).slice(0, 100);
  if ((method === 'cheque' || method === 'cesu') && reference === '')
    errors.reference = method === 'cheque' ? 'Indiquez le numéro du chèque.' : 'Indiquez les numéros des titres CESU.';
  const payerName = text(input.payerName).slice(0, 200);
  if (payerName === '') errors.payerName = 'Indiquez le nom du payeur.';
  const chosen = Array.isArray(input.invoiceIds) ? input.invoiceIds.filter((id): id is string => typeof id === 'string') : [];
  if (Object.keys(errors).length > 0 || !method || !amount.ok) return { ok: false, errors };

  return deps.store.transaction(async (repos) => {
    const [family] = await repos.invoicing.billingFamilies([input.familyId]);
    if (!family) return { ok: false, errors: { family: 'Famille introuvable.' } };
    if (chosen.length > 0) {
      const open = new Set((await repos.invoicing.openInvoices(input.familyId)).map((i) => i.id));
      if (chosen.some((id) => !open.has(id)))
        return { ok: false, errors: { invoices: 'Une des factures choisies n’est pas une facture à payer de cette famille.' } };
    }
    const year = Number(today.slice(0, 4));
    const receiptNumber = `Q${year}-${String(await repos.invoicing.nextNumber(`regie-receipt:${deps.regie}:${year}`)).padStart(6, '0')}`;
    const id = crypto.randomUUID();
    const plan = await putOnInvoices(
      repos,
      {
        familyId: input.familyId,
        amountCents: amount.cents,
        source: 'regie',
        sourceId: id,
        label: `Paiement ${METHOD_LABEL[method].toLowerCase()} reçu ${receiptNumber}`,
        chosen,
      },
      now,
    );
    const payment: RegiePayment = {
      id,
      familyId: input.familyId,
      regie: deps.regie,
      receiptNumber,
      method,
      amountCents: amount.cents,
      receivedOn: receivedOn as PlainDate,
      reference,
      payerName,
      creditedCents: plan.surplusCents,
      status: 'recorded',
      cancelReason: null,
      cancelledAt: null,
      createdBy: input.actor.label,
      createdAt: now.toISOString(),
    };
    await repos.invoicing.insertRegiePayment(payment);
    await repos.audit.record(
      {
        actorUserId: input.actor.userId,
        actorLabel: input.actor.label,
        action: 'regie.payment_recorded',
        target: `family:${input.familyId}`,
        ip: input.actor.ip ?? null,
        details: {
          receiptNumber,
          method,
          amountCents: amount.cents,
          allocations: plan.allocations.map((a) => a.reference),
          creditedCents: plan.surplusCents,
        },
      },
      now,
    );
    return { ok: true, value: { payment, plan } };
  });
}

export async function cancelRegiePayment(
  deps: InvoicingDeps,
  input: { paymentId: string; reason: unknown; actor: Actor },
): Promise<RegieResult<RegiePayment>> {
  const reason = text(input.reason).slice(0, 500);
  if (reason.length < 3) return { ok: false, errors: { reason: 'Indiquez le motif de l’annulation.' } };
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    const payment = await repos.invoicing.regiePayment(input.paymentId);
    if (!payment) return { ok: false, errors: { family: 'Paiement introuvable.' } };
    if (!(await repos.invoicing.cancelRegiePayment(payment.id, reason, input.actor.label, now)))
      return { ok: false, errors: { reason: 'Ce paiement est déjà annulé.' } };
    const label = `Annulation du paiement ${payment.receiptNumber} (${reason})`;
    await takeBackFromInvoices(repos, { familyId: payment.familyId, source: 'regie', sourceId: payment.id, label, reason }, now);
    if (payment.creditedCents > 0) {
      await repos.credits.move(
        { familyId: payment.familyId, amountCents: -payment.creditedCents, kind: 'regie_payment_cancelled', label, transactionId: null },
        now,
      );
    }
    await repos.audit.record(
      {
        actorUserId: input.actor.userId,
        actorLabel: input.actor.label,
        action: 'regie.payment_cancelled',
        target: `family:${payment.familyId}`,
        ip: input.actor.ip ?? null,
        details: { receiptNumber: payment.receiptNumber, amountCents: payment.amountCents, reason },
      },
      now,
    );
    return { ok: true, value: (await repos.invoicing.regiePayment(payment.id))! };
  });
}

export interface Docket {
  month: Month;
  payments: Awaited<ReturnType<InvoicingDeps['store']['invoicing']['regiePayments']>>;
  /** Recorded (not cancelled) payments, by method. */
  byMethod: { method: RegieMethod; label: string; count: number; totalCents: number }[];
  totalCents: number;
  cancelled: number;
}

/** The monthly payment docket (bordereau) of the régie. */
export async function regieDocket(deps: InvoicingDeps, month: Month): Promise<Docket> {
  const { from, to } = monthRange(month);
  const payments = await deps.store.invoicing.regiePayments(deps.regie, from, to);
  const recorded = payments.filter((p) => p.status === 'recorded');
  const byMethod = REGIE_METHODS.map((method) => {
    const rows = recorded.filter((p) => p.method === method);
    return { method, label: METHOD_LABEL[method], count: rows.length, totalCents: rows.reduce((sum, p) => sum + p.amountCents, 0) };
  });
  return {
    month,
    payments,
    byMethod,
    totalCents: byMethod.reduce((sum, m) => sum + m.totalCents, 0),
    cancelled: payments.length - recorded.length,
  };
}

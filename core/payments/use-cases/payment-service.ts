/**
 * Paying online, whatever the provider (ports.ts). The rules (DESIGN.md, « Nothing lost, nothing charged twice »):
 *
 *  - « Payer » takes the basket's prepaid lines out of the basket into a payment transaction, holds their places in
 *    the capacity counter, uses the family's credit first (or carries its Restant dû), all in one database
 *    transaction guarded by the basket's version: two concurrent « Payer » make one transaction, one provider call.
 *    Nothing is fully covered by credit? Then no card: the lines are applied at once.
 *  - The provider is called after that commit, never inside a database transaction.
 *  - A result (notification, poll) moves a transaction only while it runs (state.ts); on `paid`, with the amount we
 *    asked for, the lines become bookings in the same database transaction that records the payment; on refusal,
 *    abandon, expiry or error the places are released, the credit given back and the lines return to the basket.
 *  - A result we cannot match (unknown reference, other amount, success after the end) is an anomaly for staff.
 *  - The poller asks the provider about running transactions, so a crash between the bank's answer and our commit
 *    loses nothing; the receipt e-mail is claimed by a conditional update, so it leaves once.
 */
import type { BasketLineRecord, NewBasketLine } from '../../booking/ports';
import { lineFailure, baseStateOf } from '../../booking/day-cells';
import { promotionMail } from '../../booking/messages-fr';
import { promoteFirstWaiting, type Promotion } from '../../booking/use-cases/apply-lines';
import type { ActivityKind, BasketAction } from '../../booking/model';
import type { BookingCalendar } from '../../booking/activity';
import { formatEuros, isCents } from '../../pricing';
import { receiptMail } from '../messages-fr';
import {
  isRunning, RUNNING_STATES, type FinalState, type NewPaymentLine, type PaymentAnomaly, type PaymentLine, type PaymentTransaction,
  type PaymentView, type ProviderId, type TransactionState,
} from '../model';
import {
  DEFAULT_PAYMENT_SETTINGS, ProviderRefusedError, type NotificationRequest, type PaymentDeps, type PaymentRepositories,
  type ProviderResult,
} from '../ports';
import { decide, isReference, newReference } from '../state';

export type PayError =
  | 'not_found'
  | 'stale_basket'
  | 'nothing_to_pay'
  | 'payment_running'
  | 'line_unavailable'
  | 'amount_too_small'
  | 'amount_too_large'
  | 'invalid_amount'
  | 'provider_refused'
  | 'provider_unavailable';

/** Where to send the parent: the provider's page, or our result page (nothing to charge, or already under way). */
export type PayOutcome = { kind: 'redirect'; url: string; transactionId: string } | { kind: 'result'; transactionId: string };

export type Result<T, E extends string> = { ok: true; value: T } | { ok: false; error: E; detail?: string };

export interface PayActor {
  userId: string;
  label: string;
  ip: string | null;
}

export interface PaymentService {
  readonly providerId: ProviderId;
  /** The family's credit (positive) or amount owed (negative), for the recap. */
  balance(familyId: string): Promise<number>;
  /** « Payer » on the basket's prepaid lines (basket id and version from the recap form). */
  payBasket(input: { familyId: string; basketId: string; version: number; actor: PayActor; email?: string | null }): Promise<Result<PayOutcome, PayError>>;
  /** Several invoices at once (the invoicing issue provides them): one transaction per invoice on PayFiP. */
  payInvoices(input: { familyId: string; invoiceIds: string[]; actor: PayActor; email?: string | null }): Promise<Result<PayOutcome, PayError>>;
  /** The next transaction of a checkout of several (PayFiP): started when the parent asks for it. */
  continueCheckout(input: { familyId: string; transactionId: string }): Promise<Result<PayOutcome, PayError>>;
  /** A provider's server-to-server notification: the HTTP answer to give. */
  notification(provider: string, request: NotificationRequest): Promise<{ status: number; body: string }>;
  /** A family's payment (null for another family's): asks the provider first when `refresh` and it is still running. */
  view(familyId: string, transactionId: string, options?: { refresh?: boolean }): Promise<PaymentView | null>;
  /** The family's running payments (the recap shows them). */
  running(familyId: string): Promise<PaymentTransaction[]>;
  /** Where a provider's return lands: the transaction (any family), to send the browser to its result page. */
  transactionForReturn(transactionId: string): Promise<PaymentTransaction | null>;
  /** The poller: asks the provider about running transactions, ends expired holds, sends pending receipts. */
  reconcile(limit?: number): Promise<{ checked: number; ended: number; receipts: number }>;
  anomalies(options?: { resolved?: boolean; limit?: number }): Promise<PaymentAnomaly[]>;
  resolveAnomaly(input: { id: string; actor: PayActor; resolution: string }): Promise<boolean>;
}

class Abort extends Error {
  constructor(
    readonly code: PayError,
    readonly detail?: string,
  ) {
    super(code);
  }
}

const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
const err = <E extends string>(error: E, detail?: string): { ok: false; error: E; detail?: string } =>
  detail === undefined ? { ok: false, error } : { ok: false, error, detail };

/** A PayFiP-safe description: ASCII letters, digits and spaces, 100 characters at most. */
export function paymentDescription(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’-]/g, ' ')
    .replace(/[^A-Za-z0-9 ]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
}

const cellKey = (line: { childId: string | null; activityId: string | null; day: string | null }) => `${line.childId}:${line.activityId}:${line.day}`;

export function createPaymentService(deps: PaymentDeps): PaymentService {
  const { store, clock, provider } = deps;
  const settings = { ...DEFAULT_PAYMENT_SETTINGS, ...deps.settings };
  const holdUntil = (now: Date) => new Date(now.getTime() + settings.holdMinutes * 60_000).toISOString();
  const basketExpiry = (now: Date) => new Date(now.getTime() + settings.basketTtlHours * 3_600_000).toISOString();
  const report = (error: unknown, context: string) => deps.onError?.(error, context);

  function amountError(cents: number): PayError | null {
    if (!isCents(cents)) return 'invalid_amount';
    if (cents < provider.limits.minCents) return 'amount_too_small';
    if (cents > provider.limits.maxCents) return 'amount_too_large';
    return null;
  }

  function carriedLine(carried: number, toPay: number, net: number): NewPaymentLine | null {
    if (carried === 0) return null;
    const label =
      toPay === 0 && net < 0 ? 'Avoir crédité sur votre compte' : carried > 0 ? 'Avoir utilisé' : 'Restant dû reporté sur ce paiement';
    return {
      kind: 'carried', payableId: null, childId: null, childFirstName: null, activityId: null, activityName: null, activityKind: null,
      day: null, action: null, unitPriceCents: Math.abs(carried), amountCents: -carried, priceLabel: label, held: false,
    };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Inside a database transaction: apply a payment, or end one without payment.

  /** `calendar` is read before the database transaction (SQLite has one connection: no read outside it from inside). */
  async function fulfil(
    repos: PaymentRepositories,
    tx: PaymentTransaction,
    now: Date,
    result: { code?: string | null; detail?: string | null },
    calendar: BookingCalendar,
  ) {
    if (!(await repos.payments.transition(tx.id, RUNNING_STATES, 'paid', { now, resultCode: result.code ?? null, resultDetail: result.detail ?? null, settled: true }))) {
      return null;
    }
    const lines = await repos.payments.lines(tx.id);
    const promotions: Promotion[] = [];
    const bookingLines = lines
      .filter((l) => l.kind === 'booking')
      .sort((a, b) => (a.activityId ?? '').localeCompare(b.activityId ?? '') || (a.day ?? '').localeCompare(b.day ?? '') || (a.childId ?? '').localeCompare(b.childId ?? ''));
    const activities = new Map((await repos.planning.activities([...new Set(bookingLines.map((l) => l.activityId!))])).map((a) => [a.id, a]));
    for (const line of bookingLines) {
      const booking = { childId: line.childId!, activityId: line.activityId!, day: line.day!, unitPriceCents: line.unitPriceCents };
      let outcome: string;
      if (line.action === 'add') {
        if (await repos.bookings.reserve(booking, now)) {
          outcome = 'booked';
        } else {
          if (line.held) await repos.bookings.releasePlace(booking.activityId, booking.day);
          outcome = 'failed:already_booked';
        }
      } else if (line.action === 'wait') {
        outcome = (await repos.bookings.enqueue(booking, now)) ? 'waiting' : 'failed:already_booked';
      } else {
        const existing = await repos.bookings.find(booking.childId, booking.activityId, booking.day);
        const base = baseStateOf(existing ?? undefined);
        if (existing && base === 'booked' && (await repos.bookings.changeStatus(existing.id, 'reserved', 'cancelled', now))) {
          await repos.bookings.releasePlace(booking.activityId, booking.day);
          outcome = 'cancelled';
          const activity = activities.get(booking.activityId);
          if (activity) {
            const promotion = await promoteFirstWaiting(repos, { activity, day: booking.day, now, calendar });
            if (promotion) promotions.push(promotion);
          }
        } else if (existing && base === 'waiting' && (await repos.bookings.changeStatus(existing.id, 'waiting', 'cancelled', now))) {
          outcome = 'cancelled';
        } else {
          outcome = 'failed:not_booked';
        }
      }
      await repos.payments.setLineOutcome(line.id, outcome);
      line.outcome = outcome;
      // Paid and not booked: the money stays the family's (a credit); a credit counted for a cancellation that did
      // not happen is taken back (an amount owed).
      if (outcome.startsWith('failed:') && line.amountCents !== 0) {
        await repos.credits.move(
          {
            familyId: tx.familyId,
            amountCents: line.amountCents,
            kind: line.amountCents > 0 ? 'unbooked_paid_day' : 'cancel_not_applied',
            label: `${line.childFirstName ?? ''} – ${line.activityName ?? ''} – ${line.day ?? ''} : ${line.amountCents > 0 ? 'payé mais non réservé' : 'annulation non appliquée'}`,
            transactionId: tx.id,
          },
          now,
        );
      }
    }
    const invoiceLines = lines.filter((l) => l.kind === 'invoice');
    if (invoiceLines.length > 0) {
      const source = deps.payables?.invoice;
      if (!source) throw new Error('invoice payment without an invoice source');
      await source.settle(repos, tx.familyId, invoiceLines, tx, now);
      for (const line of invoiceLines) await repos.payments.setLineOutcome(line.id, 'settled');
    }
    const year = now.toISOString().slice(0, 4);
    const number = await repos.payments.nextNumber(`receipt-${year}`);
    await repos.payments.setReceiptNumber(tx.id, `R${year}-${String(number).padStart(6, '0')}`);
    await repos.audit.record(
      {
        actorUserId: null,
        actorLabel: `paiement ${tx.provider}`,
        action: 'payment.paid',
        target: `family:${tx.familyId}`,
        details: { transactionId: tx.id, reference: tx.reference, amountCents: tx.amountCents, carriedCents: tx.carriedCents, lines: lines.length },
      },
      now,
    );
    return { promotions };
  }

  async function release(repos: PaymentRepositories, tx: PaymentTransaction, now: Date) {
    const lines = await repos.payments.lines(tx.id);
    for (const line of lines) {
      if (line.held && line.activityId && line.day) await repos.bookings.releasePlace(line.activityId, line.day);
      if (line.kind !== 'carried') await repos.payments.setLineOutcome(line.id, 'released');
    }
    if (tx.carriedCents !== 0) {
      await repos.credits.move(
        { familyId: tx.familyId, amountCents: tx.carriedCents, kind: 'carried_back', label: `Paiement ${tx.reference} non abouti`, transactionId: tx.id },
        now,
      );
    }
    if (tx.purpose === 'basket') await restoreBasket(repos, tx.familyId, lines.filter((l) => l.kind === 'booking'), now);
  }

  /** The lines come back to the family's open basket as they were (a cell changed in the meantime keeps its new line). */
  async function restoreBasket(repos: PaymentRepositories, familyId: string, lines: readonly PaymentLine[], now: Date) {
    if (lines.length === 0) return;
    const basket = await repos.baskets.openFor(familyId, now, basketExpiry(now));
    await repos.baskets.bump(basket.id, null, now);
    const present = new Set((await repos.baskets.lines(basket.id)).map((l) => cellKey(l)));
    const byChild = new Map<string, NewBasketLine[]>();
    for (const line of lines) {
      if (present.has(cellKey(line))) continue;
      const restored: NewBasketLine = {
        childId: line.childId!, activityId: line.activityId!, day: line.day!, action: line.action as BasketAction, billingMode: 'prepaid',
        unitPriceCents: line.unitPriceCents, priceLabel: line.priceLabel, amountCents: line.amountCents,
      };
      byChild.set(restored.childId, [...(byChild.get(restored.childId) ?? []), restored]);
    }
    for (const [childId, restored] of byChild) {
      await repos.baskets.replaceLines(basket.id, childId, restored.map((l) => ({ activityId: l.activityId, day: l.day })), restored, now);
    }
    await repos.baskets.settle(basket.id, now, basketExpiry(now), 'open');
  }

  /** Ends a running transaction without payment; false when it was no longer running. */
  async function end(transactionId: string, state: Exclude<FinalState, 'paid'>, result: { code?: string | null; detail?: string | null }) {
    const now = clock.now();
    return store.transaction(async (repos) => {
      const tx = await repos.payments.find(transactionId);
      if (!tx) return false;
      if (!(await repos.payments.transition(tx.id, RUNNING_STATES, state, { now, resultCode: result.code ?? null, resultDetail: result.detail ?? null }))) return false;
      await release(repos, tx, now);
      await repos.audit.record(
        { actorUserId: null, actorLabel: `paiement ${tx.provider}`, action: `payment.${state}`, target: `family:${tx.familyId}`, details: { transactionId: tx.id, reference: tx.reference, code: result.code ?? null } },
        now,
      );
      return true;
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // After commit: mails.

  async function sendReceipt(transactionId: string) {
    const now = clock.now();
    if (!(await store.payments.claimReceipt(transactionId, now))) return false;
    try {
      const tx = await store.payments.find(transactionId);
      if (!tx) return false;
      const [lines, family] = await Promise.all([store.payments.lines(tx.id), store.planning.family(tx.familyId)]);
      const recipients = [...new Set([...(family?.emails ?? []), ...(tx.email ? [tx.email] : [])].map((e) => e.toLowerCase()))];
      const commune = (await deps.communeName?.().catch(() => null)) ?? undefined;
      const mail = receiptMail({ transaction: tx, lines, resultUrl: deps.links.result(tx.id), commune });
      for (const to of recipients) await deps.mailer.send({ to, ...mail });
      return true;
    } catch (error) {
      await store.payments.releaseReceipt(transactionId).catch(() => undefined);
      report(error, 'payment.receipt_mail');
      return false;
    }
  }

  async function sendPromotions(promotions: readonly Promotion[]) {
    for (const promotion of promotions) {
      const family = await store.planning.family(promotion.familyId).catch(() => null);
      const mail = promotionMail({ ...promotion, planningUrl: deps.links.planning });
      for (const to of family?.emails ?? []) await deps.mailer.send({ to, ...mail }).catch((e: unknown) => report(e, 'payment.promotion_mail'));
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Results from providers.

  async function anomaly(input: Parameters<PaymentRepositories['payments']['recordAnomaly']>[0]) {
    await store.payments.recordAnomaly(input, clock.now());
  }

  async function findFor(result: ProviderResult): Promise<PaymentTransaction | null> {
    if (result.reference !== undefined && isReference(result.reference)) {
      const byRef = await store.payments.findByReference(result.reference);
      if (byRef) return byRef;
    }
    if (typeof result.providerRef === 'string' && result.providerRef.length > 0 && result.providerRef.length <= 255) {
      return store.payments.findByProviderRef(provider.id, result.providerRef);
    }
    return null;
  }

  /** Applies one trusted result; answers what happened (for the notification's HTTP status). */
  async function apply(result: ProviderResult, found?: PaymentTransaction | null): Promise<'applied' | 'noop' | 'unknown' | 'anomaly'> {
    const tx = found ?? (await findFor(result));
    const safeRef = typeof result.reference === 'string' ? result.reference.slice(0, 64) : null;
    if (!tx) {
      if (result.status === 'unknown' || result.status === 'waiting') return 'unknown';
      const key = safeRef ?? (typeof result.providerRef === 'string' ? result.providerRef.slice(0, 255) : 'none');
      await anomaly({
        dedupeKey: `${provider.id}:unknown_reference:${key}`, provider: provider.id, kind: 'unknown_reference', reference: safeRef,
        transactionId: null, familyId: null, amountCents: isCents(result.amount) ? result.amount : null, expectedCents: null,
        details: { status: result.status, providerRef: result.providerRef ?? null, code: result.code ?? null },
      });
      return 'unknown';
    }
    const mismatch =
      (result.reference !== undefined && result.reference !== tx.reference) ||
      (result.providerRef !== undefined && tx.providerRef !== null && result.providerRef !== tx.providerRef);
    if (mismatch) {
      await anomaly({
        dedupeKey: `${provider.id}:reference_mismatch:${tx.id}:${String(result.providerRef ?? '')}:${String(result.reference ?? '')}`.slice(0, 400),
        provider: provider.id, kind: 'reference_mismatch', reference: safeRef, transactionId: tx.id, familyId: tx.familyId,
        amountCents: isCents(result.amount) ? result.amount : null, expectedCents: tx.amountCents,
        details: { status: result.status, providerRef: result.providerRef ?? null, expectedProviderRef: tx.providerRef, expectedReference: tx.reference },
      });
      return 'anomaly';
    }
    if (result.status === 'unknown') return 'noop';
    const decision = decide(tx.state, result.status);
    if (decision.kind === 'noop') return 'noop';
    if (decision.kind === 'anomaly') {
      await anomaly({
        dedupeKey: `${provider.id}:paid_after_close:${tx.id}`, provider: provider.id, kind: 'paid_after_close', reference: tx.reference,
        transactionId: tx.id, familyId: tx.familyId, amountCents: isCents(result.amount) ? result.amount : null, expectedCents: tx.amountCents,
        details: { state: tx.state, code: result.code ?? null },
      });
      return 'anomaly';
    }
    if (decision.to === 'waiting') {
      await store.transaction((repos) => repos.payments.transition(tx.id, ['started'], 'waiting', { now: clock.now() }));
      return 'applied';
    }
    if (decision.to === 'paid') {
      if (!isCents(result.amount) || result.amount !== tx.amountCents) {
        const readable = isCents(result.amount);
        await anomaly({
          dedupeKey: `${provider.id}:${readable ? 'amount_mismatch' : 'invalid_amount'}:${tx.id}`, provider: provider.id,
          kind: readable ? 'amount_mismatch' : 'invalid_amount', reference: tx.reference, transactionId: tx.id, familyId: tx.familyId,
          amountCents: readable ? (result.amount as number) : null, expectedCents: tx.amountCents,
          details: { received: String(result.amount).slice(0, 40), code: result.code ?? null },
        });
        await end(tx.id, 'error', { code: readable ? 'amount_mismatch' : 'invalid_amount', detail: `montant reçu ${String(result.amount).slice(0, 40)}` });
        return 'anomaly';
      }
      const calendar = await deps.calendar.current();
      const outcome = await store.transaction((repos) => fulfil(repos, tx, clock.now(), { code: result.code, detail: result.detail }, calendar));
      if (!outcome) return 'noop';
      await sendReceipt(tx.id);
      await sendPromotions(outcome.promotions);
      return 'applied';
    }
    return (await end(tx.id, decision.to as Exclude<FinalState, 'paid'>, { code: result.code, detail: result.detail })) ? 'applied' : 'noop';
  }

  /** Asks the provider about a running transaction and applies the answer (ending it past its hold). */
  async function refresh(tx: PaymentTransaction): Promise<void> {
    if (!isRunning(tx.state) || tx.provider !== provider.id || !tx.providerRef) return;
    const now = clock.now();
    const ref = { reference: tx.reference, providerRef: tx.providerRef, createdAt: tx.createdAt };
    let result: ProviderResult;
    try {
      result = await provider.poll(ref, now);
    } catch (error) {
      report(error, 'payment.poll');
      return;
    }
    await store.payments.markPolled(tx.id, now);
    if ((result.status === 'waiting' || result.status === 'unknown') && now.toISOString() >= tx.expiresAt) {
      let final: ProviderResult = { status: 'expired', code: 'hold_expired' };
      if (provider.cancel) {
        try {
          final = await provider.cancel(ref, now);
        } catch (error) {
          report(error, 'payment.cancel');
          return;
        }
        if (final.status === 'waiting' || final.status === 'unknown') final = { status: 'expired', code: final.code ?? 'hold_expired' };
      }
      await apply({ ...final, reference: final.reference ?? tx.reference, providerRef: final.providerRef ?? tx.providerRef }, tx);
      return;
    }
    await apply(result, tx);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Starting payments.

  async function startWithProvider(tx: PaymentTransaction): Promise<Result<PayOutcome, PayError>> {
    const family = await store.planning.family(tx.familyId);
    try {
      const started = await provider.start({
        transactionId: tx.id,
        reference: tx.reference,
        amountCents: tx.amountCents,
        email: tx.email ?? family?.emails[0] ?? null,
        description: paymentDescription(`Portail famille ${(await deps.communeName?.().catch(() => null)) ?? ''} ${tx.purpose === 'basket' ? 'reservations' : 'factures'} ${tx.reference}`),
        year: Number(tx.createdAt.slice(0, 4)),
        createdAt: tx.createdAt,
        expiresAt: tx.expiresAt,
        urls: { notify: deps.links.notify(provider.id), return: deps.links.return(tx.id) },
      });
      const attached = await store.transaction((repos) => repos.payments.attachProvider(tx.id, started.providerRef, started.redirectUrl, clock.now()));
      return ok(attached ? { kind: 'redirect', url: started.redirectUrl, transactionId: tx.id } : { kind: 'result', transactionId: tx.id });
    } catch (error) {
      const refused = error instanceof ProviderRefusedError;
      if (!refused) report(error, 'payment.start');
      await end(tx.id, 'error', { code: refused ? error.code : 'unavailable', detail: error instanceof Error ? error.message.slice(0, 500) : null });
      return refused ? err('provider_refused', `${error.code} : ${error.message}`) : err('provider_unavailable');
    }
  }

  /** A second « Payer » on a basket already being paid: the same payment. */
  async function samePayment(payableKey: string): Promise<Result<PayOutcome, PayError> | null> {
    const running = await store.payments.findRunning(payableKey);
    if (!running) return null;
    return ok(running.redirectUrl ? { kind: 'redirect', url: running.redirectUrl, transactionId: running.id } : { kind: 'result', transactionId: running.id });
  }

  async function afterCheckout(first: PaymentTransaction, settledAtOnce: readonly { id: string; promotions: Promotion[] }[]): Promise<Result<PayOutcome, PayError>> {
    for (const done of settledAtOnce) {
      await sendReceipt(done.id);
      await sendPromotions(done.promotions);
    }
    if (first.state === 'paid' || first.provider === 'credit') return ok({ kind: 'result', transactionId: first.id });
    return startWithProvider(first);
  }

  const service: PaymentService = {
    providerId: provider.id,

    balance: (familyId) => store.credits.balance(familyId),

    async payBasket(input) {
      if (!Number.isSafeInteger(input.version)) return err('stale_basket');
      const now = clock.now();
      const calendar = await deps.calendar.current();
      const payableKey = `basket:${input.basketId}`;
      let prepared: { tx: PaymentTransaction; settled: { id: string; promotions: Promotion[] }[] };
      try {
        prepared = await store.transaction(async (repos) => {
          const basket = await repos.baskets.find(input.familyId, input.basketId);
          if (!basket) throw new Abort('not_found');
          // Locks the basket: a concurrent « Payer » with the same version finds it moved on.
          if ((await repos.baskets.bump(basket.id, input.version, now)) === null) throw new Abort('stale_basket');
          if (await repos.payments.findRunning(payableKey)) throw new Abort('payment_running');
          const records = (await repos.baskets.lines(basket.id)).filter((line) => line.billingMode === 'prepaid');
          if (records.length === 0) throw new Abort('nothing_to_pay');
          await checkLines(repos, records, now, calendar);

          const id = crypto.randomUUID();
          const lines: NewPaymentLine[] = [];
          const sorted = [...records].sort((a, b) => a.activityId.localeCompare(b.activityId) || a.day.localeCompare(b.day) || a.childId.localeCompare(b.childId));
          const activities = new Map((await repos.planning.activities([...new Set(sorted.map((l) => l.activityId))])).map((a) => [a.id, a]));
          for (const record of sorted) {
            let held = false;
            if (record.action === 'add') {
              const activity = activities.get(record.activityId);
              if (!activity || !(await repos.bookings.takePlace(record.activityId, record.day, activity.capacity))) {
                throw new Abort('line_unavailable', `full:${record.childFirstName}:${record.activityName}:${record.day}`);
              }
              held = true;
            }
            lines.push(bookingLine(record, held));
          }
          await repos.baskets.deleteLines(basket.id, records.map((r) => r.id));
          await repos.baskets.settle(basket.id, now, basketExpiry(now), 'open');

          const net = lines.reduce((sum, line) => sum + line.amountCents, 0);
          const balance = await repos.credits.balance(input.familyId);
          const toPay = Math.max(0, net - balance);
          const carried = toPay > 0 ? balance : net;
          if (toPay > 0) {
            const problem = amountError(toPay);
            if (problem) throw new Abort(problem, formatEuros(toPay));
          }
          const created = await repos.payments.create(
            {
              id, reference: newReference(), familyId: input.familyId, provider: toPay > 0 ? provider.id : 'credit', state: 'started',
              amountCents: toPay, carriedCents: carried, purpose: 'basket', payableKey, checkoutId: id, checkoutPosition: 1,
              basketId: basket.id, email: input.email ?? null, createdBy: input.actor.userId, expiresAt: holdUntil(now),
            },
            now,
          );
          if (!created) throw new Abort('payment_running');
          const extra = carriedLine(carried, toPay, net);
          await repos.payments.addLines(id, extra ? [...lines, extra] : lines);
          if (carried !== 0) {
            const moved = await repos.credits.move(
              { familyId: input.familyId, amountCents: -carried, kind: 'carried_into_payment', label: extra?.priceLabel ?? '', transactionId: id, expectedBalance: balance },
              now,
            );
            if (!moved) throw new Abort('stale_basket');
          }
          await repos.audit.record(
            { actorUserId: input.actor.userId, actorLabel: input.actor.label, ip: input.actor.ip, action: 'payment.started', target: `family:${input.familyId}`, details: { transactionId: id, amountCents: toPay, carriedCents: carried, lines: lines.length } },
            now,
          );
          const tx = (await repos.payments.find(id))!;
          const settled: { id: string; promotions: Promotion[] }[] = [];
          if (toPay === 0) {
            const outcome = await fulfil(repos, tx, now, { code: 'credit' }, calendar);
            settled.push({ id, promotions: outcome?.promotions ?? [] });
            return { tx: (await repos.payments.find(id))!, settled };
          }
          return { tx, settled };
        });
      } catch (error) {
        if (!(error instanceof Abort)) throw error;
        if (error.code === 'stale_basket' || error.code === 'payment_running') {
          const same = await samePayment(payableKey);
          if (same) return same;
        }
        return err(error.code, error.detail);
      }
      return afterCheckout(prepared.tx, prepared.settled);
    },

    async payInvoices(input) {
      const source = deps.payables?.invoice;
      const ids = [...new Set(Array.isArray(input.invoiceIds) ? input.invoiceIds.filter((id) => typeof id === 'string') : [])];
      if (!source || ids.length === 0) return err('not_found');
      const now = clock.now();
      const calendar = await deps.calendar.current();
      let prepared: { tx: PaymentTransaction; settled: { id: string; promotions: Promotion[] }[] };
      try {
        prepared = await store.transaction(async (repos) => {
          const described = await source.describe(repos, input.familyId, ids);
          if (!described.ok) throw new Abort('not_found', described.error);
          for (const line of described.lines) if (!isCents(line.amountCents) || line.amountCents === 0) throw new Abort('invalid_amount', line.label);
          for (const line of described.lines) if (await repos.payments.findRunning(`invoice:${line.payableId}`)) throw new Abort('payment_running');
          const groups = provider.onePayablePerTransaction ? described.lines.map((line) => [line]) : [described.lines];
          const balance = await repos.credits.balance(input.familyId);
          let credit = Math.max(0, balance);
          let debt = Math.max(0, -balance);
          const checkoutId = crypto.randomUUID();
          const created: PaymentTransaction[] = [];
          const settled: { id: string; promotions: Promotion[] }[] = [];
          for (const [index, group] of groups.entries()) {
            const net = group.reduce((sum, line) => sum + line.amountCents, 0);
            const used = Math.min(credit, net);
            credit -= used;
            const carried = used > 0 ? used : debt > 0 ? -debt : 0;
            debt = 0;
            const toPay = net - carried;
            if (toPay > 0) {
              const problem = amountError(toPay);
              if (problem) throw new Abort(problem, formatEuros(toPay));
            }
            const id = crypto.randomUUID();
            const ok1 = await repos.payments.create(
              {
                id, reference: newReference(), familyId: input.familyId, provider: toPay > 0 ? provider.id : 'credit', state: 'started',
                amountCents: toPay, carriedCents: carried, purpose: 'invoices',
                payableKey: group.length === 1 ? `invoice:${group[0].payableId}` : `invoices:${group.map((l) => l.payableId).sort().join('+')}`.slice(0, 500),
                checkoutId, checkoutPosition: index + 1, basketId: null, email: input.email ?? null, createdBy: input.actor.userId,
                // Invoices hold no place: the transaction still ends if the parent never pays.
                expiresAt: holdUntil(now),
              },
              now,
            );
            if (!ok1) throw new Abort('payment_running');
            const lines: NewPaymentLine[] = group.map((line) => ({
              kind: 'invoice', payableId: line.payableId, childId: null, childFirstName: null, activityId: null, activityName: null,
              activityKind: null, day: null, action: null, unitPriceCents: line.amountCents, amountCents: line.amountCents, priceLabel: line.label, held: false,
            }));
            const extra = carriedLine(carried, toPay, net);
            await repos.payments.addLines(id, extra ? [...lines, extra] : lines);
            const tx = (await repos.payments.find(id))!;
            if (toPay === 0) {
              await fulfil(repos, tx, now, { code: 'credit' }, calendar);
              settled.push({ id, promotions: [] });
            }
            created.push((await repos.payments.find(id))!);
          }
          const totalCarried = created.reduce((sum, tx) => sum + tx.carriedCents, 0);
          if (totalCarried !== 0) {
            const moved = await repos.credits.move(
              { familyId: input.familyId, amountCents: -totalCarried, kind: 'carried_into_payment', label: 'Avoir ou restant dû reporté', transactionId: created[0].id, expectedBalance: balance },
              now,
            );
            if (!moved) throw new Abort('stale_basket');
          }
          const first = created.find((tx) => tx.state !== 'paid') ?? created[0];
          return { tx: first, settled };
        });
      } catch (error) {
        if (!(error instanceof Abort)) throw error;
        return err(error.code, error.detail);
      }
      return afterCheckout(prepared.tx, prepared.settled);
    },

    async continueCheckout(input) {
      const tx = await store.payments.find(input.transactionId);
      if (!tx || tx.familyId !== input.familyId) return err('not_found');
      const next = (await store.payments.checkout(tx.checkoutId)).find((t) => t.state === 'started' && t.providerRef === null && t.provider === provider.id);
      if (!next) {
        const running = (await store.payments.checkout(tx.checkoutId)).find((t) => isRunning(t.state) && t.redirectUrl);
        return running ? ok({ kind: 'redirect', url: running.redirectUrl!, transactionId: running.id }) : ok({ kind: 'result', transactionId: tx.id });
      }
      return startWithProvider(next);
    },

    async notification(providerName, request) {
      if (providerName !== provider.id) return { status: 404, body: 'Unknown payment provider' };
      let verdict;
      try {
        verdict = await provider.handleNotification(request);
      } catch (error) {
        report(error, 'payment.notification');
        return { status: 500, body: 'Error' };
      }
      const now = clock.now();
      switch (verdict.kind) {
        case 'reject':
          return { status: verdict.status, body: verdict.reason };
        case 'ignore':
          await store.payments.recordEvent({ provider: provider.id, key: verdict.eventId, transactionId: null, kind: verdict.eventType, payload: { ignored: true } }, now);
          return { status: 200, body: 'Ignored' };
        case 'check': {
          const tx = await store.payments.findByProviderRef(provider.id, verdict.providerRef);
          if (!tx) {
            await anomaly({
              dedupeKey: `${provider.id}:unknown_reference:${verdict.providerRef}`, provider: provider.id, kind: 'unknown_reference',
              reference: verdict.providerRef, transactionId: null, familyId: null, amountCents: null, expectedCents: null,
              details: { source: 'notification' },
            });
            return { status: 404, body: 'Unknown payment' };
          }
          await refresh(tx);
          return { status: 200, body: 'OK' };
        }
        case 'result': {
          // A replayed event (same id) changes nothing: recorded once, and the state machine ignores repeats anyway.
          const tx = await findFor(verdict.result);
          if (await store.payments.hasEvent(provider.id, verdict.eventId)) return { status: 200, body: 'Duplicate' };
          const outcome = await apply(verdict.result, tx);
          await store.payments.recordEvent(
            { provider: provider.id, key: verdict.eventId, transactionId: tx?.id ?? null, kind: verdict.eventType, payload: { status: verdict.result.status, outcome } },
            clock.now(),
          );
          return outcome === 'unknown' ? { status: 404, body: 'Unknown payment' } : { status: 200, body: 'OK' };
        }
      }
    },

    async view(familyId, transactionId, options = {}) {
      let tx = await store.payments.find(transactionId);
      if (!tx || tx.familyId !== familyId) return null;
      if (options.refresh && isRunning(tx.state) && provider.pollOnReturn) {
        await refresh(tx);
        tx = (await store.payments.find(transactionId))!;
      }
      const [lines, checkout] = await Promise.all([store.payments.lines(tx.id), store.payments.checkout(tx.checkoutId)]);
      return {
        transaction: tx,
        lines,
        siblings: checkout.map((t) => ({ id: t.id, state: t.state, amountCents: t.amountCents, checkoutPosition: t.checkoutPosition })),
      };
    },

    running: (familyId) => store.payments.runningForFamily(familyId),

    transactionForReturn: (transactionId) => store.payments.find(transactionId),

    async reconcile(limit = 50) {
      const now = clock.now();
      let checked = 0;
      let ended = 0;
      for (const tx of await store.payments.running(limit)) {
        checked++;
        const before = tx.state;
        if (tx.providerRef === null || tx.provider !== provider.id) {
          // The provider never confirmed (a crash between its answer and ours), or the configuration changed.
          const age = now.getTime() - new Date(tx.createdAt).getTime();
          if (tx.provider === provider.id && provider.idempotentStart && age > 60_000 && now.toISOString() < tx.expiresAt) {
            await startWithProvider(tx).catch((error: unknown) => report(error, 'payment.restart'));
          } else if (now.toISOString() >= tx.expiresAt) {
            if (await end(tx.id, 'expired', { code: 'hold_expired' })) ended++;
          }
          continue;
        }
        try {
          await refresh(tx);
        } catch (error) {
          report(error, 'payment.reconcile');
        }
        const after = await store.payments.find(tx.id);
        if (after && after.state !== before && !isRunning(after.state)) ended++;
      }
      let receipts = 0;
      for (const tx of await store.payments.unsentReceipts(20)) if (await sendReceipt(tx.id)) receipts++;
      return { checked, ended, receipts };
    },

    anomalies: (options = {}) => store.payments.anomalies({ resolved: options.resolved ?? false, limit: options.limit ?? 200 }),

    async resolveAnomaly(input) {
      const now = clock.now();
      const resolution = String(input.resolution ?? '').trim().slice(0, 1000);
      return store.transaction(async (repos) => {
        const done = await repos.payments.resolveAnomaly(input.id, input.actor.label, resolution, now);
        if (done) {
          await repos.audit.record({ actorUserId: input.actor.userId, actorLabel: input.actor.label, ip: input.actor.ip, action: 'payment.anomaly_resolved', target: `anomaly:${input.id}`, details: { resolution } }, now);
        }
        return done;
      });
    },
  };
  return service;
}

function bookingLine(record: BasketLineRecord, held: boolean): NewPaymentLine {
  return {
    kind: 'booking',
    payableId: null,
    childId: record.childId,
    childFirstName: record.childFirstName,
    activityId: record.activityId,
    activityName: record.activityName,
    activityKind: record.activityKind as ActivityKind,
    day: record.day,
    action: record.action,
    unitPriceCents: record.unitPriceCents,
    amountCents: record.amountCents,
    priceLabel: record.priceLabel,
    held,
  };
}

/** The lines must still be possible now (calendar, past, enrolment, deadline): otherwise nothing is paid. */
async function checkLines(repos: PaymentRepositories, records: readonly BasketLineRecord[], now: Date, calendar: Awaited<ReturnType<PaymentDeps['calendar']['current']>>) {
  const activityIds = [...new Set(records.map((l) => l.activityId))];
  const childIds = [...new Set(records.map((l) => l.childId))];
  const activities = new Map((await repos.planning.activities(activityIds)).map((a) => [a.id, a]));
  const enrolled = new Set(
    (await repos.planning.enrolments(childIds, activityIds)).filter((e) => e.status === 'accepted').map((e) => `${e.childId}:${e.activityId}`),
  );
  const days = records.map((l) => l.day).sort();
  const closures = await repos.planning.closureDays([...new Set([...activities.values()].map((a) => a.siteId))], days[0], days[days.length - 1]);
  for (const line of records) {
    const activity = activities.get(line.activityId);
    if (!activity) throw new Abort('line_unavailable', `not_open:${line.childFirstName}:${line.activityName}:${line.day}`);
    const booking = await repos.bookings.find(line.childId, line.activityId, line.day);
    const base = baseStateOf(booking ?? undefined);
    const failure = lineFailure({
      day: line.day, base, activity, calendar, closureDays: closures.filter((c) => c.siteId === activity.siteId),
      enrolled: enrolled.has(`${line.childId}:${line.activityId}`), now, staff: false,
    });
    if (failure) throw new Abort('line_unavailable', `${failure}:${line.childFirstName}:${line.activityName}:${line.day}`);
    if (line.action === 'add' && base === 'booked') throw new Abort('line_unavailable', `already_booked:${line.childFirstName}:${line.activityName}:${line.day}`);
    if (line.action === 'cancel' && base === 'none') throw new Abort('line_unavailable', `not_booked:${line.childFirstName}:${line.activityName}:${line.day}`);
  }
}

export type { TransactionState };

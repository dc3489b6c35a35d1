/**
 * Paying the basket (Paiement immédiat) on every dialect: the demo bank end to end, refusals and abandons, replays,
 * forged and out-of-order notifications, other amounts and references, concurrent « Payer », a crash between the
 * provider's answer and our commit, hold expiry, credits and Restant dû, PayFiP (recorded SOAP answers) and Stripe
 * (signed webhooks, injected HTTP client), and several invoices at once.
 */
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { countRows } from '../../adapters/db/repositories/payments';
import type { PayableSource } from '../../core/payments/ports';
import { createChild, createEnrolment, createFamily } from '../../server/demo/factories';
import { describeEachDialect } from '../harness/databases';
import { agent, cell, parent } from './booking-helpers';
import {
  bookedDays, heldPlaces, pay, PAYFIP_CONFIG, payfipReplay, paymentServices, prepaidFixture, scriptedProvider, signedNotification,
  tickWednesdays, WEDNESDAY_CENTS, WEDNESDAYS, type PaymentTestServices, type PrepaidFixture, type ScriptedProvider,
} from './payments-helpers';

const S = '\u00A0';
const actor = { userId: parent.userId, label: parent.label, ip: parent.ip };

describeEachDialect('payments: the demo bank', (getHandle) => {
  it('holds the places while the parent pays, books exactly what was paid in the same transaction, e-mails a receipt', async () => {
    const handle = getHandle();
    const f = await prepaidFixture(handle.db);
    const s = paymentServices(handle);
    await tickWednesdays(s, f, WEDNESDAYS.slice(0, 2), ['2026-12-07']);
    const basket = (await s.booking.basket(f.family.id))!;
    expect(basket.lines.map((l) => `${l.billingMode} ${l.day} ${l.priceLabel}`)).toEqual([
      `prepaid 2026-12-09 Tarif QF 4 (860–1${S}149${S}€)${S}: 6,60${S}€`,
      `prepaid 2026-12-16 Tarif QF 4 (860–1${S}149${S}€)${S}: 6,60${S}€`,
      `invoice 2026-12-07 Tarif QF 4 (860–1${S}149${S}€)${S}: 3,05${S}€`,
    ]);

    const started = await pay(s, f.family.id);
    expect(started.ok).toBe(true);
    if (!started.ok || started.value.kind !== 'redirect') throw new Error('expected a redirect');
    const sessionId = started.value.url.split('/demo-bank/')[1];
    expect(started.value.url).toBe(`http://portail.test/demo-bank/${sessionId}`);
    // The prepaid lines left the basket (the invoiced one stays for Terminer); their places are held.
    expect((await s.booking.basket(f.family.id))!.lines.map((l) => l.day)).toEqual(['2026-12-07']);
    expect(await heldPlaces(s, f.wednesday.id)).toEqual({ '2026-12-09': 1, '2026-12-16': 1 });
    expect(await bookedDays(s, f.child.id, f.wednesday.id)).toEqual([]);
    const running = await s.payments.running(f.family.id);
    expect(running.map((t) => [t.state, t.amountCents])).toEqual([['waiting', 2 * WEDNESDAY_CENTS]]);

    const bank = s.demoBank!;
    expect((await bank.session(sessionId, s.clock.now()))).toMatchObject({ amountCents: 1320, status: 'open', expired: false });
    const back = await bank.decide(sessionId, 'pay', s.clock.now());
    // The bank notified the server itself (server-to-server), then sends the browser back.
    expect(s.notified).toEqual(['http://portail.test/api/paiement/demo/notification']);
    expect(back).toEqual({ returnUrl: `http://portail.test/api/paiement/retour/${started.value.transactionId}`, status: 'paid' });

    expect(await bookedDays(s, f.child.id, f.wednesday.id)).toEqual(['2026-12-09', '2026-12-16']);
    expect(await heldPlaces(s, f.wednesday.id)).toEqual({ '2026-12-09': 1, '2026-12-16': 1 }); // the hold became the booking
    const view = (await s.payments.view(f.family.id, started.value.transactionId))!;
    expect(view.transaction).toMatchObject({ state: 'paid', amountCents: 1320, provider: 'demo', receiptNumber: 'R2026-000001' });
    expect(view.lines.map((l) => [l.day, l.action, l.amountCents, l.outcome])).toEqual([
      ['2026-12-09', 'add', 660, 'booked'],
      ['2026-12-16', 'add', 660, 'booked'],
    ]);
    expect(await s.payments.view('another-family', started.value.transactionId)).toBeNull();
    expect(s.mailer.sent.map((m) => [m.to, m.subject])).toEqual([['dupont@example.fr', 'Reçu de paiement n° R2026-000001']]);
    expect(s.mailer.sent[0].text).toContain('mercredi 9 décembre 2026 – Léa – Accueil du mercredi – Réservation : 6,60');
    expect(s.mailer.sent[0].text).toContain(`Payé par carte : 13,20${S}€`);
    // Deciding again on the bank page changes nothing.
    await bank.decide(sessionId, 'refuse', s.clock.now());
    expect((await s.payments.view(f.family.id, started.value.transactionId))!.transaction.state).toBe('paid');
    expect(s.mailer.sent).toHaveLength(1);
    expect(s.errors).toEqual([]);
  });

  for (const decision of ['refuse', 'abandon'] as const) {
    it(`books nothing when the parent ${decision === 'refuse' ? 'is refused' : 'abandons'}: places released, basket intact`, async () => {
      const handle = getHandle();
      const f = await prepaidFixture(handle.db);
      const s = paymentServices(handle);
      await tickWednesdays(s, f, WEDNESDAYS.slice(0, 2));
      const before = (await s.booking.basket(f.family.id))!.lines.map(({ id: _id, ...line }) => line);
      const started = await pay(s, f.family.id);
      if (!started.ok || started.value.kind !== 'redirect') throw new Error('expected a redirect');
      await s.demoBank!.decide(started.value.url.split('/demo-bank/')[1], decision, s.clock.now());
      const view = (await s.payments.view(f.family.id, started.value.transactionId))!;
      expect(view.transaction.state).toBe(decision === 'refuse' ? 'denied' : 'cancelled');
      expect(await bookedDays(s, f.child.id, f.wednesday.id)).toEqual([]);
      expect(await heldPlaces(s, f.wednesday.id)).toEqual({});
      const after = (await s.booking.basket(f.family.id))!.lines.map(({ id: _id, ...line }) => line);
      expect(after).toEqual(before);
      expect(s.mailer.sent).toEqual([]);
      // And the basket can be paid again.
      const again = await pay(s, f.family.id);
      expect(again.ok && again.value.transactionId).not.toBe(started.value.transactionId);
    });
  }

  it('releases the places and gives the lines back when the hold expires (the poller)', async () => {
    const handle = getHandle();
    const f = await prepaidFixture(handle.db);
    const s = paymentServices(handle);
    await tickWednesdays(s, f, WEDNESDAYS.slice(0, 1));
    const started = await pay(s, f.family.id);
    if (!started.ok || started.value.kind !== 'redirect') throw new Error('expected a redirect');
    s.clock.advance(10 * 60_000);
    expect(await s.payments.reconcile()).toMatchObject({ checked: 1, ended: 0 });
    s.clock.advance(21 * 60_000);
    expect(await s.payments.reconcile()).toMatchObject({ checked: 1, ended: 1 });
    expect((await s.payments.view(f.family.id, started.value.transactionId))!.transaction.state).toBe('expired');
    expect(await heldPlaces(s, f.wednesday.id)).toEqual({});
    expect((await s.booking.basket(f.family.id))!.lines.map((l) => l.day)).toEqual(['2026-12-09']);
    // The bank page now refuses to pay: the session expired.
    const back = await s.demoBank!.decide(started.value.url.split('/demo-bank/')[1], 'pay', s.clock.now());
    expect(back?.status).toBe('expired');
    expect(await bookedDays(s, f.child.id, f.wednesday.id)).toEqual([]);
  });

  it('refuses to hold a day that became full, changing nothing', async () => {
    const handle = getHandle();
    const f = await prepaidFixture(handle.db);
    const s = paymentServices(handle);
    await tickWednesdays(s, f, WEDNESDAYS.slice(0, 1));
    await handle.db.updateTable('activities').set({ capacity: 0 }).where('id', '=', f.wednesday.id).execute();
    const before = await s.booking.basket(f.family.id);
    const result = await pay(s, f.family.id);
    expect(result).toMatchObject({ ok: false, error: 'line_unavailable' });
    expect(!result.ok && result.detail).toMatch(/^full:Léa:Accueil du mercredi:2026-12-09$/);
    expect(await s.booking.basket(f.family.id)).toEqual(before);
    expect(await countRows(handle.db, 'payment_transactions')).toBe(0);
  });
});

describeEachDialect('payments: notifications', (getHandle) => {
  /** A family that clicked Payer (another family of the same commune when `from` is given). */
  async function started(getHandleFn: typeof getHandle, from?: { f: PrepaidFixture; s: PaymentTestServices; provider: ScriptedProvider }) {
    const handle = getHandleFn();
    let f: PrepaidFixture;
    if (from) {
      const family = await createFamily(handle.db, { email: `famille-${Math.random().toString(36).slice(2, 8)}@example.fr` });
      const child = await createChild(handle.db, { family_id: family.id, first_name: 'Nina', site_id: from.f.site.id });
      await createEnrolment(handle.db, { child_id: child.id, activity_id: from.f.wednesday.id });
      f = { ...from.f, family, child };
    } else {
      f = await prepaidFixture(handle.db);
    }
    const provider = from?.provider ?? scriptedProvider();
    const s = from?.s ?? paymentServices(handle, { provider });
    await tickWednesdays(s, f, WEDNESDAYS.slice(0, 2));
    const result = await pay(s, f.family.id);
    if (!result.ok || result.value.kind !== 'redirect') throw new Error(`expected a redirect: ${JSON.stringify(result)}`);
    const tx = (await s.payments.view(f.family.id, result.value.transactionId))!.transaction;
    return { handle, f, s, provider, tx };
  }
  const paid = (tx: { reference: string; providerRef: string | null; amountCents: number }, extra: Record<string, unknown> = {}) => ({
    status: 'paid' as const, reference: tx.reference, providerRef: tx.providerRef!, amount: tx.amountCents, ...extra,
  });

  it('makes one payment and one e-mail of a notification replayed 5 times (same or new event ids)', async () => {
    const { f, s, tx } = await started(getHandle);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await s.payments.notification('stripe', signedNotification('evt_same', paid(tx))));
    for (let i = 0; i < 5; i++) answers.push(await s.payments.notification('stripe', signedNotification(`evt_${i}`, paid(tx))));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(await bookedDays(s, f.child.id, f.wednesday.id)).toEqual(['2026-12-09', '2026-12-16']);
    expect(await countRows(s.store.db, 'payment_transactions')).toBe(1);
    expect(s.mailer.sent).toHaveLength(1);
    expect(await s.payments.anomalies()).toEqual([]);
  });

  it('keeps « paid » when « failed » comes after it, and lists a success after a refusal as an anomaly', async () => {
    const { f, s, tx, provider } = await started(getHandle);
    await s.payments.notification('stripe', signedNotification('evt_paid', paid(tx)));
    await s.payments.notification('stripe', signedNotification('evt_late_fail', { ...paid(tx), status: 'denied' }));
    expect((await s.payments.view(f.family.id, tx.id))!.transaction.state).toBe('paid');
    expect(await bookedDays(s, f.child.id, f.wednesday.id)).toEqual(['2026-12-09', '2026-12-16']);

    const other = await started(getHandle, { f, s, provider });
    await other.s.payments.notification('stripe', signedNotification('evt_denied', { ...paid(other.tx), status: 'denied' }));
    await other.s.payments.notification('stripe', signedNotification('evt_then_paid', paid(other.tx)));
    expect((await other.s.payments.view(other.f.family.id, other.tx.id))!.transaction.state).toBe('denied');
    expect(await bookedDays(other.s, other.f.child.id, other.f.wednesday.id)).toEqual([]);
    expect((await other.s.payments.anomalies()).map((a) => [a.kind, a.transactionId])).toEqual([['paid_after_close', other.tx.id]]);
  });

  it('lists a different amount or a different reference as an anomaly and books nothing', async () => {
    const { f, s, tx } = await started(getHandle);
    expect((await s.payments.notification('stripe', signedNotification('evt_other_ref', paid(tx, { providerRef: 'sp_999' })))).status).toBe(200);
    expect((await s.payments.view(f.family.id, tx.id))!.transaction.state).toBe('waiting');
    await s.payments.notification('stripe', signedNotification('evt_less', paid(tx, { amount: 1 })));
    expect((await s.payments.view(f.family.id, tx.id))!.transaction.state).toBe('error');
    expect(await bookedDays(s, f.child.id, f.wednesday.id)).toEqual([]);
    expect(await heldPlaces(s, f.wednesday.id)).toEqual({});
    expect((await s.booking.basket(f.family.id))!.lines.map((l) => l.day)).toEqual(['2026-12-09', '2026-12-16']);
    const anomalies = await s.payments.anomalies();
    expect(anomalies.map((a) => [a.kind, a.amountCents, a.expectedCents]).sort()).toEqual([
      ['amount_mismatch', 1, 1320],
      ['reference_mismatch', 1320, 1320],
    ]);
    expect(anomalies.every((a) => a.familyName === 'Dupont')).toBe(true);
    expect(s.mailer.sent).toEqual([]);
  });

  it('refuses the amounts -1, NaN, 1e309 and « 12,505 » (anomaly, no booking)', async () => {
    let first: Awaited<ReturnType<typeof started>> | undefined;
    for (const amount of [-1, Number.NaN, 1e309, '12,505']) {
      const current = await started(getHandle, first);
      first ??= current;
      const { f, s, tx } = current;
      await s.payments.notification('stripe', signedNotification(`evt_bad_amount_${String(amount)}`, paid(tx, { amount })));
      expect((await s.payments.view(f.family.id, tx.id))!.transaction.state).toBe('error');
      expect(await bookedDays(s, f.child.id, f.wednesday.id)).toEqual([]);
      expect((await s.payments.anomalies()).map((a) => a.kind)).toContain('invalid_amount');
    }
  });

  it('answers 4xx to a forged notification (bad signature, unknown reference) and books nothing', async () => {
    const { f, s, tx } = await started(getHandle);
    expect(await s.payments.notification('stripe', signedNotification('evt_forged', paid(tx), 'forged'))).toEqual({ status: 400, body: 'Invalid signature' });
    expect(await s.payments.notification('stripe', signedNotification('evt_unknown', { status: 'paid', reference: 'TRTUNKNOWN0000000000', amount: 1320 }))).toMatchObject({ status: 404 });
    expect(await s.payments.notification('payfip', signedNotification('evt_x', paid(tx)))).toMatchObject({ status: 404 });
    expect(await bookedDays(s, f.child.id, f.wednesday.id)).toEqual([]);
    expect((await s.payments.anomalies()).map((a) => [a.kind, a.reference])).toEqual([['unknown_reference', 'TRTUNKNOWN0000000000']]);
  });

  it('confirms exactly once after a crash between the provider’s success and our commit (the poller)', async () => {
    const { f, s, provider, tx } = await started(getHandle);
    let crashes = 0;
    s.hooks.beforeCommit = () => {
      crashes++;
      s.hooks.beforeCommit = undefined;
      throw new Error('process killed before commit');
    };
    await expect(s.payments.notification('stripe', signedNotification('evt_paid', paid(tx)))).rejects.toThrow('process killed');
    expect(crashes).toBe(1);
    expect((await s.payments.view(f.family.id, tx.id))!.transaction.state).toBe('waiting');
    expect(await bookedDays(s, f.child.id, f.wednesday.id)).toEqual([]);
    // « Restart »: the poller asks the provider, which says paid.
    provider.answers.set(tx.providerRef!, paid(tx));
    expect(await s.payments.reconcile()).toMatchObject({ checked: 1, ended: 1 });
    expect(await s.payments.reconcile()).toMatchObject({ checked: 0, ended: 0 });
    // The provider retries its notification too: nothing more.
    expect((await s.payments.notification('stripe', signedNotification('evt_paid', paid(tx)))).status).toBe(200);
    expect(await bookedDays(s, f.child.id, f.wednesday.id)).toEqual(['2026-12-09', '2026-12-16']);
    expect(await heldPlaces(s, f.wednesday.id)).toEqual({ '2026-12-09': 1, '2026-12-16': 1 });
    expect(s.mailer.sent).toHaveLength(1);
  });

  it('sends the receipt later when the mail server was down, once', async () => {
    const { s, tx } = await started(getHandle);
    const send = s.mailer.send;
    s.mailer.send = async () => {
      throw new Error('SMTP down');
    };
    await s.payments.notification('stripe', signedNotification('evt_paid', paid(tx)));
    expect(s.mailer.sent).toHaveLength(0);
    s.mailer.send = send;
    expect((await s.payments.reconcile()).receipts).toBe(1);
    expect((await s.payments.reconcile()).receipts).toBe(0);
    expect(s.mailer.sent).toHaveLength(1);
  });
});

describeEachDialect('payments: concurrency and credits', (getHandle) => {
  it('makes one provider transaction of two concurrent « Payer » on one basket', async () => {
    const handle = getHandle();
    const f = await prepaidFixture(handle.db);
    const provider = scriptedProvider();
    let release!: () => void;
    provider.gate.wait = new Promise<void>((resolve) => (release = resolve));
    const s = paymentServices(handle, { provider });
    await tickWednesdays(s, f, WEDNESDAYS.slice(0, 2));
    const basket = (await s.booking.basket(f.family.id))!;
    const click = () => s.payments.payBasket({ familyId: f.family.id, basketId: basket.id, version: basket.version, actor });
    const both = Promise.all([click(), click()]);
    setTimeout(() => release(), 200);
    const [a, b] = await both;
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(provider.starts).toHaveLength(1);
    expect(a.value.transactionId).toBe(b.value.transactionId);
    expect(await countRows(handle.db, 'payment_transactions')).toBe(1);
    expect(await heldPlaces(s, f.wednesday.id)).toEqual({ '2026-12-09': 1, '2026-12-16': 1 });
  });

  it('uses the credit first, needs no card when it covers everything, and carries the Restant dû', async () => {
    const handle = getHandle();
    const f = await prepaidFixture(handle.db);
    const provider = scriptedProvider();
    const s = paymentServices(handle, { provider });
    const credits = (await import('../../adapters/db/repositories/credits')).creditRepository(handle.db);

    // 10 € of credit, 13,20 € to pay: 3,20 € by card.
    await credits.move({ familyId: f.family.id, amountCents: 1000, kind: 'adjustment', label: 'Avoir', transactionId: null }, s.clock.now());
    await tickWednesdays(s, f, WEDNESDAYS.slice(0, 2));
    const first = await pay(s, f.family.id);
    if (!first.ok) throw new Error(first.error);
    const tx = (await s.payments.view(f.family.id, first.value.transactionId))!;
    expect(tx.transaction).toMatchObject({ amountCents: 320, carriedCents: 1000, provider: 'stripe' });
    expect(tx.lines.map((l) => [l.kind, l.amountCents, l.priceLabel]).at(-1)).toEqual(['carried', -1000, 'Avoir utilisé']);
    expect(await s.payments.balance(f.family.id)).toBe(0);
    // The bank refuses: the credit comes back.
    await s.payments.notification('stripe', signedNotification('evt_denied', { status: 'denied', reference: tx.transaction.reference, providerRef: tx.transaction.providerRef! }));
    expect(await s.payments.balance(f.family.id)).toBe(1000);

    // 20 € of credit covers 13,20 €: no card, booked at once.
    await credits.move({ familyId: f.family.id, amountCents: 1000, kind: 'adjustment', label: 'Avoir', transactionId: null }, s.clock.now());
    const second = await pay(s, f.family.id);
    expect(second).toMatchObject({ ok: true, value: { kind: 'result' } });
    if (!second.ok) return;
    expect((await s.payments.view(f.family.id, second.value.transactionId))!.transaction).toMatchObject({ provider: 'credit', state: 'paid', amountCents: 0, carriedCents: 1320 });
    expect(provider.starts).toHaveLength(1);
    expect(await bookedDays(s, f.child.id, f.wednesday.id)).toEqual(['2026-12-09', '2026-12-16']);
    expect(await s.payments.balance(f.family.id)).toBe(680);
    expect(s.mailer.sent.map((m) => m.subject)).toEqual(['Reçu de paiement n° R2026-000001']);

    // Cancelling a paid Wednesday before its deadline gives a credit (no card).
    await tickWednesdays(s, f, ['2026-12-09']);
    const cancel = (await s.booking.basket(f.family.id))!;
    expect(cancel.lines.map((l) => [l.day, l.action, l.amountCents])).toEqual([['2026-12-16', 'cancel', -660]]);
    const third = await pay(s, f.family.id);
    expect(third).toMatchObject({ ok: true, value: { kind: 'result' } });
    expect(await bookedDays(s, f.child.id, f.wednesday.id)).toEqual(['2026-12-09']);
    expect(await s.payments.balance(f.family.id)).toBe(680 + 660);

    // An amount owed (Restant dû) is carried into the next card payment.
    await credits.move({ familyId: f.family.id, amountCents: -(680 + 660) - 250, kind: 'adjustment', label: 'Restant dû', transactionId: null }, s.clock.now());
    await tickWednesdays(s, f, ['2027-01-06']);
    const fourth = await pay(s, f.family.id);
    if (!fourth.ok) throw new Error(fourth.error);
    const owed = (await s.payments.view(f.family.id, fourth.value.transactionId))!;
    expect(owed.transaction).toMatchObject({ amountCents: 660 + 250, carriedCents: -250 });
    expect(owed.lines.at(-1)).toMatchObject({ kind: 'carried', amountCents: 250, priceLabel: 'Restant dû reporté sur ce paiement' });
    await s.payments.notification('stripe', signedNotification('evt_owed', { status: 'paid', reference: owed.transaction.reference, providerRef: owed.transaction.providerRef!, amount: 910 }));
    expect(await s.payments.balance(f.family.id)).toBe(0);
  });

  it('refuses an amount outside the provider’s limits before any charge', async () => {
    const handle = getHandle();
    const f = await prepaidFixture(handle.db);
    const s = paymentServices(handle, { provider: scriptedProvider({ minCents: 1000, maxCents: 1200 }) });
    await tickWednesdays(s, f, WEDNESDAYS.slice(0, 1));
    expect(await pay(s, f.family.id)).toMatchObject({ ok: false, error: 'amount_too_small' });
    await tickWednesdays(s, f, WEDNESDAYS.slice(0, 2));
    expect(await pay(s, f.family.id)).toMatchObject({ ok: false, error: 'amount_too_large' });
    expect((await s.booking.basket(f.family.id))!.lines).toHaveLength(2);
    expect(await heldPlaces(s, f.wednesday.id)).toEqual({});
  });

  it('gives back the places and the lines when the provider refuses to start', async () => {
    const handle = getHandle();
    const f = await prepaidFixture(handle.db);
    const provider = scriptedProvider();
    provider.start = async () => {
      throw new (await import('../../core/payments/ports')).ProviderRefusedError('R3', 'Paramètre non conforme');
    };
    const s = paymentServices(handle, { provider });
    await tickWednesdays(s, f, WEDNESDAYS.slice(0, 1));
    expect(await pay(s, f.family.id)).toEqual({ ok: false, error: 'provider_refused', detail: 'R3 : Paramètre non conforme' });
    expect(await heldPlaces(s, f.wednesday.id)).toEqual({});
    expect((await s.booking.basket(f.family.id))!.lines.map((l) => l.day)).toEqual(['2026-12-09']);
  });

  it('still lets staff book on the family’s behalf while a payment runs (the held place counts)', async () => {
    const handle = getHandle();
    const f = await prepaidFixture(handle.db, {});
    await handle.db.updateTable('activities').set({ capacity: 1 }).where('id', '=', f.wednesday.id).execute();
    const s = paymentServices(handle, { provider: scriptedProvider() });
    await tickWednesdays(s, f, WEDNESDAYS.slice(0, 1));
    expect((await pay(s, f.family.id)).ok).toBe(true);
    // The only place is held: another child booked by staff for that day goes on the waiting list.
    const family = await createFamily(handle.db);
    const child = await createChild(handle.db, { family_id: family.id, first_name: 'Tom', site_id: f.site.id });
    await createEnrolment(handle.db, { child_id: child.id, activity_id: f.wednesday.id });
    const staff = await s.booking.applyNow({ familyId: family.id, childId: child.id, view: 'month', date: '2026-12-01', checked: [cell(f.wednesday.id, '2026-12-09')], wholePeriod: [], actor: agent });
    expect(staff.ok && staff.value.applied.map((l) => l.action)).toEqual(['wait']);
    expect(await bookedDays(s, child.id, f.wednesday.id)).toEqual([]);
  });
});

describeEachDialect('payments: PayFiP and Stripe', (getHandle) => {
  it('pays on PayFiP: the trusted answer is recupererDetailPaiementSecurise, whatever the notification says', async () => {
    const handle = getHandle();
    const f = await prepaidFixture(handle.db, { family: { email: 'famille@example.fr' } });
    let resultrans = 'P5';
    const replay = payfipReplay(() => resultrans);
    const s = paymentServices(handle, { payment: PAYFIP_CONFIG, soapTransport: replay.transport });
    await tickWednesdays(s, f, WEDNESDAYS.slice(0, 2));
    const started = await pay(s, f.family.id);
    if (!started.ok || started.value.kind !== 'redirect') throw new Error(JSON.stringify(started));
    expect(started.value.url).toBe('https://payfip.test/tpa/paiementws.web?idop=IDOP0000000000000000000000000001');
    const request = replay.requests[0].body;
    for (const [name, value] of [
      ['numcli', '012345'], ['montant', '1320'], ['saisie', 'T'], ['exer', '2026'], ['mel', 'famille@example.fr'],
      ['urlnotif', 'http://portail.test/api/paiement/payfip/notification'],
      ['urlredirect', `http://portail.test/api/paiement/retour/${started.value.transactionId}`],
    ]) {
      expect(request).toContain(`<${name}>${value}</${name}>`);
    }
    expect(request).toMatch(/<refdet>TRT[A-Z2-9]{17}<\/refdet>/);
    const notify = (body: string) => s.payments.notification('payfip', { method: 'POST', headers: {}, query: new URLSearchParams(), rawBody: body });
    // P5: not known yet.
    expect((await notify('idop=IDOP0000000000000000000000000001')).status).toBe(200);
    expect((await s.payments.view(f.family.id, started.value.transactionId))!.transaction.state).toBe('waiting');
    // P: paid (notified with idOp, as PayFiP sometimes spells it), five times.
    resultrans = 'P';
    for (let i = 0; i < 5; i++) expect((await notify('idOp=IDOP0000000000000000000000000001')).status).toBe(200);
    expect((await s.payments.view(f.family.id, started.value.transactionId))!.transaction).toMatchObject({ state: 'paid', resultCode: 'P' });
    expect(await bookedDays(s, f.child.id, f.wednesday.id)).toEqual(['2026-12-09', '2026-12-16']);
    expect(s.mailer.sent).toHaveLength(1);
    // An idop we never created: anomaly, 404, no call to PayFiP, no booking.
    const calls = replay.requests.length;
    expect((await notify('idop=FORGED0000000000000000000000')).status).toBe(404);
    expect(replay.requests).toHaveLength(calls);
    expect((await s.payments.anomalies()).map((a) => [a.kind, a.reference])).toEqual([['unknown_reference', 'FORGED0000000000000000000000']]);
    expect((await notify('nothing=here')).status).toBe(400);
  });

  for (const [code, state] of [['R', 'denied'], ['Z', 'denied'], ['A', 'cancelled'], ['V', 'paid']] as const) {
    it(`maps PayFiP resultrans ${code} to ${state}`, async () => {
      const handle = getHandle();
      const f = await prepaidFixture(handle.db);
      const replay = payfipReplay(() => code);
      const s = paymentServices(handle, { payment: PAYFIP_CONFIG, soapTransport: replay.transport });
      await tickWednesdays(s, f, WEDNESDAYS.slice(0, 1));
      const started = await pay(s, f.family.id);
      if (!started.ok) throw new Error(started.error);
      // The return page asks PayFiP (pollOnReturn) before showing the result.
      const view = (await s.payments.view(f.family.id, started.value.transactionId, { refresh: true }))!;
      expect(view.transaction.state).toBe(state);
      expect(await bookedDays(s, f.child.id, f.wednesday.id)).toEqual(state === 'paid' ? ['2026-12-09'] : []);
    });
  }

  it('ends a PayFiP payment still unknown (P5) after 20 minutes, or unknown to PayFiP (P1), when the hold ends', async () => {
    const handle = getHandle();
    const f = await prepaidFixture(handle.db);
    const replay = payfipReplay(() => 'P5');
    const s = paymentServices(handle, { payment: PAYFIP_CONFIG, soapTransport: replay.transport });
    await tickWednesdays(s, f, WEDNESDAYS.slice(0, 1));
    const started = await pay(s, f.family.id);
    if (!started.ok) throw new Error(started.error);
    s.clock.advance(21 * 60_000);
    await s.payments.reconcile();
    expect((await s.payments.view(f.family.id, started.value.transactionId))!.transaction).toMatchObject({ state: 'expired', resultCode: 'P5' });
    expect((await s.booking.basket(f.family.id))!.lines.map((l) => l.day)).toEqual(['2026-12-09']);
  });

  it('refuses PayFiP amounts under 1 € (the limit is 1 € to 100 000 €)', async () => {
    const handle = getHandle();
    const f = await prepaidFixture(handle.db, { family: { qf: 100 } }); // bracket 1: 3,00 € a Wednesday
    const replay = payfipReplay(() => 'P');
    const s = paymentServices(handle, { payment: PAYFIP_CONFIG, soapTransport: replay.transport });
    const credits = (await import('../../adapters/db/repositories/credits')).creditRepository(handle.db);
    await credits.move({ familyId: f.family.id, amountCents: 250, kind: 'adjustment', label: 'Avoir', transactionId: null }, s.clock.now());
    await tickWednesdays(s, f, WEDNESDAYS.slice(0, 1));
    expect(await pay(s, f.family.id)).toEqual({ ok: false, error: 'amount_too_small', detail: `0,50${S}€` });
    expect(replay.requests).toHaveLength(0);
    expect(await s.payments.balance(f.family.id)).toBe(250);
  });

  it('pays several invoices at once with one PayFiP transaction per invoice', async () => {
    const handle = getHandle();
    const f = await prepaidFixture(handle.db);
    const settled: string[] = [];
    const invoices: PayableSource = {
      kind: 'invoice',
      async describe(_repos, familyId, ids) {
        const known: Record<string, number> = { 'inv-1': 4250, 'inv-2': 1830 };
        if (familyId !== f.family.id || ids.some((id) => !(id in known))) return { ok: false, error: 'not_found' };
        return { ok: true, lines: ids.map((id) => ({ payableId: id, label: `Facture ${id}`, amountCents: known[id] })) };
      },
      async settle(_repos, _familyId, lines) {
        settled.push(...lines.map((l) => l.payableId!));
      },
    };
    const replay = payfipReplay(() => 'P');
    const s = paymentServices(handle, { payment: PAYFIP_CONFIG, soapTransport: replay.transport, invoices });
    expect(await s.payments.payInvoices({ familyId: f.family.id, invoiceIds: ['inv-1', 'autre'], actor })).toMatchObject({ ok: false, error: 'not_found' });
    const first = await s.payments.payInvoices({ familyId: f.family.id, invoiceIds: ['inv-1', 'inv-2'], actor });
    if (!first.ok || first.value.kind !== 'redirect') throw new Error(JSON.stringify(first));
    const view = (await s.payments.view(f.family.id, first.value.transactionId))!;
    expect(view.siblings.map((t) => [t.checkoutPosition, t.amountCents, t.state])).toEqual([[1, 4250, 'waiting'], [2, 1830, 'started']]);
    expect(replay.requests.map((r) => /<montant>(\d+)</.exec(r.body)?.[1])).toEqual(['4250']);
    await s.payments.notification('payfip', { method: 'POST', headers: {}, query: new URLSearchParams(), rawBody: 'idop=IDOP0000000000000000000000000001' });
    expect(settled).toEqual(['inv-1']);
    const next = await s.payments.continueCheckout({ familyId: f.family.id, transactionId: first.value.transactionId });
    expect(next.ok && next.value.kind).toBe('redirect');
    expect(replay.requests.filter((r) => r.action === 'creerPaiementSecurise').map((r) => /<montant>(\d+)</.exec(r.body)?.[1])).toEqual(['4250', '1830']);
    const refdets = replay.requests.filter((r) => r.action === 'creerPaiementSecurise').map((r) => /<refdet>(\w+)</.exec(r.body)?.[1]);
    expect(new Set(refdets).size).toBe(2);
  });

  it('pays with Stripe Checkout: fulfilment from the signed webhook, replays deduplicated by event id', async () => {
    const handle = getHandle();
    const f = await prepaidFixture(handle.db);
    const calls: string[] = [];
    const stripeFetch = (async (url: string | URL | Request, init?: RequestInit) => {
      calls.push(`${init?.method ?? 'GET'} ${new URL(String(url)).pathname} ${new Headers(init?.headers as HeadersInit).get('idempotency-key') ?? ''}`);
      const body = { id: 'cs_test_42', object: 'checkout.session', url: 'https://checkout.stripe.com/c/pay/cs_test_42', status: 'open', payment_status: 'unpaid', amount_total: 1320, currency: 'eur' };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    const config = { provider: 'stripe' as const, holdMinutes: 30, stripe: { secretKey: 'sk_test_tartine', webhookSecret: 'whsec_tartine' } };
    const s = paymentServices(handle, { payment: config, stripeFetch });
    await tickWednesdays(s, f, WEDNESDAYS.slice(0, 2));
    const started = await pay(s, f.family.id);
    if (!started.ok || started.value.kind !== 'redirect') throw new Error(JSON.stringify(started));
    expect(started.value.url).toBe('https://checkout.stripe.com/c/pay/cs_test_42');
    expect(calls).toEqual([`POST /v1/checkout/sessions tartine-checkout-${started.value.transactionId}`]);
    const tx = (await s.payments.view(f.family.id, started.value.transactionId, { refresh: true }))!.transaction;
    expect(tx.state).toBe('waiting'); // the return page does not fulfil: Stripe's webhook does
    expect(calls).toHaveLength(1);

    const event = (id: string) =>
      JSON.stringify({ id, object: 'event', type: 'checkout.session.completed', data: { object: { id: 'cs_test_42', object: 'checkout.session', status: 'complete', payment_status: 'paid', amount_total: 1320, currency: 'eur', client_reference_id: tx.reference } } });
    const deliver = (payload: string, secret = 'whsec_tartine') =>
      s.payments.notification('stripe', { method: 'POST', headers: { 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret }) }, query: new URLSearchParams(), rawBody: payload });
    expect((await deliver(event('evt_forged'), 'whsec_wrong')).status).toBe(400);
    expect(await bookedDays(s, f.child.id, f.wednesday.id)).toEqual([]);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await deliver(event('evt_1')));
    expect(answers.map((a) => a.body)).toEqual(['OK', 'Duplicate', 'Duplicate', 'Duplicate', 'Duplicate']);
    expect(await bookedDays(s, f.child.id, f.wednesday.id)).toEqual(['2026-12-09', '2026-12-16']);
    expect(s.mailer.sent).toHaveLength(1);
    expect(await countRows(handle.db, 'payment_events')).toBe(1);
  });
});

describe('payment amounts from staff input', () => {
  it('are parsed by core/pricing parseEuros (unit tests cover -1, NaN, 1e309, 12,505)', async () => {
    const { parseEuros } = await import('../../core/pricing');
    for (const bad of ['-1', 'NaN', '1e309', '12,505']) expect(parseEuros(bad).ok).toBe(false);
  });
});
